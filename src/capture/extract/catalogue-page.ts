// A catalogue page read in a document (DOMParser in the offscreen document on Chrome, the event page
// on Firefox; linkedom in Node tests), by the same extractor the content script runs on live pages,
// plus the platform it gives away and the listing's further pages.
import type { Product } from '../../shared/schemas.ts';
import { extractPage } from './index.ts';
import { detectPlatform, type Platform } from './platform.ts';

/** A catalogue page as the crawler needs it. */
export interface PageRead {
  products: Product[];
  platform?: Platform;
  /** Further pages of the same listing (rel=next, numbered page links). */
  pages: string[];
}

const MAX_PAGE_LINKS = 60;

/** rel=next, and numbered links in a pagination block, on the page's own origin. */
export function paginationLinks(doc: Document, pageUrl: string): string[] {
  const origin = new URL(pageUrl).origin;
  const out = new Set<string>();
  const add = (href: string | null) => {
    if (!href || !URL.canParse(href, pageUrl)) return;
    const u = new URL(href, pageUrl);
    u.hash = '';
    if (u.origin === origin && u.href !== pageUrl && out.size < MAX_PAGE_LINKS) out.add(u.href);
  };
  doc.querySelectorAll('link[rel~="next" i], a[rel~="next" i]').forEach((e) => add(e.getAttribute('href')));
  const blocks = doc.querySelectorAll('[class*="pagination" i], [class*="pager" i], nav[aria-label*="page" i]');
  blocks.forEach((b) => b.querySelectorAll('a[href]').forEach((a) => /^\s*\d{1,4}\s*$/.test(a.textContent ?? '') && add(a.getAttribute('href'))));
  return [...out];
}

export function readCataloguePage(doc: Document, pageUrl: string): PageRead {
  const page = extractPage(doc, pageUrl);
  return {
    // Only what the page sells: a product page's product, or a listing's cards.
    products: page.kind === 'product' || page.kind === 'listing' ? page.products : [],
    platform: detectPlatform(doc),
    pages: page.kind === 'listing' || page.kind === 'other' ? paginationLinks(doc, pageUrl) : [],
  };
}
