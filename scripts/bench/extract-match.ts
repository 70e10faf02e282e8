// How bench:extract judges an extracted field against a real page's ground truth (manifest.json of
// ../shared/fixtures/real-pages): the matching rules the issue lays down, in one place.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The real pages' ground truth (`dir`/manifest.json). Some sources name only the host
 * ("amazon.com"): such a page is read as at https://host/. */
export function readTruths(dir: string): Truth[] {
  return (JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as (Omit<Truth, 'page_url'> & { page_url: string | null })[]).map((t) => ({
    ...t,
    page_url: t.page_url && /^https?:\/\//.test(t.page_url) ? t.page_url : `https://${(t.page_url ?? t.site).replace(/^\/+/, '')}/`,
  }));
}

export interface Truth {
  file: string;
  site: string;
  /** Absolute; the bench resolves a missing one to https://site/. */
  page_url: string;
  kind: string;
  /** Listing pages have no one title: null or absent, and then not counted. */
  title?: string | null;
  title_alternates?: string[];
  price?: number | null;
  price_alternates?: number[];
  currency?: string | null;
  brand?: string | null;
  image?: string | null;
  image_alternates?: string[];
}

export interface Extracted {
  title?: string;
  price?: number;
  currency?: string;
  brand?: string;
  image?: string;
  kind?: string;
}

export const FIELDS = ['title', 'price', 'currency', 'brand', 'image'] as const;
export type BenchField = (typeof FIELDS)[number];

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

function absHttps(u: string, base: string): string | undefined {
  try {
    const url = new URL(u, base);
    url.protocol = 'https:';
    return url.toString();
  } catch {
    return undefined;
  }
}

/** undefined: the page has no truth for the field, so it is not counted. */
export function fieldCorrect(field: BenchField, got: Extracted, truth: Truth): boolean | undefined {
  switch (field) {
    case 'title':
      if (typeof truth.title !== 'string') return undefined;
      return !!got.title && [truth.title, ...(truth.title_alternates ?? [])].some((t) => norm(t) === norm(got.title!));
    case 'price':
      if (typeof truth.price !== 'number') return undefined;
      return got.price !== undefined && [truth.price, ...(truth.price_alternates ?? [])].some((p) => Math.abs(p - got.price!) <= 0.01);
    case 'currency':
      if (!truth.currency) return undefined;
      return got.currency === truth.currency;
    case 'brand':
      if (!truth.brand) return undefined;
      return !!got.brand && norm(got.brand) === norm(truth.brand);
    case 'image': {
      if (!truth.image) return undefined;
      const mine = got.image && absHttps(got.image, truth.page_url);
      return !!mine && [truth.image, ...(truth.image_alternates ?? [])].some((t) => absHttps(t, truth.page_url) === mine);
    }
  }
}
