// Product cards on listings, and line items on cart and order pages, found by their structure: a
// repeated block holding a link, a price and (on listings) an image.
import { overBudget } from './budget.ts';
import { containersOf, descendants, hiddenByAttribute, hintsOf, inBoilerplate, isStruck } from './dom.ts';
import { imagesOf, isLink, linksOf } from './elements.ts';
import { looksLikePrice, parsePrice, type PriceHints } from './price.ts';
import { clean, countOf, ratingOf, textOf } from './text.ts';
import { LIMITS, type Candidate } from './types.ts';
import { absolute, imageSrc } from './url.ts';

const CLIMB = 7;
/** Cards a listing keeps when its page runs out of time: about a first screenful. */
const FIRST_SCREEN = 24;

function usable(a: Element, base: string): boolean {
  const href = a.getAttribute('href') ?? '';
  return !/^(#|javascript:|mailto:|tel:)/i.test(href) && !!absolute(href, base);
}

function signature(el: Element): string {
  return `${el.parentElement ? hintsOf(el.parentElement) : ''}>${el.tagName}.${(el.getAttribute('class') ?? '').trim().split(/\s+/).sort().join('.')}`;
}

function cardOf(priceEl: Element, needImage: boolean, withLink: Set<Element>, withImage: Set<Element>): Element | undefined {
  let el: Element | null = priceEl;
  for (let i = 0; el && i < CLIMB; i++, el = el.parentElement) {
    if (el.tagName === 'BODY' || el.tagName === 'MAIN') return undefined;
    if (withLink.has(el) && (!needImage || withImage.has(el))) return el;
  }
  return undefined;
}

const RATING_HINT = /rating|stars?\b|review|score|bewertung|avis|valoraci|recensioni|opinie/;
const OUT_OF = /(\d+(?:[.,]\d+)?)\s*(?:\/|out of|of|von|sur|de|di|su|z|из|van)\s*(\d+)/i;

const hasClass = (el: Element, part: string) => (el.getAttribute('class') ?? '').toLowerCase().includes(part);
const itemprop = (el: Element) => (el.getAttribute('itemprop') ?? '').toLowerCase();

/** `[itemprop="ratingValue" i], [class*="rating" i], [class*="stars" i], [class*="review" i], [aria-label*="star" i], [data-rating]` */
const isRatingEl = (el: Element) => itemprop(el) === 'ratingvalue' || hasClass(el, 'rating') || hasClass(el, 'stars') || hasClass(el, 'review') ||
  (el.getAttribute('aria-label') ?? '').toLowerCase().includes('star') || el.hasAttribute('data-rating');
/** `[itemprop="reviewCount" i], [itemprop="ratingCount" i], [class*="count" i]` */
const isCountEl = (el: Element) => itemprop(el) === 'reviewcount' || itemprop(el) === 'ratingcount' || hasClass(el, 'count');
/** `h2, h3, h4, h5, [class*="title" i], [class*="name" i]` */
const isHeadingEl = (el: Element) => /^H[2-5]$/.test(el.tagName) || hasClass(el, 'title') || hasClass(el, 'name');

/** What a card is made of, from one walk over its elements (not a selector query per part). */
interface CardParts {
  link?: Element;
  img?: Element;
  heading?: Element;
  rating?: Element;
  count?: Element;
  /** Leaves whose text reads as a price, in page order. */
  prices: Element[];
}

/** Elements of one card read; past them a card is a page region, not a card. */
const CARD_ELEMENTS = 2000;

function partsOf(card: Element, base: string): CardParts {
  const parts: CardParts = { prices: [] };
  if (isLink(card) && usable(card, base)) parts.link = card;
  for (const el of descendants(card, CARD_ELEMENTS)) {
    if (!parts.link && isLink(el) && usable(el, base)) parts.link = el;
    if (!parts.img && el.tagName === 'IMG') parts.img = el;
    if (!parts.heading && isHeadingEl(el)) parts.heading = el;
    if (!parts.rating && isRatingEl(el)) parts.rating = el;
    if (!parts.count && isCountEl(el)) parts.count = el;
    if (!el.firstElementChild && looksLikePrice(clean(el.textContent ?? '') ?? '')) parts.prices.push(el);
  }
  return parts;
}

/** A card's rating (0–5) and review count, from the element the shop names as its rating. */
function cardRating(el: Element | undefined, countEl: Element | undefined): { rating?: number; reviewCount?: number } {
  if (!el) return {};
  const said = `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('data-rating') ?? ''} ${el.getAttribute('content') ?? ''} ${clean(el.textContent, 80) ?? ''}`;
  const out = OUT_OF.exec(said);
  const bare = /(?:^|\s)([0-5](?:[.,]\d{1,2})?)(?=\s|$|\()/.exec(said.trim());
  const rating = out ? ratingOf(out[1], out[2]) : bare ? ratingOf(bare[1], 5) : undefined;
  const countText = (countEl ? clean(countEl.getAttribute('content') ?? countEl.textContent, 40) : undefined) ?? said;
  const m = /\((\d[\d.,]*)\)|^(\d[\d.,]*)$/.exec(countText.trim());
  const reviewCount = m ? countOf(m[1] ?? m[2]) : undefined;
  return RATING_HINT.test(hintsOf(el)) || el.hasAttribute('data-rating') || /star/i.test(el.getAttribute('aria-label') ?? '') || el.getAttribute('itemprop') ? { rating, reviewCount } : {};
}

function readCard(card: Element, base: string, hints: PriceHints): Candidate | undefined {
  const { link, img, heading, prices, ...rated } = partsOf(card, base);
  if (!link) return undefined;
  const current = prices.find((e) => !isStruck(e) && !/\b(was|old|strike|regular|list)/.test(hintsOf(e)));
  const struck = prices.find((e) => e !== current && (!!isStruck(e) || /\b(was|old|strike|regular|list)/.test(hintsOf(e))));
  const price = current ? parsePrice(textOf(current), hints) : undefined;
  let title = textOf(heading) ?? clean(img?.getAttribute('alt')) ?? textOf(link);
  if (title && price && looksLikePrice(title)) title = clean(img?.getAttribute('alt'));
  if (!title) return undefined;
  const { rating, reviewCount } = cardRating(rated.rating, rated.count);
  return {
    source: 'heuristic',
    rating,
    reviewCount,
    url: absolute(link.getAttribute('href'), base),
    title,
    price: price?.amount,
    currency: price?.currency ?? (price ? hints.currency : undefined),
    listPrice: struck ? parsePrice(textOf(struck), hints)?.amount : undefined,
    imageUrl: img ? imageSrc(img, base) : undefined,
  };
}

/** Cards in repeated groups of at least `min` (listings) or any line items (carts: min 1, no image needed).
 * Linear in the page's size, and bounded by the page's time budget (budget.ts): past it, it stops
 * cleanly with the cards found so far. */
export function findCards(doc: Document, base: string, hints: PriceHints, opts: { min: number; needImage: boolean }): Candidate[] {
  // The elements that hold a link / an image, found once for the page (linear), so that each climb
  // step is a set lookup instead of a subtree search.
  const withLink = containersOf(linksOf(doc));
  const withImage = opts.needImage ? containersOf(imagesOf(doc)) : new Set<Element>();
  const cards = new Set<Element>();
  // Page order, one element at a time: a walk that stops at the budget keeps the first cards.
  const body = doc.body;
  const walker = body && typeof doc.createTreeWalker === 'function' ? doc.createTreeWalker(body, 1 /* SHOW_ELEMENT */) : undefined;
  for (let i = 0; walker && i < LIMITS.nodesVisited * 2; i++) {
    // Past the budget with a screenful found, at four times it with a group found, at 25 times it whatever was found.
    if ((i & 63) === 63 && ((overBudget() && cards.size >= FIRST_SCREEN) || (overBudget(4) && cards.size >= opts.min) || overBudget(25))) break;
    const el = walker.nextNode() as Element | null;
    if (!el) break;
    if (el.firstElementChild || /^(SCRIPT|STYLE|OPTION)$/.test(el.tagName)) continue;
    const raw = el.textContent ?? '';
    if (raw.length > 200) continue;
    const text = clean(raw, 80);
    if (!text || !looksLikePrice(text) || hiddenByAttribute(el) || inBoilerplate(el)) continue;
    if (isStruck(el)) continue;
    const card = cardOf(el, opts.needImage, withLink, withImage);
    if (card) cards.add(card);
  }
  // Nested finds (a price inside a card inside a bigger card): keep the outermost of each, by a walk
  // up each card's ancestors (set lookups) instead of comparing every pair.
  const sig = new Map<Element, string>();
  const sigOf = (e: Element) => sig.get(e) ?? (sig.set(e, signature(e)), sig.get(e)!);
  const groups = new Map<string, Element[]>();
  for (const c of cards) {
    let nested = false;
    for (let p = c.parentElement, k = 0; p && k < 64; p = p.parentElement, k++) {
      if (cards.has(p) && sigOf(p) === sigOf(c)) {
        nested = true;
        break;
      }
    }
    if (nested) continue;
    const key = sigOf(c);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  // Back in page order: the order a shopper sees, which is the listing's position.
  const chosen = new Set([...groups.values()].filter((g) => g.length >= opts.min).flat());
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const card of cards) {
    if (!chosen.has(card)) continue;
    if ((overBudget() && out.length >= FIRST_SCREEN) || overBudget(25)) break;
    const c = readCard(card, base, hints);
    if (!c?.url || seen.has(c.url)) continue;
    seen.add(c.url);
    out.push(c);
    if (out.length >= LIMITS.candidates) break;
  }
  return out;
}
