// One page in, its kind and products out. Pure over a Document: a parsed one in Node, the live page
// in the browser. Never throws on page content (the caller still guards, and reports).
import type { PageKind, Product } from '../../shared/schemas.ts';
import { findCards } from './cards.ts';
import { ALL_HEURISTIC_FIELDS, extractHeuristic, mainHeading, ownCartControls, type HeuristicField } from './heuristics.ts';
import { extractJsonLd } from './jsonld.ts';
import { mergeCandidates } from './merge.ts';
import { extractOpenGraph, extractTwitter, metaMap } from './meta.ts';
import { extractMicrodata, extractRdfa } from './microdata.ts';
import { findBuyBox } from './buybox.ts';
import { BRAND_LABEL, SKU_LABEL } from './lexicon.ts';
import { chooseCode, labelledValue, labelledValues, looksLikeBrand, looksLikeCode } from './labels.ts';
import { pageKind, productScore } from './pagekind.ts';
import { visibleAvailability } from './stock.ts';
import type { PriceHints } from './price.ts';
import { textOf } from './text.ts';
import { overBudget, startBudget } from './budget.ts';
import { startPass } from './pass.ts';
import { LIMITS, type Candidate } from './types.ts';
import { absolute } from './url.ts';

export interface PageExtraction {
  kind: PageKind;
  /** On a product page the main product is first (and alone); on other pages, the products listed. */
  products: Product[];
  /** A listing whose card walk stopped at the page's time budget: more cards may be on the page. */
  cut?: boolean;
}

/** The product page's own URL: rel=canonical, og:url, the URL its structured data names, else the address. */
function canonicalOf(doc: Document, meta: Map<string, string>, base: string, structuredUrl: string | undefined): string {
  return absolute(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href'), base) ?? absolute(meta.get('og:url'), base) ?? structuredUrl ?? base;
}

const norm = (s: string | undefined) => (s ?? '').toLowerCase().replace(/\s+/g, ' ').trim();

/** The page's main product among several structured ones: the one named like the heading, else the first. */
function mainOf(cands: Candidate[], heading: string | undefined): Candidate | undefined {
  if (cands.length <= 1 || !heading) return cands[0];
  const h = norm(heading);
  return cands.find((c) => norm(c.title) === h) ?? cands.find((c) => c.title && (h.includes(norm(c.title)) || norm(c.title).includes(h))) ?? cands[0];
}

function toProduct(c: Candidate, base: string): Product | undefined {
  const url = c.url ?? base;
  return mergeCandidates([c], { url, heading: c.title });
}

export interface ExtractOptions {
  /** Wall-clock budget for the page (ms); past it each walk stops cleanly with what it found. The
   * content script passes LIMITS.pageBudgetMs (the shop's main thread); none by default, so that
   * Node runs measure what is found rather than the machine's load. */
  budgetMs?: number;
}

export function extractPage(doc: Document, pageUrl: string, opts: ExtractOptions = {}): PageExtraction {
  startBudget(opts.budgetMs ?? Number.POSITIVE_INFINITY);
  startPass();
  const meta = metaMap(doc);
  const hints: PriceHints = { lang: doc.documentElement?.getAttribute('lang') ?? undefined, host: new URL(pageUrl).hostname };
  const ld = extractJsonLd(doc, pageUrl, hints);
  const micro = extractMicrodata(doc, pageUrl, hints);
  const rdfa = extractRdfa(doc, pageUrl, hints);
  const og = extractOpenGraph(meta, pageUrl, hints);
  const headingEl = mainHeading(doc);
  const heading = textOf(headingEl);
  const isOgProduct = /product/i.test(meta.get('og:type') ?? '');
  const structured = [...ld.products, ...micro, ...rdfa];
  const distinctTitles = new Set(structured.map((c) => norm(c.title)).filter(Boolean));
  const oneProduct = distinctTitles.size === 1 || (isOgProduct && (structured.length > 0 || !!og?.price)) ||
    (structured.length > 1 && !!heading && structured.some((c) => norm(c.title) === norm(heading)) && !ld.listed.length);

  // A listing: an ItemList, several structured products, or repeated cards (found by a budgeted walk).
  let walked = false;
  const listingCards = () => {
    if (ld.listed.length) return ld.listed;
    if (structured.length >= 3) return structured;
    // A page that spent its budget on the rest still gets a slice for its first cards.
    if (overBudget()) startBudget((opts.budgetMs ?? Number.POSITIVE_INFINITY) / 2);
    walked = true;
    return findCards(doc, pageUrl, hints, { min: 3, needImage: true });
  };
  const carts = ownCartControls(doc, 4);
  const box = findBuyBox(doc);
  const markup = [...structured, ...(og ? [og] : [])];
  const has = (f: keyof Candidate) => markup.some((c) => c[f] !== undefined);
  // On a page whose markup names one product, the page is only searched for what the markup lacks,
  // and for the shown price when the markup's prices disagree.
  const want = new Set<HeuristicField>(oneProduct ? [] : ALL_HEURISTIC_FIELDS);
  // The shown price is always read: markup often keeps the regular price during a sale.
  want.add('price');
  if (!has('brand')) want.add('brand');
  if (!has('imageUrl')) want.add('image');
  if (!has('category')) want.add('category');
  const anchor = box.controls.find((c) => c.tagName !== 'FORM') ?? carts[0] ?? box.controls[0];
  const heuristic = extractHeuristic(doc, pageUrl, { ...hints, currency: og?.currency ?? structured[0]?.currency }, {
    heading: headingEl, cart: anchor, want,
  });
  const stock = headingEl || anchor ? visibleAvailability(doc, box, [headingEl, anchor].filter((e): e is Element => !!e)) : undefined;
  // Page kind from several weak structural signals together (see productScore), not from one phrase.
  const score = oneProduct || structured.length >= 3 ? 0 : productScore(pageUrl, {
    buyForm: !!box.form,
    buyControls: Math.max(box.controls.length, carts.length),
    quantity: box.quantity,
    price: heuristic.price !== undefined,
    stockText: stock !== undefined && !box.controls.length,
    markup: !!doc.querySelector('[itemprop="price"], [itemprop="offers"], meta[property="product:price:amount"]') || isOgProduct,
  });
  // A page with no heading element still names its product in its <title>.
  const sellsOne = !!(heading ?? heuristic.title) && (heuristic.price !== undefined || stock !== undefined);
  const strong = sellsOne && score >= 4;
  const weak = sellsOne && score >= 2;
  const candidateCards = oneProduct || strong ? [] : listingCards();
  const buyBox = strong || (weak && candidateCards.length < 6);
  const cards = buyBox ? [] : candidateCards;
  const kind = pageKind(pageUrl, heading ?? '', { isOrder: ld.isOrder, oneProduct, listed: cards.length, buyBox });
  if (kind === 'product') {
    heuristic.availability = stock;
    if (want.has('brand')) heuristic.brand = labelledValue(doc, BRAND_LABEL, looksLikeBrand) ?? heuristic.brand;
  }

  if (kind === 'product') {
    const main = [mainOf(ld.products, heading), mainOf(micro, heading), mainOf(rdfa, heading), og, extractTwitter(meta, pageUrl, hints), heuristic]
      .filter((c): c is Candidate => !!c);
    // A URL named by the markup counts only on the page's own host.
    const host = new URL(pageUrl).hostname;
    const named = main.find((c) => c.source !== 'opengraph' && c.url && new URL(c.url).hostname === host)?.url;
    const url = canonicalOf(doc, meta, pageUrl, named);
    const product = mergeCandidates(main, { url, heading });
    if (product) {
      const sku = chooseCode(pageUrl, labelledValues(doc, SKU_LABEL, looksLikeCode), product.sku, box.formProductId);
      if (sku) product.sku = sku;
      // A page that offers the product at a price and shows no sign of it being unavailable sells it.
      product.availability ??= product.price !== undefined ? 'in_stock' : undefined;
      if (product.availability === undefined) delete product.availability;
    }
    return { kind, products: product ? [product] : [] };
  }
  if (kind === 'listing') {
    // What the shop shows every visitor: each product's place in the listing (page order) and the page number.
    const page = listPageOf(doc, pageUrl);
    // The cards found are all kept (making each a product is cheap next to finding them; the card walk
    // itself stops at the budget), up to the candidate bound a hostile page cannot pass.
    const products: Product[] = [];
    for (const c of cards.slice(0, LIMITS.candidates)) {
      const p = toProduct(c, pageUrl);
      if (p) products.push(p);
    }
    products.forEach((p, i) => {
      p.listPosition ??= i + 1;
      p.listPage = page;
    });
    // Past the budget the walk may have stopped early: the content script reads the rest when the page is idle.
    return { kind, products, ...(walked && overBudget() && cards.length < LIMITS.candidates ? { cut: true } : {}) };
  }
  if (kind === 'cart' || kind === 'confirmation') {
    const items = structured.length ? structured : findCards(doc, pageUrl, hints, { min: 1, needImage: false });
    return { kind, products: items.flatMap((c) => toProduct(c, pageUrl) ?? []) };
  }
  return { kind, products: [] };
}

const PAGE_PARAM = /^(page|p|pg|pagina|página|seite|strona|sayfa|pagenumber|currentpage|page_number|pageindex)$/i;

/** The listing's page number: from the URL (?page=3, /page/3), else the pagination's current item, else 1. */
export function listPageOf(doc: Document, pageUrl: string): number {
  const ok = (n: number) => Number.isInteger(n) && n >= 1 && n < 10_000;
  const u = new URL(pageUrl);
  for (const [k, v] of u.searchParams) if (PAGE_PARAM.test(k) && /^\d+$/.test(v) && ok(Number(v))) return Number(v);
  const path = /(?:^|\/)(?:page|seite|pagina|strona)[/-](\d+)(?:\/|$)/i.exec(u.pathname);
  if (path && ok(Number(path[1]))) return Number(path[1]);
  const current = doc.querySelector('[class*="pagination" i] [aria-current="page"], nav [aria-current="page"], [class*="pagination" i] .active, [class*="pagination" i] [class*="current" i]');
  const n = Number(textOf(current, 10));
  return ok(n) ? n : 1;
}

/** Hosts that the page's product images come from (for the consent prompt): other hosts than the page's. */
export function imageHostsOf(doc: Document, pageUrl: string): string[] {
  const own = new URL(pageUrl).hostname;
  const counts = new Map<string, number>();
  const { products } = extractPage(doc, pageUrl);
  const urls = products.map((p) => p.imageUrl).filter((u): u is string => !!u);
  if (!urls.length) for (const img of [...doc.querySelectorAll('img')].slice(0, 200)) {
    const u = absolute(img.getAttribute('src'), pageUrl);
    if (u) urls.push(u);
  }
  for (const u of urls) {
    const h = new URL(u).hostname;
    if (h !== own) counts.set(h, (counts.get(h) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([h]) => h);
}
