// What each answer means for the crawl: the products it gives and the steps it opens. The order
// of sources: the platform's own catalogue API (detected from the home page), else the sitemaps
// robots.txt names (or /sitemap.xml), else the listing's own pagination.
import { robotsFromReply } from './robots.ts';
import { readShopify, shopifyStep } from './shopify.ts';
import { readSitemap, sitemapStep } from './sitemap.ts';
import type { CrawlState } from './state.ts';
import type { ReadHtml, Reply, Step, StepResult } from './types.ts';
import { readWoo, wooStep } from './woo.ts';

const ok = (r: Reply) => r.status >= 200 && r.status < 300;

function sitemapRoots(state: CrawlState): Step[] {
  const named = state.robots?.sitemaps ?? [];
  return (named.length ? named : [`${state.origin}/sitemap.xml`]).map(sitemapStep);
}

/** The next source when one fails or is empty: API → sitemaps → (at the end) listings. */
export function fallbackAfter(step: Step, state: CrawlState): Step[] {
  if (step.kind === 'shopify' || step.kind === 'woo') return (step.page ?? 1) === 1 ? sitemapRoots(state) : [];
  return [];
}

/** The page after a paged step whose answer was lost (the background stopped mid-request): the crawl
 * goes on from there instead of asking for the lost page again. */
export function successorOf(step: Step, state: CrawlState): Step[] {
  const page = (step.page ?? 1) + 1;
  if (step.kind === 'shopify') return [shopifyStep(state.origin, page)];
  if (step.kind === 'woo') return [wooStep(state.origin, page)];
  if (step.kind === 'robots' || step.kind === 'home') return step.kind === 'home' ? sitemapRoots(state) : [];
  return [];
}

export async function readStep(step: Step, reply: Reply, state: CrawlState, readHtml: ReadHtml): Promise<StepResult> {
  if (step.kind === 'robots') {
    const robots = robotsFromReply(reply.status, reply.body, state.origin);
    state.robots = robots;
    return { products: [], next: [] };
  }
  if (!ok(reply)) return { products: [], next: fallbackAfter(step, state) };
  switch (step.kind) {
    case 'home': {
      const read = await readHtml(step.url, reply.body);
      state.platform = read.platform;
      state.currency = read.products.find((p) => p.currency)?.currency;
      state.listings = read.pages;
      const next = read.platform === 'shopify' ? [shopifyStep(state.origin, 1)] : read.platform === 'woo' ? [wooStep(state.origin, 1)] : sitemapRoots(state);
      return { products: read.products, next, platform: read.platform };
    }
    case 'shopify': {
      const r = readShopify(step, reply, state.origin, state.currency);
      return r.products.length || (step.page ?? 1) > 1 ? r : { ...r, next: fallbackAfter(step, state) };
    }
    case 'woo': {
      const r = readWoo(step, reply, state.origin);
      return r.products.length || (step.page ?? 1) > 1 ? r : { ...r, next: fallbackAfter(step, state) };
    }
    case 'sitemap':
      return readSitemap(reply);
    case 'listing': {
      const read = await readHtml(step.url, reply.body);
      return { products: read.products, next: read.pages.map((url): Step => ({ kind: 'listing', url })) };
    }
    case 'page': {
      const read = await readHtml(step.url, reply.body);
      return { products: read.products.slice(0, 1), next: [] };
    }
  }
}
