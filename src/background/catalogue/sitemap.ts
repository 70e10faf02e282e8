// Sitemaps (sitemaps.org, with Google's image extension), read without a DOM: the service worker
// has no DOMParser, and a sitemap is flat enough for a tolerant scan. An index names sitemaps
// (only the product ones are followed); a urlset names pages, and its image entries carry the
// product's photo and title, which makes a candidate before its page is ever read.
import { normaliseProduct } from '../../shared/normalise-product.ts';
import type { Product } from '../../shared/schemas.ts';
import type { Reply, Step, StepResult } from './types.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const decode = (s: string) => s
  .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
  .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
  })
  .trim();

const blocks = (xml: string, tag: string) => xml.match(new RegExp(`<${tag}[\\s>][\\s\\S]*?</${tag}>`, 'g')) ?? [];
const field = (block: string, tag: string) => {
  const m = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`).exec(block);
  return m ? decode(m[1]!) : undefined;
};

const PRODUCT_SITEMAP = /products?|items?|catalog|goods|articles?/i;
const OTHER_SITEMAP = /pages?|posts?|blog|categor|tags?|author|collections?|brands?|news|video/i;
/** The file name only: "/sitemaps/pages.xml" is not an item sitemap for holding "sitemaps". */
const fileOf = (u: string) => (new URL(u).pathname.split('/').pop() ?? '').replace(/sitemaps?/gi, ' ');

/** Which sitemaps of an index hold products: the ones named so, else all but the obviously other. */
export function productSitemaps(urls: string[]): string[] {
  const named = urls.filter((u) => PRODUCT_SITEMAP.test(fileOf(u)));
  return named.length ? named : urls.filter((u) => !OTHER_SITEMAP.test(fileOf(u)));
}

export interface SitemapEntry {
  url: string;
  image?: string;
  title?: string;
}

export function parseSitemap(xml: string): { sitemaps: string[]; entries: SitemapEntry[] } {
  const sitemaps = blocks(xml, 'sitemap').map((b) => field(b, 'loc')).filter((u): u is string => !!u);
  const entries = blocks(xml, 'url').flatMap((b) => {
    const url = field(b, 'loc');
    if (!url) return [];
    const img = blocks(b, 'image:image')[0];
    return [{ url, image: img && field(img, 'image:loc'), title: img && (field(img, 'image:title') ?? field(img, 'image:caption')) }];
  });
  return { sitemaps, entries };
}

export const sitemapStep = (url: string): Step => ({ kind: 'sitemap', url });

/** Products from image entries now; every page queued for the extractor (it fills price, brand…). */
export function readSitemap(reply: Reply): StepResult {
  const { sitemaps, entries } = parseSitemap(reply.body);
  const products = entries
    .map((e) => (e.title ? normaliseProduct({ url: e.url, title: e.title, imageUrl: e.image }) : undefined))
    .filter((p): p is Product => !!p);
  const next: Step[] = [
    ...productSitemaps(sitemaps).map(sitemapStep),
    ...entries.map((e): Step => ({ kind: 'page', url: e.url })),
  ];
  return { products, next };
}
