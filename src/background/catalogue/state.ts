// A shop's crawl as it is stored (IndexedDB `crawls`): everything needed to resume after the
// background is stopped, without asking the shop for anything twice.
import type { Pace } from './politeness.ts';
import type { Robots } from './robots.ts';
import type { Platform, Step } from './types.ts';
import { DEFAULT_CATALOGUE_LIMIT } from '../../shared/catalogue.ts';


export type CrawlStatus = 'running' | 'done' | 'stopped' | 'failed';

export interface CrawlState extends Pace {
  site: string;
  /** scheme://host[:port] of the shop: every request goes here. */
  origin: string;
  /** Hosts the shop's photos may come from (its consent's image hosts). */
  imageHosts: string[];
  status: CrawlStatus;
  limit: number;
  /** The catalogue's structure (robots, home, API pages, sitemaps, listings), front first. */
  queue: Step[];
  /** Product pages, read after the structure. */
  pages: Step[];
  /** Every URL asked for (answered or lost), never asked again except after a 429/5xx. */
  requested: string[];
  /** The step asked for and not yet answered: if the background stops now, its answer is lost. */
  inflight?: Step;
  robots?: Robots;
  platform?: Platform;
  currency?: string;
  /** The home page's listing links: the last way in when no API and no sitemap gave products. */
  listings: string[];
  listingsQueued: boolean;
  /** Distinct products kept for this shop, and how many answers of an API or a sitemap gave any. */
  found: number;
  sourced: number;
  /** Requests answered or lost, and the URLs skipped because robots.txt disallows them. */
  requests: number;
  skipped: number;
  startedAt: number;
  updatedAt: number;
  lastError?: string;
}

export function newCrawl(site: string, origin: string, imageHosts: string[], now: number, limit: number = DEFAULT_CATALOGUE_LIMIT): CrawlState {
  return {
    site, origin, imageHosts, status: 'running', limit,
    queue: [{ kind: 'robots', url: `${origin}/robots.txt` }, { kind: 'home', url: `${origin}/` }],
    pages: [], requested: [], listings: [], listingsQueued: false,
    found: 0, sourced: 0, requests: 0, skipped: 0, failures: 0, intervalMs: 1000, nextAt: now, startedAt: now, updatedAt: now,
  };
}
