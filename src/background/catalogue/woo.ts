// WooCommerce's Store API (public, 100 a page at most): name, permalink, prices in minor units with
// their currency, images, categories, stock. X-WP-TotalPages says how many pages there are.
import { normaliseProduct } from '../../shared/normalise-product.ts';
import type { Product } from '../../shared/schemas.ts';
import { stripTags } from './shopify.ts';
import type { Reply, Step, StepResult } from './types.ts';

export const WOO_PAGE = 100;

export const wooStep = (origin: string, page: number): Step => ({ kind: 'woo', url: `${origin}/wp-json/wc/store/v1/products?per_page=${WOO_PAGE}&page=${page}`, page });

interface WooProduct {
  name?: unknown; permalink?: unknown; sku?: unknown; short_description?: unknown; description?: unknown;
  prices?: { price?: unknown; regular_price?: unknown; currency_code?: unknown; currency_minor_unit?: unknown };
  images?: { src?: unknown }[];
  categories?: { name?: unknown }[];
  is_in_stock?: unknown;
  average_rating?: unknown;
  review_count?: unknown;
}

const money = (minor: unknown, unit: number) => {
  const n = Number(minor);
  return typeof minor === 'string' && /^\d+$/.test(minor) && Number.isFinite(n) ? n / 10 ** unit : undefined;
};

export function wooProduct(raw: WooProduct): Product | undefined {
  const unit = Number(raw.prices?.currency_minor_unit);
  const u = Number.isInteger(unit) && unit >= 0 && unit <= 4 ? unit : 2;
  const price = money(raw.prices?.price, u);
  const regular = money(raw.prices?.regular_price, u);
  const reviews = Number(raw.review_count);
  return normaliseProduct({
    url: raw.permalink,
    title: stripTags(raw.name),
    price,
    listPrice: regular !== undefined && price !== undefined && regular > price ? regular : undefined,
    currency: raw.prices?.currency_code,
    availability: typeof raw.is_in_stock === 'boolean' ? (raw.is_in_stock ? 'in_stock' : 'out_of_stock') : undefined,
    category: raw.categories?.map((c) => c.name).filter((c): c is string => typeof c === 'string'),
    description: stripTags(raw.short_description) || stripTags(raw.description),
    imageUrl: raw.images?.[0]?.src,
    sku: raw.sku,
    rating: reviews > 0 ? Number(raw.average_rating) : undefined,
    reviewCount: Number.isInteger(reviews) ? reviews : undefined,
  });
}

export function readWoo(step: Step, reply: Reply, origin: string): StepResult {
  const data = JSON.parse(reply.body) as unknown;
  if (!Array.isArray(data)) throw new Error('Store API: not a list of products');  // not shown to the shopper
  const products = (data as WooProduct[]).map(wooProduct).filter((p): p is Product => !!p);
  const page = step.page ?? 1;
  const total = Number(reply.headers['x-wp-totalpages']);
  const more = Number.isFinite(total) ? page < total : data.length >= WOO_PAGE;
  return { products, next: more ? [wooStep(origin, page + 1)] : [] };
}
