// OpenGraph (og:, product:) and Twitter cards, in both the property= and the name= forms.
import { absolute } from './url.ts';
import { normaliseCurrency, parsePrice, type PriceHints } from './price.ts';
import { availabilityOf, clean, gtinOf } from './text.ts';
import type { Candidate } from './types.ts';

/** All <meta> values by lower-cased key; first occurrence wins. */
export function metaMap(doc: Document): Map<string, string> {
  const m = new Map<string, string>();
  for (const el of doc.querySelectorAll('meta[content]')) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (key && content && !m.has(key)) m.set(key, content);
  }
  return m;
}

/** Share titles often end in " | Shop name". Dashes stay: product names use them. */
function withoutSiteName(t: string | undefined): string | undefined {
  const c = clean(t);
  return c?.replace(/\s+\|\s+[^|]{1,40}$/, '');
}

export function extractOpenGraph(meta: Map<string, string>, base: string, hints: PriceHints = {}): Candidate | undefined {
  const g = (k: string) => meta.get(k);
  const currency = normaliseCurrency(g('product:price:currency') ?? g('og:price:currency') ?? g('product:sale_price:currency')) ?? hints.currency;
  const sale = parsePrice(g('product:sale_price:amount'), { ...hints, currency });
  const regular = parsePrice(g('product:price:amount') ?? g('og:price:amount') ?? g('product:price'), { ...hints, currency });
  // A sale price is the selling price; the regular one becomes the list price.
  const price = sale ?? regular;
  const listPrice = sale && regular && regular.amount > sale.amount ? regular.amount : parsePrice(g('product:original_price:amount'), { ...hints, currency })?.amount;
  const c: Candidate = {
    source: 'opengraph',
    title: withoutSiteName(g('og:title')),
    brand: clean(g('product:brand') ?? g('og:brand')),
    price: price?.amount,
    currency: price ? (currency ?? price.currency) : currency,
    listPrice: listPrice !== price?.amount ? listPrice : undefined,
    availability: availabilityOf(g('product:availability') ?? g('og:availability')),
    category: g('product:category') ? [clean(g('product:category'))!] : undefined,
    description: clean(g('og:description'), 1000),
    imageUrl: absolute(g('og:image:secure_url') ?? g('og:image') ?? g('og:image:url'), base),
    sku: clean(g('product:retailer_item_id'), 100),
    gtin: gtinOf(g('product:gtin') ?? g('product:ean') ?? g('product:upc')),
    url: absolute(g('og:url'), base),
  };
  return Object.values(c).filter((v) => v !== undefined).length > 1 ? c : undefined;
}

export function extractTwitter(meta: Map<string, string>, base: string, hints: PriceHints = {}): Candidate | undefined {
  const g = (k: string) => meta.get(k);
  let price: ReturnType<typeof parsePrice>;
  for (const i of [1, 2]) {
    if (/price/i.test(g(`twitter:label${i}`) ?? '')) price = parsePrice(g(`twitter:data${i}`), hints);
  }
  const c: Candidate = {
    source: 'twitter',
    title: withoutSiteName(g('twitter:title')),
    description: clean(g('twitter:description'), 1000),
    imageUrl: absolute(g('twitter:image') ?? g('twitter:image:src'), base),
    price: price?.amount,
    currency: price?.currency,
  };
  return c.title || c.imageUrl ? c : undefined;
}
