// Product cards on listings, and line items on cart and order pages, found by their structure: a
// repeated block holding a link, a price and (on listings) an image.
import { hiddenByAttribute, hintsOf, inBoilerplate, isStruck } from './dom.ts';
import { looksLikePrice, parsePrice, type PriceHints } from './price.ts';
import { clean, textOf } from './text.ts';
import { LIMITS, type Candidate } from './types.ts';
import { absolute, imageSrc } from './url.ts';

const CLIMB = 7;

function linkOf(el: Element, base: string): Element | undefined {
  if (el.matches('a[href]') && usable(el, base)) return el;
  return [...el.querySelectorAll('a[href]')].find((a) => usable(a, base));
}
function usable(a: Element, base: string): boolean {
  const href = a.getAttribute('href') ?? '';
  return !/^(#|javascript:|mailto:|tel:)/i.test(href) && !!absolute(href, base);
}

function signature(el: Element): string {
  return `${el.parentElement ? hintsOf(el.parentElement) : ''}>${el.tagName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/).sort().join('.')}`;
}

function cardOf(priceEl: Element, needImage: boolean): Element | undefined {
  let el: Element | null = priceEl;
  for (let i = 0; el && i < CLIMB; i++, el = el.parentElement) {
    if (el.tagName === 'BODY' || el.tagName === 'MAIN') return undefined;
    const hasLink = el.matches('a[href]') || !!el.querySelector('a[href]');
    const hasImage = !!el.querySelector('img');
    if (hasLink && (hasImage || !needImage)) return el;
  }
  return undefined;
}

function readCard(card: Element, base: string, hints: PriceHints): Candidate | undefined {
  const link = linkOf(card, base);
  if (!link) return undefined;
  const img = card.querySelector('img');
  const heading = card.querySelector('h2, h3, h4, h5, [class*="title" i], [class*="name" i]');
  const prices = [...card.querySelectorAll('*')].filter((e) => e.children.length === 0 && looksLikePrice(clean(e.textContent ?? '') ?? ''));
  const current = prices.find((e) => !isStruck(e) && !/\b(was|old|strike|regular|list)/.test(hintsOf(e)));
  const struck = prices.find((e) => e !== current && (!!isStruck(e) || /\b(was|old|strike|regular|list)/.test(hintsOf(e))));
  const price = current ? parsePrice(textOf(current), hints) : undefined;
  let title = textOf(heading) ?? clean(img?.getAttribute('alt')) ?? textOf(link);
  if (title && price && looksLikePrice(title)) title = clean(img?.getAttribute('alt'));
  if (!title) return undefined;
  return {
    source: 'heuristic',
    url: absolute(link.getAttribute('href'), base),
    title,
    price: price?.amount,
    currency: price?.currency ?? (price ? hints.currency : undefined),
    listPrice: struck ? parsePrice(textOf(struck), hints)?.amount : undefined,
    imageUrl: img ? imageSrc(img, base) : undefined,
  };
}

/** Cards in repeated groups of at least `min` (listings) or any line items (carts: min 1, no image needed). */
export function findCards(doc: Document, base: string, hints: PriceHints, opts: { min: number; needImage: boolean }): Candidate[] {
  const cards = new Set<Element>();
  const all = doc.body?.querySelectorAll('*') ?? [];
  for (let i = 0; i < all.length && i < LIMITS.nodesVisited; i++) {
    const el = all[i]!;
    if (el.children.length > 0 || /^(SCRIPT|STYLE|OPTION)$/.test(el.tagName)) continue;
    const text = clean(el.textContent ?? '', 80);
    if (!text || !looksLikePrice(text) || hiddenByAttribute(el) || inBoilerplate(el)) continue;
    if (isStruck(el)) continue;
    const card = cardOf(el, opts.needImage);
    if (card) cards.add(card);
  }
  // Nested finds (a price inside a card inside a bigger card): keep the outermost of each.
  const list = [...cards].filter((c) => ![...cards].some((o) => o !== c && o.contains(c) && signature(o) === signature(c)));
  const groups = new Map<string, Element[]>();
  for (const c of list) groups.set(signature(c), [...(groups.get(signature(c)) ?? []), c]);
  const chosen = [...groups.values()].filter((g) => g.length >= opts.min).flat();
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const card of chosen) {
    const c = readCard(card, base, hints);
    if (!c?.url || seen.has(c.url)) continue;
    seen.add(c.url);
    out.push(c);
    if (out.length >= LIMITS.candidates) break;
  }
  return out;
}
