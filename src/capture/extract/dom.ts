// Small DOM facts the heuristics share: tree distance, "is this boilerplate", rendered size when the
// document has layout and attribute size when it has none (a parsed document in Node).
import { perPass } from './pass.ts';

export function depth(el: Element): number {
  let d = 0;
  for (let p = el.parentElement; p; p = p.parentElement) d++;
  return d;
}

/** Number of edges between two elements in the tree. */
export function treeDistance(a: Element, b: Element): number {
  const seen = new Map<Element, number>();
  let i = 0;
  for (let p: Element | null = a; p; p = p.parentElement) seen.set(p, i++);
  let j = 0;
  for (let p: Element | null = b; p; p = p.parentElement, j++) {
    const k = seen.get(p);
    if (k !== undefined) return k + j;
  }
  return Number.POSITIVE_INFINITY;
}

/** Blocks that show other products: recommendations, carousels, "bought together", comparisons. */
// Named by class or by id: a widget's root is often an id only (`<div id="xyz_recommend_tag">`).
export const OTHER_PRODUCTS = '[class*="recommend" i], [id*="recommend" i], [class*="related" i], [id*="related" i], [class*="carousel" i], [id*="sims" i], [class*="sims" i], [class*="upsell" i], [id*="upsell" i], [class*="cross-sell" i], [id*="fbt" i], [class*="fbt" i], [class*="accessor" i], [id*="compar" i], [class*="compar" i], [class*="similar" i], [id*="similar" i]';
const BOILERPLATE = 'header, nav, footer, aside, [role="navigation"], [role="banner"], [role="contentinfo"]';
const HIDDEN = '[hidden], template, noscript';
const STRUCK = 'del, s, strike';

type Region = 'other' | 'boilerplate' | 'hidden' | 'struck';
const SELECTORS: Record<Region, string> = { other: OTHER_PRODUCTS, boilerplate: BOILERPLATE, hidden: HIDDEN, struck: STRUCK };

// Each region's roots are found once per pass (pass.ts); asking "is this element inside one" is then
// a walk up its ancestors instead of a selector match per element (which costs a lot in a DOM
// without a native engine, and these questions are asked of thousands of elements).
const regionsOf = perPass((_doc: Document): Partial<Record<Region, Set<Element>>> => ({}));

function rootsOf(doc: Document, region: Region): Set<Element> {
  const cache = regionsOf(doc);
  let roots = cache[region];
  if (!roots) {
    const found = [...doc.querySelectorAll(SELECTORS[region])];
    // A block holding the page's main heading is the product itself, whatever its class says
    // ("compare123" as the product block's id): other products never contain the page's h1.
    roots = new Set(region === 'other' ? found.filter((r) => !r.querySelector('h1')) : found);
    cache[region] = roots;
  }
  return roots;
}

export function inRegion(el: Element, region: Region): boolean {
  const roots = rootsOf(el.ownerDocument, region);
  if (!roots.size) return false;
  for (let p: Element | null = el; p; p = p.parentElement) if (roots.has(p)) return true;
  return false;
}

export const inOtherProducts = (el: Element) => inRegion(el, 'other');
export const inBoilerplate = (el: Element) => inRegion(el, 'boilerplate');
export const isStruck = (el: Element) => inRegion(el, 'struck');

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
