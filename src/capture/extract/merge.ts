// The merge step: for each field, the value from the most trusted source that has one, with a few
// rules learnt from real pages (a generic og:title, a logo as og:image, sources that disagree on
// price because one states the regular price). Records which source gave each field.
import type { Product } from '../../shared/schemas.ts';
import { wordOverlap as overlap } from './heuristics.ts';
import { clean } from './text.ts';
import type { Candidate, Field, Source } from './types.ts';

const TRUST: Record<Source, number> = { jsonld: 0.95, microdata: 0.9, rdfa: 0.85, opengraph: 0.8, twitter: 0.7, heuristic: 0.55 };
const ORDER: Source[] = ['jsonld', 'microdata', 'rdfa', 'opengraph', 'twitter', 'heuristic'];
/** og:image is the photo a shop chooses to be shared by: the main one more often than JSON-LD's first. */
const IMAGE_ORDER: Source[] = ['opengraph', 'jsonld', 'microdata', 'rdfa', 'twitter', 'heuristic'];


const LOGO = /logo|placeholder|no[-_]?image|default[-_]?image|\.svg(\?|$)/i;

export interface MergeContext {
  /** Text of the main heading, to tell a product title from a site-wide one. */
  heading?: string;
  /** The page's own URL (canonical when known). */
  url: string;
}

const STRING_FIELDS = ['title', 'brand', 'currency', 'description', 'imageUrl', 'sku', 'gtin', 'mpn', 'url', 'availability'] as const;
const NUMBER_FIELDS = ['price', 'listPrice', 'listPosition', 'listPage', 'rating', 'reviewCount'] as const;

/** A candidate with only well-typed fields: readers should give nothing else, and merge must hold if one does not. */
function sane(c: Candidate): Candidate {
  const out: Candidate = { source: c.source };
  const o = out as Record<string, unknown>;
  for (const f of STRING_FIELDS) if (typeof c[f] === 'string') o[f] = c[f];
  for (const f of NUMBER_FIELDS) if (typeof c[f] === 'number' && Number.isFinite(c[f])) o[f] = c[f];
  if (Array.isArray(c.category)) out.category = c.category.filter((x): x is string => typeof x === 'string');
  return out;
}

export function mergeCandidates(raw: Candidate[], ctx: MergeContext): Product | undefined {
  const cands = raw.filter((c) => c && typeof c === 'object' && ORDER.includes(c.source)).map(sane);
  const by = (order: Source[]) => [...cands].sort((a, b) => order.indexOf(a.source) - order.indexOf(b.source));
  const sorted = by(ORDER);
  const sources: Partial<Record<Field, Source>> = {};
  const pick = <K extends Field>(field: K, list = sorted, ok: (v: NonNullable<Candidate[K]>) => boolean = () => true) => {
    for (const c of list) {
      const v = c[field];
      if (v !== undefined && v !== null && v !== '' && ok(v as NonNullable<Candidate[K]>)) {
        sources[field] = c.source;
        return v as NonNullable<Candidate[K]>;
      }
    }
    return undefined;
  };

  // What the shopper sees beats what the markup says when both exist: the buy control's state and the
  // product code printed on the page (markup often carries a variant's or a feed's id, and a stale
  // stock state). The heuristic candidate holds only such visible values for these fields.
  const pickVisible = <K extends 'availability' | 'sku'>(field: K) => pick(field, cands.filter((c) => c.source === 'heuristic'));

  // Title: a share title (og:, twitter:) that shares nothing with the page's heading is the site's
  // own title, not the product's. Schema.org titles are trusted as they are.
  const heading = ctx.heading;
  const siteWide = (c: Candidate) =>
    (c.source === 'opengraph' || c.source === 'twitter') && !!heading && !!c.title && overlap(c.title, heading) < 0.3;
  let title = pick('title', sorted.filter((c) => !siteWide(c))) ?? pick('title');
  if (!title) return undefined;
  // Visually hidden lead-ins ("Details about …") read as part of a heading's text; another source
  // giving the same title without them shows which words are the title.
  const full = title;
  const shorter = sorted.map((c) => c.title).find((t) => !!t && t !== full && full.endsWith(t) && full.slice(0, -t.length).trim().split(/\s+/).length <= 4);
  if (shorter) title = shorter;

  // Price: when sources disagree, the one shown on the page wins, else the lower one (a sale), and
  // the higher becomes the list price.
  // A price of 0 in markup is a placeholder (an unpriced or withdrawn offer), not a free product.
  const priced = sorted.filter((c) => c.price !== undefined && c.price > 0 && c.source !== 'heuristic');
  const visible = cands.find((c) => c.source === 'heuristic' && c.price !== undefined);
  let priceFrom: Candidate | undefined = priced[0];
  const distinct = new Set(priced.map((c) => c.price));
  if (distinct.size > 1) {
    priceFrom = priced.find((c) => visible && Math.abs(c.price! - visible.price!) < 0.005) ?? [...priced].sort((a, b) => a.price! - b.price!)[0];
  }
  // The markup's price shown crossed out beside a lower current price: a sale the markup does not
  // know about. The shopper pays the shown one.
  if (priceFrom && visible?.listPrice !== undefined && Math.abs(visible.listPrice - priceFrom.price!) < 0.005 && visible.price! < priceFrom.price!) {
    priceFrom = visible;
  }
  priceFrom ??= visible;
  const price = priceFrom?.price;
  if (priceFrom) sources.price = priceFrom.source;
  const others = priced.map((c) => c.price!).filter((p) => price !== undefined && p > price);
  const listPrice = pick('listPrice', sorted, (lp) => price === undefined || lp > price) ?? (others.length ? Math.max(...others) : undefined);

  const currency = priceFrom?.currency ?? pick('currency');
  if (priceFrom?.currency) sources.currency = priceFrom.source;

  const imageUrl = pick('imageUrl', by(IMAGE_ORDER), (u) => !LOGO.test(u)) ?? pick('imageUrl', by(IMAGE_ORDER));

  const product: Product = {
    url: ctx.url,
    title: clean(title)!,
    brand: pick('brand'),
    price,
    currency,
    listPrice,
    availability: pickVisible('availability') ?? pick('availability', sorted, (a) => a !== 'unknown') ?? pick('availability'),
    category: pick('category'),
    description: pick('description'),
    imageUrl,
    sku: pickVisible('sku') ?? pick('sku'),
    rating: pick('rating'),
    reviewCount: pick('reviewCount'),
    listPosition: pick('listPosition'),
    listPage: pick('listPage'),
    gtin: pick('gtin'),
    mpn: pick('mpn'),
    sources,
  };
  const agree = (f: 'title' | 'price' | 'imageUrl') => cands.filter((c) => c[f] !== undefined && c[f] === product[f]).length >= 2;
  const conf = (f: 'title' | 'price' | 'imageUrl') => {
    const s = sources[f];
    return s ? Math.min(1, TRUST[s] + (agree(f) ? 0.05 : 0)) : 0;
  };
  product.confidence = Math.round(((conf('title') + conf('price') + conf('imageUrl')) / 3) * 100) / 100;
  return Object.fromEntries(Object.entries(product).filter(([, v]) => v !== undefined)) as Product;
}
