// Runtime schemas for everything that crosses a process boundary. Types are inferred from them,
// so a payload's type and its check cannot drift apart.
import * as v from 'valibot';

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const httpUrl = v.pipe(v.string(), v.maxLength(4096), v.url(), v.regex(/^https?:\/\//i, 'must be http(s)')); // not shown to the shopper
/** A site is a host name (no scheme, no port, no leading "www."). */
export const SiteSchema = v.pipe(v.string(), v.maxLength(253), v.regex(/^[a-z0-9.-]+$/, 'must be a host name'));
const finiteNumber = v.pipe(v.number(), v.finite());

export const PAGE_KINDS = ['product', 'listing', 'cart', 'confirmation', 'other'] as const;
export const PageKindSchema = v.picklist(PAGE_KINDS);
export type PageKind = v.InferOutput<typeof PageKindSchema>;

export const AVAILABILITY = ['in_stock', 'out_of_stock', 'preorder', 'unknown'] as const;

/** The sources a field can come from, best-trusted first. */
export const SOURCES = ['jsonld', 'microdata', 'rdfa', 'opengraph', 'twitter', 'heuristic'] as const;
export const SourceSchema = v.picklist(SOURCES);

export const ProductSchema = v.object({
  url: httpUrl,
  title: text(500),
  brand: v.optional(text(200)),
  price: v.optional(v.pipe(finiteNumber, v.minValue(0))),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/))),
  listPrice: v.optional(v.pipe(finiteNumber, v.minValue(0))),
  availability: v.optional(v.picklist(AVAILABILITY)),
  category: v.optional(v.pipe(v.array(text(200)), v.maxLength(10))),
  description: v.optional(text(1000)),
  imageUrl: v.optional(httpUrl),
  sku: v.optional(text(100)),
  gtin: v.optional(v.pipe(v.string(), v.regex(/^\d{8,14}$/))),
  mpn: v.optional(text(100)),
  /** What the shop shows every visitor (issue #15): the product's 1-based place in the listing where it
   * was last seen, that listing's page number, its rating on a 0–5 scale and its number of reviews. */
  listPosition: v.optional(v.pipe(finiteNumber, v.integer(), v.minValue(1))),
  listPage: v.optional(v.pipe(finiteNumber, v.integer(), v.minValue(1))),
  rating: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(5))),
  reviewCount: v.optional(v.pipe(finiteNumber, v.integer(), v.minValue(0))),
  /** Which source gave each field (the merge step's record). */
  sources: v.optional(v.record(v.string(), SourceSchema)),
  confidence: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(1))),
});
export type Product = v.InferOutput<typeof ProductSchema>;

export const EVENT_TYPES = [
  'view', 'dwell', 'click', 'cart', 'wishlist', 'purchase',
  'impression', 'rec_impression', 'rec_click', 'like', 'dismiss',
] as const;
export const EventTypeSchema = v.picklist(EVENT_TYPES);
export type EventType = v.InferOutput<typeof EventTypeSchema>;

export const MAX_PRODUCTS_PER_PAGE = 200;

/** An item's id: the hash of its canonical URL (shared/hash.ts). */
export const ItemIdSchema = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/, 'must be an item id')); // not shown to the shopper
export const SidebarStateSchema = v.picklist(['open', 'collapsed', 'closed'] as const);
export type SidebarState = v.InferOutput<typeof SidebarStateSchema>;

export { httpUrl as HttpUrlSchema, text as textSchema, finiteNumber as FiniteNumberSchema };
