// Small DOM facts the heuristics share: tree distance, "is this boilerplate", rendered size when the
// document has layout and attribute size when it has none (a parsed document in Node).
import { pageElements } from './elements.ts';
import { perPass } from './pass.ts';

export function depth(el: Element): number {
  let d = 0;
  for (let p = el.parentElement; p; p = p.parentElement) d++;
  return d;
}

// The ancestors of the elements distances are measured to (a buy control, the heading: a few per
// page) with their distance, made once per pass: each distance is then a walk from the other element
// up to the first shared ancestor, not two walks to the root and a map per question.
const ancestorsOf = perPass((el: Element): Map<Element, number> => {
  const seen = new Map<Element, number>();
  let i = 0;
  for (let p: Element | null = el; p; p = p.parentElement) seen.set(p, i++);
  return seen;
});

/** Number of edges between two elements in the tree (`b` is the one many distances are measured to). */
export function treeDistance(a: Element, b: Element): number {
  const seen = ancestorsOf(b);
  let j = 0;
  for (let p: Element | null = a; p; p = p.parentElement, j++) {
    const k = seen.get(p);
    if (k !== undefined) return k + j;
  }
  return Number.POSITIVE_INFINITY;
}

type Region = 'other' | 'boilerplate' | 'hidden' | 'struck';

// Each region's roots are found once per pass (pass.ts), sorted out by the one walk over the page's
// elements (elements.ts, which says what makes each region's root) rather than a selector query per region; asking "is this element inside one" is
// then a walk up its ancestors instead of a selector match per element (which costs a lot in a DOM
// without a native engine, and these questions are asked of thousands of elements).
const regionsOf = perPass((_doc: Document): Partial<Record<Region, Set<Element>>> => ({}));

function rootsOf(doc: Document, region: Region): Set<Element> {
  const cache = regionsOf(doc);
  let roots = cache[region];
  if (!roots) {
    const found = pageElements(doc)[region];
    // A block holding the page's main heading is the product itself, whatever its class says
    // ("compare123" as the product block's id): other products never contain the page's h1.
    if (region === 'other' && found.length) {
      const holdsH1 = new Set<Element>();
      for (const h of pageElements(doc).h1) for (let p = h.parentElement; p && !holdsH1.has(p); p = p.parentElement) holdsH1.add(p);
      roots = new Set(found.filter((r) => !holdsH1.has(r)));
    } else roots = new Set(found);
    cache[region] = roots;
  }
  return roots;
}

// Each element's answer is kept for the pass, for it and every ancestor its walk passed: a walk
// stops at the first element already answered, so that all the questions of a pass together visit
// each element once (on deeply nested markup, a walk to the root per question is quadratic).
const answersOf = perPass((_doc: Document): Partial<Record<Region, Map<Element, boolean>>> => ({}));

export function inRegion(el: Element, region: Region): boolean {
  const doc = el.ownerDocument;
  const roots = rootsOf(doc, region);
  if (!roots.size) return false;
  const answers = (answersOf(doc)[region] ??= new Map());
  const path: Element[] = [];
  let inside = false;
  for (let p: Element | null = el; p; p = p.parentElement) {
    const known = answers.get(p);
    if (known !== undefined) {
      inside = known;
      break;
    }
    path.push(p);
    if (roots.has(p)) {
      inside = true;
      break;
    }
  }
  for (const p of path) answers.set(p, inside);
  return inside;
}

export const inOtherProducts = (el: Element) => inRegion(el, 'other');
export const inBoilerplate = (el: Element) => inRegion(el, 'boilerplate');
export const isStruck = (el: Element) => inRegion(el, 'struck');

// Plain structural questions asked of many elements, answered by walking the tree rather than by
// matching a selector per element: a DOM without a native selector engine (linkedom in Node) parses
// and compiles the selector on every matches/closest/querySelector call, and these are asked of
// hundreds of elements per page.

/** The nearest ancestor-or-self with this tag name (upper case), and `attr` when given. */
export function closestTag(el: Element, tag: string, attr?: string): Element | undefined {
  for (let p: Element | null = el; p; p = p.parentElement) if (p.tagName === tag && (!attr || p.hasAttribute(attr))) return p;
  return undefined;
}

/** `el.closest('li a')`: inside a link that is itself inside a list item (a card of another product). */
export function inListLink(el: Element): boolean {
  const a = closestTag(el, 'A');
  return !!a?.parentElement && !!closestTag(a.parentElement, 'LI');
}

/** How many child elements `el` has, counted up to `max + 1` (enough to say "more than max"):
 * a DOM without a native engine (linkedom) builds the whole child list for childElementCount. */
export function childCount(el: Element, max: number): number {
  let n = 0;
  for (let c = el.firstElementChild; c && n <= max; c = c.nextElementSibling) n++;
  return n;
}

/** The elements under `root`, in page order (not `root` itself), up to `max`. */
export function descendants(root: Element, max: number): Element[] {
  const doc = root.ownerDocument;
  if (typeof doc.createTreeWalker !== 'function') return [...root.querySelectorAll('*')].slice(0, max);
  const out: Element[] = [];
  const walker = doc.createTreeWalker(root, 1 /* SHOW_ELEMENT */);
  for (let el = walker.nextNode(); el && out.length < max; el = walker.nextNode()) out.push(el as Element);
  return out;
}

/** Every element that is or contains one of `matches`: each match marking its
 * ancestors up to the first one already marked, so the whole costs one pass over the page. */
export function containersOf(matches: Iterable<Element>): Set<Element> {
  const out = new Set<Element>();
  for (const m of matches) for (let p: Element | null = m; p && !out.has(p); p = p.parentElement) out.add(p);
  return out;
}

/** id, class and itemprop joined, lower-cased: what authors say an element is. */
export function hintsOf(el: Element): string {
  return `${el.id} ${el.getAttribute('class') ?? ''} ${el.getAttribute('itemprop') ?? ''} ${el.getAttribute('data-testid') ?? ''}`.toLowerCase();
}

/** Width and height in CSS pixels: rendered when there is layout, else from attributes (0 when unknown). */
export function sizeOf(el: Element): { w: number; h: number } {
  const rect = typeof (el as HTMLElement).getBoundingClientRect === 'function' ? (el as HTMLElement).getBoundingClientRect() : undefined;
  if (rect && rect.width > 0 && rect.height > 0) return { w: rect.width, h: rect.height };
  const style = el.getAttribute('style') ?? '';
  const w = parseFloat(el.getAttribute('width') ?? '') || parseFloat(/width:\s*(\d+)/.exec(style)?.[1] ?? '') || 0;
  const h = parseFloat(el.getAttribute('height') ?? '') || parseFloat(/height:\s*(\d+)/.exec(style)?.[1] ?? '') || 0;
  return { w, h };
}

/** Area in CSS pixels (see sizeOf). */
export function areaOf(el: Element): number {
  const { w, h } = sizeOf(el);
  return w * h;
}

/** Hidden by the author (attributes only: computed style is not available everywhere). */
export function hiddenByAttribute(el: Element): boolean {
  // aria-hidden is not here: it hides from assistive technology, not from the eye (shops put it on galleries).
  return inRegion(el, 'hidden') || /display:\s*none/.test(el.getAttribute('style') ?? '');
}
