// For pages with no usable markup: the main heading, the price next to the add-to-cart control, the
// main product image by size and position, the breadcrumb for the category, a "Brand:" label.
import { checkEvery } from './budget.ts';
import { childCount, closestTag, containersOf, hiddenByAttribute, hintsOf, inBoilerplate, inListLink, inOtherProducts, isStruck, sizeOf, treeDistance } from './dom.ts';
import { amountCount, looksLikePrice, parsePrice, priceTextOf, type PriceHints } from './price.ts';
import { clean, textOf } from './text.ts';
import { imagesOf, pageElements } from './elements.ts';
import { perPass } from './pass.ts';
import { textNodesOf } from './textnodes.ts';
import { LIMITS, type Candidate } from './types.ts';
import { imageSrc } from './url.ts';

/** What an add-to-cart control says, in the main shopping languages (lexicon.ts). */
export { ADD_TO_CART } from './lexicon.ts';
import { ADD_TO_CART } from './lexicon.ts';
export const WISHLIST = /\b(wish ?list|save for later|add to (favou?rites|list)|merkliste|wunschliste|liste de souhaits|favoritos|verlanglijst)\b|♡|❤/i;

/** What a control says it does: its text, value, label, title, id and name. */
export function controlText(el: Element, text = el.textContent ?? ''): string {
  return `${text} ${el.getAttribute('value') ?? ''} ${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.id} ${el.getAttribute('name') ?? ''}`
    .replace(/[-_]/g, ' ');
}

// Whether a control says "add to cart", kept per element for the pass: the page's own cart
// controls (findControls) and the buy box (buybox.ts) ask it of the same links and buttons, and
// reading a control's text and scanning it for the phrases is most of what either walk costs.
const cartWords = perPass((_doc: Document) => new Map<Element, boolean>());

/** `ADD_TO_CART.test(controlText(el))`, answered once per element and pass. */
export function saysAddToCart(el: Element, text?: string): boolean {
  const memo = cartWords(el.ownerDocument);
  let says = memo.get(el);
  if (says === undefined) memo.set(el, (says = ADD_TO_CART.test(controlText(el, text ?? el.textContent ?? ''))));
  return says;
}

export function findControls(root: ParentNode, pattern: { test(text: string): boolean }, max = 10): Element[] {
  const says = pattern === ADD_TO_CART ? saysAddToCart : (el: Element, text: string) => pattern.test(controlText(el, text));
  const out: Element[] = [];
  const controls = (root as Node).nodeType === 9 /* DOCUMENT_NODE */ ? pageElements(root as Document).controls
    : root.querySelectorAll('button, input[type="submit"], input[type="button"], a[role="button"], [role="button"], a');
  for (let i = 0; i < controls.length && i < 3000 && out.length < max; i++) {
    if (checkEvery(i)) break;
    const el = controls[i]!;
    // A control says what it does in a few words; a link around a whole card is not one.
    if (childCount(el, 6) > 6) continue;
    const text = el.textContent ?? '';
    if (text.length > 100) continue;
    // The words first: the ancestor walk of hiddenByAttribute is the dearer question.
    if (says(el, text) && !hiddenByAttribute(el)) out.push(el);
  }
  return out;
}

/** Add-to-cart controls of the page's own product (not those of recommended ones). */
export function ownCartControls(root: ParentNode, max = 3): Element[] {
  return findControls(root, ADD_TO_CART, max * 4).filter((el) => !inOtherProducts(el)).slice(0, max);
}

export function findControl(root: ParentNode, pattern: { test(text: string): boolean }): Element | undefined {
  return findControls(root, pattern, 1)[0];
}

const TITLE_HINT = /(product|item|pdp)[-_ ]?(title|name|heading)|^\s*title\b/;
const NOT_TITLE_HINT = /message|modal|popup|dialog|upsell|success|error|alert|cookie|newsletter/;

/** The main heading: among h1s and elements named like a product title, the one the page's <title> agrees with. */
export function mainHeading(doc: Document): Element | undefined {
  const docTitle = clean(doc.title) ?? '';
  const candidates: { el: Element; text: string }[] = [];
  for (const el of pageElements(doc).headingCandidates.slice(0, 50)) {
    if (hiddenByAttribute(el)) continue;
    const text = textOf(el);
    if (text && text.length < 400) candidates.push({ el, text });
  }
  // `el.querySelector('[id*="producttitle" i], [class*="product-title" i]')` for every candidate at once:
  // the strict ancestors of the elements so named.
  const named = pageElements(doc).namedTitles;
  const holdsNamed = containersOf(named.flatMap((e) => (e.parentElement ? [e.parentElement] : [])));
  let best: { el: Element; score: number } | undefined;
  for (const { el, text } of candidates) {
    const hint = hintsOf(el);
    let score = el.tagName === 'H1' ? 1 : 0;
    if (TITLE_HINT.test(hint) || holdsNamed.has(el)) score += 2;
    if (NOT_TITLE_HINT.test(hint)) score -= 3;
    if (inBoilerplate(el)) score -= 2;
    score += 4 * wordOverlap(text, docTitle);
    if (!best || score > best.score) best = { el, score };
  }
  return best?.el;
}

const wordsOf = (s: string) => new Set(s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1));
/** Share of the smaller text's words found in the other (0..1). */
export function wordOverlap(a: string, b: string): number {
  const wa = wordsOf(a);
  const wb = wordsOf(b);
  if (!wa.size || !wb.size) return 0;
  let n = 0;
  for (const w of wa) if (wb.has(w)) n++;
  return n / Math.min(wa.size, wb.size);
}

const STRUCK = /\b(was|old|strike|regular|list|uvp|rrp|msrp|before|crossed|original|compare)/;
const NOT_A_PRICE = /\b(unit|per|shipping|delivery|installment|monthly|save|saving|discount|points|rating|review|vat-free|netto|excl)|conv(erted)?[-_]?pri?ce?|convprc|approx/;
/** A conversion into another currency, shown beside the real price ("Circa EUR 14,43", "approx. $12"). */
const CONVERTED = /^[([]?\s*(circa|approx\.?|approximately|about|ca\.|environ|aprox\.?|aproximadamente|ungefähr|около|ok\.|cca\.?)\s/i;

const MIN_PRICE_SCORE = -6;
const NOT_SHOWN = /^(script|style|noscript|option)$/i;

interface PriceCandidate {
  el: Element;
  amount: number;
  currency?: string;
  struck: boolean;
  score: number;
}

/**
 * The body's elements whose text holds a digit in at most 400 characters, in page order, each with
 * its text: the only ones that can state a price. Found upwards from the text nodes that hold a
 * digit, each element's text read once and no ancestor past the first too long (an ancestor's text
 * holds its descendants'), instead of reading the text of every element of the page, wrappers of
 * the whole page included. Each text node's new ancestors come outermost first, and come after those
 * of the text nodes before it: page order, without sorting. The texts read (the too-long ancestors'
 * too) are kept for the questions asked of an element's parent and children, so that no element's
 * text is read again (a parent that is the whole page's wrapper, read once per price, is quadratic).
 */
function digitBlocks(doc: Document): { blocks: Element[]; texts: Map<Element, string> } {
  const body = doc.body;
  const blocks: Element[] = [];
  const texts = new Map<Element, string>();
  if (!body) return { blocks, texts };
  // The text nodes the short-run readers walk too (textnodes.ts), listed once for both.
  const { nodes, values } = textNodesOf(doc);
  const chain: Element[] = [];
  for (let i = 0; i < LIMITS.nodesVisited * 2 && i < nodes.length; i++) {
    if (checkEvery(i, 63)) break;
    if (!/\d/.test(values[i]!)) continue;
    chain.length = 0;
    for (let el = nodes[i]!.parentElement; el && el !== body && !texts.has(el); el = el.parentElement) {
      const text = el.textContent ?? '';
      texts.set(el, text);
      if (text.length > 400) break;
      chain.push(el);
    }
    for (let k = chain.length - 1; k >= 0; k--) blocks.push(chain[k]!);
  }
  return { blocks, texts };
}

/** Whether a child of `el` with a digit in its text (among `texts`) reads as a price by itself. */
function someChildReadsAsPrice(el: Element, texts: Map<Element, string>): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
    const t = texts.get(c);
    if (t !== undefined && looksLikePrice(clean(t, 80) ?? '')) return true;
  }
  return false;
}

export function priceCandidates(doc: Document, hints: PriceHints, anchor: Element | undefined): PriceCandidate[] {
  const out: PriceCandidate[] = [];
  const { blocks: all, texts } = digitBlocks(doc);
  // An element that is not among the texts read holds no digit (or is the body): its text is only
  // needed when short, and the body's is read at most once.
  let bodyText: string | undefined;
  const textOfEl = (e: Element): string => texts.get(e) ?? (e === doc.body ? (bodyText ??= e.textContent ?? '') : e.textContent ?? '');
  for (let i = 0; i < all.length && out.length < 400; i++) {
    if (checkEvery(i)) break;
    const el = all[i]!;
    // Leaves (or hinted containers of a few nodes) carry a price; bigger blocks repeat their children.
    // A price split over a few inline elements ("$<span>99</span>", "229<sup>99</sup>") is read whole.
    // Cheapest questions first (a count up to 7 builds no collection).
    const children = childCount(el, 6);
    if (children > 6) continue;
    if (NOT_SHOWN.test(el.tagName)) continue;
    const hint = hintsOf(el);
    const hinted = /price/.test(hint);
    if (children > (hinted ? 6 : 3)) continue;
    const rawText = texts.get(el) ?? '';
    let text: string | undefined;
    if (!children) {
      text = clean(rawText, 200);
      // A bare amount whose currency is the next element ("<b>2320</b><span>元</span>").
      const next = text && /^\d[\d.,\s]*$/.test(text) ? clean(el.nextElementSibling?.textContent ?? '', 12) : undefined;
      if (next && looksLikePrice(`${text} ${next}`) && !/\d/.test(next)) text = `${text} ${next}`;
    }
    // A block that states three amounts or more is a table of prices (quantity tiers, "buy 2, save
    // $5"), not one: its leaves are the candidates. Two can be a price and its range or old price.
    else if (hinted) text = amountCount(rawText) > 2 ? undefined : priceTextOf(el);
    else {
      // Only when no child reads as a price by itself (else the children are the candidates).
      // A child with no digit in its text (not among the texts read) cannot read as a price.
      if (rawText.length > 80 || someChildReadsAsPrice(el, texts)) continue;
      text = priceTextOf(el);
    }
    if (!text || (!looksLikePrice(text) && !(hinted && /\d/.test(text) && text.length < 40))) continue;
    if (hiddenByAttribute(el)) continue;
    const p = parsePrice(text, hints);
    if (!p || p.amount <= 0) continue;
    const struck = isStruck(el) || STRUCK.test(hint) || /line-through/.test(el.getAttribute('style') ?? '');
    let score = 0;
    if (hinted) score += 3;
    if (/(^|\s|[-_])(sale|our|current|now|final|actual|offer|deal)/.test(hint)) score += 2;
    const parentText = el.parentElement ? textOfEl(el.parentElement) : '';
    const context = parentText.length < 80 ? clean(parentText) ?? '' : '';
    // Shipping, instalments and conversions are named on the price's element or on the block around it.
    const around = `${hint} ${el.parentElement ? hintsOf(el.parentElement) : ''} ${el.parentElement?.parentElement ? hintsOf(el.parentElement.parentElement) : ''}`;
    if (NOT_A_PRICE.test(around) || CONVERTED.test(text) || CONVERTED.test(context) || /\/\s*\d*\s*(ml|l|kg|g|m|oz|lb|stk|st|szt|pc)\b|\bper\b|\bje\b/i.test(text)) score -= 4;
    if (inBoilerplate(el)) score -= 3;
    // A block of other products (recommendations, "bought together") prices them, never this one:
    // as far down as a hint-less price beside the buy control is up, so that one wins.
    if (inOtherProducts(el)) score -= 4;
    else if (inListLink(el)) score -= 2;
    if (anchor) score -= Math.min(treeDistance(el, anchor), 30) / 3;
    out.push({ el, amount: p.amount, currency: p.currency, struck, score });
  }
  return out;
}

function bestImage(doc: Document, base: string, heading: Element | undefined): string | undefined {
  let best: { url: string; score: number } | undefined;
  const imgs = imagesOf(doc);
  for (let i = 0; i < imgs.length && i < 2000; i++) {
    if (checkEvery(i, 7)) break;
    const img = imgs[i]!;
    const url = imageSrc(img, base);
    if (!url || hiddenByAttribute(img)) continue;
    const hint = `${hintsOf(img)} ${url.toLowerCase()} ${(img.getAttribute('alt') ?? '').toLowerCase()}`;
    if (/logo|icon|sprite|avatar|badge|flag|pixel|spacer|rating|star|payment|banner/.test(hint) || /\.svg(\?|$)/.test(url)) continue;
    const { w, h } = sizeOf(img);
    // Strips (banners, dividers) are not product photos, which are roughly square.
    if (w && h && (w / h > 4 || h / w > 4)) continue;
    const area = w * h;
    let score = Math.log10(1 + area) * 2;
    if (/main|product|hero|landing|primary|zoom|gallery|large/.test(hintsOf(img))) score += 4;
    if (inBoilerplate(img)) score -= 5;
    // An image that links to another page, or sits among other products, belongs to another product's card.
    const link = closestTag(img, 'A', 'href');
    if (link && !/^#|\.(jpe?g|png|webp|avif|gif)(\?|$)/i.test(link.getAttribute('href') ?? '') && !/zoom|gallery|image/.test(hintsOf(link))) score -= 4;
    if (inOtherProducts(img)) score -= 4;
    if (heading) {
      score -= Math.min(treeDistance(img, heading), 30) / 4;
      // Shops describe the main photo with the product's name.
      score += 6 * wordOverlap(img.getAttribute('alt') ?? '', textOf(heading) ?? '');
    }
    if (!best || score > best.score) best = { url, score };
  }
  return best?.url;
}

export function breadcrumbTrail(doc: Document): string[] | undefined {
  const nav = doc.querySelector('nav[aria-label*="breadcrumb" i], [class*="breadcrumb" i], [id*="breadcrumb" i]');
  if (!nav) return undefined;
  const parts = [...nav.querySelectorAll('li, a')]
    .filter((el) => el.tagName === 'LI' || !closestTag(el, 'LI'))
    .map((el) => textOf(el, 80))
    .filter((t): t is string => !!t && !/^(home|startseite|accueil|inicio|[›»>/‹«<])$|^[‹«<]|back to/i.test(t));
  const unique = [...new Set(parts)];
  return unique.length ? unique.slice(0, 10) : undefined;
}

const BRAND_LABEL = /^(brand|marke|marca|marque|merk|proizvajalec|producent|manufacturer|hersteller|fabricant|brand name)\s*:?$/i;

function brandOf(doc: Document): string | undefined {
  const byline = textOf(doc.querySelector('#bylineInfo, [class*="byline" i]'));
  const visit = byline && /(?:visit the|besuchen sie den|visitez la boutique|visita la tienda de)\s+(.+?)[- ]store/i.exec(byline);
  if (visit) return clean(visit[1]);
  if (byline) {
    const m = /^(?:brand|marke|marca|marque)\s*:\s*(.+)$/i.exec(byline);
    if (m) return clean(m[1]);
  }
  // Label/value pairs: <th>Brand</th><td>X</td>, <dt>Brand</dt><dd>X</dd>, "Brand: X".
  const labels = pageElements(doc).labelCells;
  for (let i = 0; i < labels.length && i < LIMITS.nodesVisited; i++) {
    if (checkEvery(i)) break;
    const el = labels[i]!;
    if (childCount(el, 1) > 1) continue;
    const t = clean(el.textContent ?? '', 80);
    if (!t) continue;
    if (BRAND_LABEL.test(t)) {
      const value = textOf(el.nextElementSibling, 80);
      if (value && value.length < 60) return value;
    }
    const inline = /^(?:brand|marke|marca|marque|proizvajalec|hersteller|manufacturer)\s*:\s*(.{1,60})$/i.exec(t);
    if (inline) return clean(inline[1]);
  }
  const el = doc.querySelector('[class*="brand" i]:not(img):not(a[href="/"]), [id*="brand" i]:not(img)');
  const t = el && !inBoilerplate(el) ? textOf(el, 60)?.replace(/^(brand|marke|marca|marque)\s*:\s*/i, '') : undefined;
  return t && t.length < 40 ? t : undefined;
}

export function titleFromDocument(doc: Document): string | undefined {
  const t = clean(doc.title);
  return t?.split(/\s+[|–—-]\s+/)[0];
}

export type HeuristicField = 'price' | 'brand' | 'image' | 'category';
export const ALL_HEURISTIC_FIELDS: ReadonlySet<HeuristicField> = new Set(['price', 'brand', 'image', 'category']);

export interface HeuristicContext {
  heading: Element | undefined;
  cart: Element | undefined;
  /** Only these are looked for: each costs a walk over the page, and markup often has them already. */
  want: ReadonlySet<HeuristicField>;
}

export function extractHeuristic(doc: Document, base: string, hints: PriceHints, ctx: HeuristicContext): Candidate {
  const { heading, want } = ctx;
  const prices = want.has('price') ? priceCandidates(doc, hints, ctx.cart ?? heading) : [];
  // A lone price far from the product's heading and buy box, with nothing saying it is a price, is
  // some other product's (an out-of-stock page still lists other sellers and accessories).
  const current = prices.filter((p) => !p.struck && p.score > MIN_PRICE_SCORE).sort((a, b) => b.score - a.score)[0];
  const struck = prices.filter((p) => p.struck && (!current || p.amount > current.amount)).sort((a, b) => b.score - a.score)[0];
  return {
    source: 'heuristic',
    title: textOf(heading) ?? titleFromDocument(doc),
    brand: want.has('brand') ? brandOf(doc) : undefined,
    price: current?.amount,
    currency: current?.currency ?? (current ? hints.currency : undefined),
    listPrice: struck?.amount,
    category: want.has('category') ? breadcrumbTrail(doc) : undefined,
    imageUrl: want.has('image') ? bestImage(doc, base, heading) : undefined,
  };
}
