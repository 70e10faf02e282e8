// A product as a page described it, made to fit the contract field by field: one field a shop wrote
// oddly (a currency "€", a 250-character brand, a 5 KB image URL) is normalised or dropped, and the
// product is kept. Only a product with no usable URL or title is dropped. Run by the content script
// before sending and again by the background on receipt (a page is not trusted to have done it).
import * as v from 'valibot';
import { normaliseCurrency } from './currency.ts';
import { MAX_URL_LENGTH, safeUrl } from './safe-url.ts';
import { AVAILABILITY, ProductSchema, SOURCES, type Product } from './schemas.ts';
import { canonicalUrl } from './site.ts';

/** Shortens to `max` characters with an ellipsis, never splitting a surrogate pair. */
export function clip(s: string, max: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  let cut = t.slice(0, max - 1);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

const str = (x: unknown, max: number) => (typeof x === 'string' && x.trim() ? clip(x, max) : undefined);
const num = (x: unknown) => {
  const n = typeof x === 'number' ? x : typeof x === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(x) ? Number(x) : NaN;
  return Number.isFinite(n) ? n : undefined;
};
const inRange = (x: unknown, min: number, max: number, integer = false) => {
  const n = num(x);
  return n !== undefined && n >= min && n <= max && (!integer || Number.isInteger(n)) ? n : undefined;
};

/** The product's address: http(s), canonical (tracking parameters off, which may bring it under the limit). */
function productUrl(x: unknown): string | undefined {
  if (typeof x !== 'string' || x.length > 4 * MAX_URL_LENGTH || !URL.canParse(x)) return undefined;
  const u = new URL(x);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return safeUrl(canonicalUrl(u.href));
}

export function normaliseProduct(raw: unknown): Product | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const url = productUrl(r.url);
  const title = str(r.title, 500);
  if (!url || !title) return undefined;
  const gtin = typeof r.gtin === 'string' ? r.gtin.replace(/[\s-]/g, '') : typeof r.gtin === 'number' ? String(r.gtin) : undefined;
  const category = Array.isArray(r.category) ? r.category.map((c) => str(c, 200)).filter((c): c is string => !!c).slice(0, 10) : undefined;
  const sources = r.sources && typeof r.sources === 'object'
    ? Object.fromEntries(Object.entries(r.sources as Record<string, unknown>).filter(([, s]) => (SOURCES as readonly unknown[]).includes(s)).slice(0, 30))
    : undefined;
  const p: Record<string, unknown> = {
    url,
    title,
    brand: str(r.brand, 200),
    price: inRange(r.price, 0, Number.MAX_VALUE),
    currency: normaliseCurrency(r.currency),
    listPrice: inRange(r.listPrice, 0, Number.MAX_VALUE),
    availability: (AVAILABILITY as readonly unknown[]).includes(r.availability) ? r.availability : undefined,
    category: category?.length ? category : undefined,
    description: str(r.description, 1000),
    imageUrl: safeUrl(r.imageUrl),
    sku: str(r.sku, 100),
    gtin: gtin && /^\d{8,14}$/.test(gtin) ? gtin : undefined,
    mpn: str(r.mpn, 100),
    listPosition: inRange(r.listPosition, 1, Number.MAX_SAFE_INTEGER, true),
    listPage: inRange(r.listPage, 1, Number.MAX_SAFE_INTEGER, true),
    rating: inRange(r.rating, 0, 5),
    reviewCount: inRange(r.reviewCount, 0, Number.MAX_SAFE_INTEGER, true),
    sources: sources && Object.keys(sources).length ? sources : undefined,
    confidence: inRange(r.confidence, 0, 1),
  };
  for (const k of Object.keys(p)) if (p[k] === undefined) delete p[k];
  // Whatever the steps above missed, the contract's own check has the last word.
  const checked = v.safeParse(ProductSchema, p);
  return checked.success ? checked.output : undefined;
}
