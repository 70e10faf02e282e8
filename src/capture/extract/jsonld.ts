// JSON-LD: Product, ProductGroup/hasVariant, Offer, AggregateOffer, @graph, arrays, nested offers,
// any casing of @type, ItemList for listings, BreadcrumbList for the category path.
import { absolute } from './url.ts';
import { normaliseCurrency, parsePrice, type PriceHints } from './price.ts';
import { availabilityOf, clean, countOf, first, gtinOf, ratingOf, scalar } from './text.ts';
import { LIMITS, type Candidate } from './types.ts';

type Json = unknown;
type Node = Record<string, Json>;

/** Keys that must never become properties of anything we build. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

function parseScript(text: string): Json | undefined {
  if (text.length > LIMITS.jsonLdScriptChars) return undefined;
  try {
    return JSON.parse(text.replace(/^\s*<!--|-->\s*$/g, ''), (k, v) => (FORBIDDEN.has(k) ? undefined : v));
  } catch {
    // Broken JSON-LD is common (trailing commas, raw newlines); try once with those mended.
    try {
      return JSON.parse(text.replace(/,\s*([}\]])/g, '$1').replace(/[\u0000-\u001f]+/g, ' '), (k, v) =>
        FORBIDDEN.has(k) ? undefined : v);
    } catch {
      return undefined;
    }
  }
}

const isNode = (v: Json): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

function types(n: Node): string[] {
  const t = n['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^.*[/#:]/, '').toLowerCase());
}
const hasType = (n: Node, ...names: string[]) => types(n).some((t) => names.includes(t));

/** Every node in the documents, depth- and count-bounded. */
export function jsonLdNodes(doc: Document): Node[] {
  const out: Node[] = [];
  let visited = 0;
  const walk = (v: Json, depth: number) => {
    if (depth > LIMITS.depth || ++visited > LIMITS.nodesVisited) return;
    if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (isNode(v)) {
      out.push(v);
      for (const [k, x] of Object.entries(v)) if (typeof x === 'object' && x !== null && k !== '@context') walk(x, depth + 1);
    }
  };
  const scripts = [...doc.querySelectorAll('script[type]')]
    .filter((s) => /^application\/ld\+json$/i.test(s.getAttribute('type')?.trim() ?? ''))
    .slice(0, LIMITS.jsonLdScripts);
  for (const s of scripts) {
    const parsed = parseScript(s.textContent ?? '');
    if (parsed !== undefined) walk(parsed, 0);
  }
  return out;
}

function nameOf(v: Json): string | undefined {
  const x = first(v as Json[]);
  if (isNode(x)) return clean(x.name ?? x['@value']);
  return clean(x);
}

function imageOf(v: Json, base: string): string | undefined {
  const x = first(v as Json[]);
  if (isNode(x)) return absolute(clean(x.contentUrl ?? x.url, 4096), base);
  return typeof x === 'string' ? absolute(x, base) : undefined;
}

interface OfferInfo {
  price?: number;
  currency?: string;
  listPrice?: number;
  availability?: Candidate['availability'];
  isRange?: boolean;
}

function offerOf(v: Json, hints: PriceHints): OfferInfo {
  const offers = (Array.isArray(v) ? v : [v]).filter(isNode);
  const parsed: OfferInfo[] = [];
  for (const o of offers.slice(0, 50)) {
    if (hasType(o, 'aggregateoffer') || o.lowPrice !== undefined) {
      const currency = normaliseCurrency(o.priceCurrency) ?? hints.currency;
      const low = parsePrice(o.lowPrice, { ...hints, currency }) ?? parsePrice(o.price, { ...hints, currency });
      if (low) parsed.push({ price: low.amount, currency: currency ?? low.currency, isRange: o.highPrice !== undefined && o.highPrice !== o.lowPrice });
      continue;
    }
    const spec = (Array.isArray(o.priceSpecification) ? o.priceSpecification : [o.priceSpecification]).filter(isNode);
    const currency = normaliseCurrency(o.priceCurrency) ?? normaliseCurrency(spec[0]?.priceCurrency) ?? hints.currency;
    const raw = o.price ?? spec.find((s) => !/list|strikethrough|msrp/i.test(clean(s.priceType) ?? ''))?.price;
    const p = parsePrice(raw, { ...hints, currency });
    const listRaw = spec.find((s) => /list|strikethrough|msrp/i.test(clean(s.priceType) ?? ''))?.price;
    const list = parsePrice(listRaw, { ...hints, currency });
    if (p || list) {
      parsed.push({
        price: p?.amount,
        currency: currency?.toUpperCase() ?? p?.currency,
        listPrice: list?.amount,
        availability: availabilityOf(o.availability),
      });
    }
  }
  // Prefer an offer in stock; among those the lowest price is the one a shopper sees.
  const withPrice = parsed.filter((p) => p.price !== undefined);
  const inStock = withPrice.filter((p) => p.availability === 'in_stock');
  const pool = inStock.length ? inStock : withPrice;
  const best = pool.sort((a, b) => a.price! - b.price!)[0];
  return best ?? parsed[0] ?? {};
}

function categoryOf(n: Node, crumbs: string[] | undefined): string[] | undefined {
  const c = n.category;
  if (typeof c === 'string' && c.trim()) return c.split(/\s*[>/|›»]\s*/).map((x) => clean(x)!).filter(Boolean).slice(0, 10);
  if (isNode(c)) return [nameOf(c)].filter((x): x is string => !!x);
  return crumbs;
}

/** A list element's 1-based position, or 0 when it states none that reads as a number. */
function positionOf(n: Node): number {
  const v = scalar(n.position);
  const x = typeof v === 'number' ? v : typeof v === 'string' ? parseFloat(v) : NaN;
  return Number.isFinite(x) ? x : 0;
}

function breadcrumbs(nodes: Node[]): string[] | undefined {
  const list = nodes.find((n) => hasType(n, 'breadcrumblist'));
  const items = list?.itemListElement;
  if (!Array.isArray(items)) return undefined;
  const names = items
    .filter(isNode)
    .sort((a, b) => positionOf(a) - positionOf(b))
    .map((li) => nameOf(li.name ?? li.item))
    .filter((x): x is string => !!x);
  // The last crumb is usually the product itself; home is noise.
  return names.filter((n) => !/^(home|startseite|accueil|inicio)$/i.test(n)).slice(0, 10);
}

function productFrom(n: Node, base: string, hints: PriceHints, crumbs: string[] | undefined): Candidate {
  const variants = Array.isArray(n.hasVariant) ? n.hasVariant.filter(isNode) : [];
  const agg = first(n.aggregateRating as Json[]);
  const rating = isNode(agg) ? ratingOf(agg.ratingValue, agg.bestRating) : undefined;
  const reviewCount = isNode(agg) ? countOf(agg.reviewCount) ?? countOf(agg.ratingCount) : undefined;
  const offer = offerOf(n.offers ?? variants.map((v) => v.offers).flat(), hints);
  const variant = variants[0];
  return {
    source: 'jsonld',
    title: clean(n.name) ?? (variant ? clean(variant.name) : undefined),
    brand: nameOf(n.brand) ?? nameOf(n.manufacturer),
    price: offer.price,
    currency: offer.currency,
    listPrice: offer.listPrice,
    availability: offer.availability,
    category: categoryOf(n, crumbs),
    description: clean(n.description, 1000),
    imageUrl: imageOf(n.image ?? variant?.image, base),
    sku: clean(n.sku ?? variant?.sku, 100),
    gtin: gtinOf(n.gtin13 ?? n.gtin ?? n.gtin12 ?? n.gtin14 ?? n.gtin8 ?? variant?.gtin13 ?? variant?.gtin),
    mpn: clean(n.mpn, 100),
    rating,
    reviewCount,
    url: absolute(typeof n.url === 'string' ? n.url : typeof n['@id'] === 'string' && /^https?:/.test(n['@id']) ? n['@id'] : undefined, base),
  };
}

export interface JsonLdResult {
  products: Candidate[];
  /** Products named by an ItemList (listing pages). */
  listed: Candidate[];
  breadcrumbs?: string[];
  isOrder: boolean;
}

export function extractJsonLd(doc: Document, base: string, hints: PriceHints = {}): JsonLdResult {
  const nodes = jsonLdNodes(doc);
  const crumbs = breadcrumbs(nodes);
  const productNodes = nodes.filter((n) => hasType(n, 'product', 'productgroup', 'individualproduct', 'productmodel'));
  // A variant inside a ProductGroup is part of its group, not a product of its own here.
  const variantSet = new Set(productNodes.flatMap((n) => (Array.isArray(n.hasVariant) ? n.hasVariant : [])));
  const listedNodes = new Set<Node>();
  const listed: Candidate[] = [];
  for (const list of nodes.filter((n) => hasType(n, 'itemlist', 'offercatalog'))) {
    const elements = Array.isArray(list.itemListElement) ? list.itemListElement.filter(isNode) : [];
    for (const el of elements.slice(0, LIMITS.candidates)) {
      const item = isNode(el.item) ? el.item : el;
      if (isNode(el.item)) listedNodes.add(el.item);
      const c = productFrom(item, base, hints, undefined);
      const pos = positionOf(el);
      if (pos >= 1 && Number.isInteger(pos)) c.listPosition = pos;
      c.url ??= absolute(typeof el.url === 'string' ? el.url : typeof el.item === 'string' ? el.item : undefined, base);
      if (c.url || c.title) listed.push(c);
    }
  }
  const products = productNodes
    .filter((n) => !variantSet.has(n) && !listedNodes.has(n))
    .slice(0, LIMITS.candidates)
    .map((n) => productFrom(n, base, hints, crumbs));
  return { products, listed, breadcrumbs: crumbs, isOrder: nodes.some((n) => hasType(n, 'order')) };
}
