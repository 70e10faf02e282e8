// The page's elements in page order, listed by one walk per pass (pass.ts), and sorted in that same
// walk into the few kinds the readers start from (forms, controls, images, label cells, the roots
// of regions, heading candidates). Several whole-document queries with long selector lists cost one
// document walk each; in a DOM without a native selector engine (linkedom in Node) each one also
// parses and compiles its selector. Native substring selectors (`[class*="related" i]`) are no
// cheaper in Chromium than this walk (measured: 1–15 ms for the region selectors alone), and a
// filter per kind over the list read each element's tag, class and id again for every kind: in the
// live page, on a cold start, those filters were a fifth of the extractor's time. Here each element's
// tag, class, id and role are read once.
import { perPass } from './pass.ts';

/** Elements listed; past them a page is read as far as this (more than any walk visits). */
const MAX_ELEMENTS = 100_000;

/** Blocks that show other products: recommendations, carousels, "bought together", comparisons.
 * Named by class or by id: a widget's root is often an id only (`<div id="xyz_recommend_tag">`).
 * As a selector: [class*="recommend" i], [id*="recommend" i], [class*="related" i], … (the parts below).
 * Class and id are matched as written with `i`: for ASCII words, a non-Unicode case-insensitive
 * regular expression is the selector's ASCII `i`, which agrees with lower-casing then searching on
 * every word here (no "k", none ends in "i": the only non-ASCII letters that lower-case to ASCII are
 * K and İ). In a cold content script the lower-casing and a loop over the words cost twice the
 * walk itself; the expressions are small, cheap to compile. */
const OTHER_CLASS = /recommend|related|carousel|sims|upsell|cross-sell|fbt|accessor|compar|similar/i;
const OTHER_ID = /recommend|related|sims|upsell|fbt|compar|similar/i;
/** Product titles named by id or class (headingCandidates; namedTitles, a part of them). */
const TITLE_ID = /producttitle|itemtitle/i;
const TITLE_CLASS = /product-title|product-name/i;
const NAMED_ID = /producttitle/i;
const NAMED_CLASS = /product-title/i;
/** `header, nav, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]` */
const BOILERPLATE_TAGS = new Set(['HEADER', 'NAV', 'FOOTER', 'ASIDE']);
const BOILERPLATE_ROLES = new Set(['navigation', 'banner', 'contentinfo']);
/** `th, dt, td, span, b, strong, label, div, p, li`: where a label/value pair is written. */
const LABEL_TAGS = new Set(['TH', 'DT', 'TD', 'SPAN', 'B', 'STRONG', 'LABEL', 'DIV', 'P', 'LI']);

export interface PageElements {
  /** Every element, the root first. */
  all: Element[];
  h1: Element[];
  forms: Element[];
  images: Element[];
  /** `input, select` */
  fields: Element[];
  /** `a, div, span`: where a buy control without a button's tag is looked for. */
  blocks: Element[];
  /** `a[href]` */
  links: Element[];
  /** LABEL_TAGS */
  labelCells: Element[];
  /** `button, input[type="submit"], input[type="button"], input[type="image"], [role="button"]` */
  buttons: Element[];
  /** `button, input[type="submit"], input[type="button"], a[role="button"], [role="button"], a`: what a shopper presses. */
  controls: Element[];
  /** `h1, [id*="producttitle" i], [class*="product-title" i], [class*="product-name" i], [id*="itemtitle" i]` */
  headingCandidates: Element[];
  /** `[id*="producttitle" i], [class*="product-title" i]` */
  namedTitles: Element[];
  /** Roots of regions (dom.ts): other products (OTHER_CLASS, OTHER_ID), boilerplate, `[hidden], template,
   * noscript`, `del, s, strike`. */
  other: Element[];
  boilerplate: Element[];
  hidden: Element[];
  struck: Element[];
}

function listAll(doc: Document): Element[] {
  const root = doc.documentElement;
  if (!root) return [];
  if (typeof doc.createTreeWalker !== 'function') return [...doc.querySelectorAll('*')].slice(0, MAX_ELEMENTS);
  const out: Element[] = [root];
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let el = walker.nextNode(); el && out.length < MAX_ELEMENTS; el = walker.nextNode()) out.push(el as Element);
  return out;
}

const typeOf = (el: Element) => (el.getAttribute('type') ?? '').toLowerCase();

export const pageElements = perPass((doc: Document): PageElements => {
  const all = listAll(doc);
  const p: PageElements = {
    all, h1: [], forms: [], images: [], fields: [], blocks: [], links: [], labelCells: [], buttons: [], controls: [],
    headingCandidates: [], namedTitles: [], other: [], boilerplate: [], hidden: [], struck: [],
  };
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    const tag = el.tagName;
    const role = el.getAttribute('role');
    const cls = el.getAttribute('class') ?? '';
    // Tested as a string, never lower-cased: in a live page a form's `id` can be its own
    // `<input name="id">` (DOM clobbering), and `id.toLowerCase()` threw there on 3 of the
    // benchmark's pages.
    const id = el.id;
    let button = role === 'button';
    let control = button;
    if (tag === 'A') {
      control = true;
      p.blocks.push(el);
      if (el.hasAttribute('href')) p.links.push(el);
    } else if (tag === 'BUTTON') button = control = true;
    else if (tag === 'INPUT') {
      const type = typeOf(el);
      if (type === 'submit' || type === 'button') button = control = true;
      else if (type === 'image') button = true;
      p.fields.push(el);
    } else if (tag === 'DIV' || tag === 'SPAN') p.blocks.push(el);
    else if (tag === 'H1') p.h1.push(el);
    else if (tag === 'FORM') p.forms.push(el);
    else if (tag === 'IMG') p.images.push(el);
    else if (tag === 'SELECT') p.fields.push(el);
    else if (tag === 'DEL' || tag === 'S' || tag === 'STRIKE') p.struck.push(el);
    if (LABEL_TAGS.has(tag)) p.labelCells.push(el);
    if (button) p.buttons.push(el);
    if (control) p.controls.push(el);
    const titleId = !!id && TITLE_ID.test(id);
    const titleClass = !!cls && TITLE_CLASS.test(cls);
    if ((titleId && NAMED_ID.test(id)) || (titleClass && NAMED_CLASS.test(cls))) p.namedTitles.push(el);
    if (tag === 'H1' || titleId || titleClass) p.headingCandidates.push(el);
    if ((!!cls && OTHER_CLASS.test(cls)) || (!!id && OTHER_ID.test(id))) p.other.push(el);
    if (BOILERPLATE_TAGS.has(tag) || BOILERPLATE_ROLES.has(role ?? '')) p.boilerplate.push(el);
    if (el.hasAttribute('hidden') || tag === 'TEMPLATE' || tag === 'NOSCRIPT') p.hidden.push(el);
  }
  return p;
});

export const imagesOf = (doc: Document) => pageElements(doc).images;
/** `a[href]` */
export const isLink = (el: Element) => el.tagName === 'A' && el.hasAttribute('href');

export const linksOf = (doc: Document) => pageElements(doc).links;
