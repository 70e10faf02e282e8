// Shopify storefronts publish their catalogue at /products.json (public, 250 a page at most):
// title, handle, vendor, product_type, tags, body_html, variants (price, availability, SKU) and
// images. A product's page is /products/<handle>.
import { normaliseProduct } from '../../shared/normalise-product.ts';
import type { Product } from '../../shared/schemas.ts';
import type { Reply, Step, StepResult } from './types.ts';

export const SHOPIFY_PAGE = 250;

export const shopifyStep = (origin: string, page: number): Step => ({ kind: 'shopify', url: `${origin}/products.json?limit=${SHOPIFY_PAGE}&page=${page}`, page });

interface ShopifyProduct {
  title?: unknown; handle?: unknown; vendor?: unknown; product_type?: unknown; body_html?: unknown;
  variants?: { price?: unknown; compare_at_price?: unknown; available?: unknown; sku?: unknown; barcode?: unknown }[];
  images?: { src?: unknown }[];
}

/** Markup out of a description, without a DOM (the service worker has none). */
export const stripTags = (html: unknown) => (typeof html === 'string' ? html.replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim() : undefined);

export function shopifyProduct(raw: ShopifyProduct, origin: string, currency: string | undefined): Product | undefined {
  if (typeof raw.handle !== 'string') return undefined;
  const v = raw.variants?.find((x) => x.available !== false) ?? raw.variants?.[0];
  const price = Number(v?.price);
  const was = Number(v?.compare_at_price);
  return normaliseProduct({
    url: `${origin}/products/${encodeURIComponent(raw.handle)}`,
    title: raw.title,
    brand: raw.vendor,
    price: Number.isFinite(price) ? price : undefined,
    listPrice: Number.isFinite(was) && was > price ? was : undefined,
    // products.json carries no currency: the shop's, as its pages state it, when known.
    currency,
    availability: raw.variants?.length ? (raw.variants.some((x) => x.available !== false) ? 'in_stock' : 'out_of_stock') : undefined,
    category: typeof raw.product_type === 'string' && raw.product_type ? [raw.product_type] : undefined,
    description: stripTags(raw.body_html),
    imageUrl: typeof raw.images?.[0]?.src === 'string' ? new URL(raw.images[0].src, origin).href : undefined,
    sku: v?.sku,
    gtin: v?.barcode,
  });
}

export function readShopify(step: Step, reply: Reply, origin: string, currency?: string): StepResult {
  const data = JSON.parse(reply.body) as { products?: ShopifyProduct[] };
  if (!Array.isArray(data.products)) throw new Error('products.json: no products array');  // not shown to the shopper
  const products = data.products.map((p) => shopifyProduct(p, origin, currency)).filter((p): p is Product => !!p);
  // A full page means there may be another; an empty or short one is the end.
  const next = data.products.length >= SHOPIFY_PAGE ? [shopifyStep(origin, (step.page ?? 1) + 1)] : [];
  return { products, next };
}
