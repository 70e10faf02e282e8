// Drives each opted-in shop's crawl in the background: one step at a time at the shop's pace,
// products queued for embedding as they arrive, resumed at every start and by an alarm (a stopped
// service worker or a suspended event page keeps nothing in memory; the state is in IndexedDB).
import { t } from '../../shared/i18n.ts';
import browser from 'webextension-polyfill';
import type { CatalogueStatus } from '../../shared/catalogue.ts';
import { hostsOfSite } from '../../shared/site.ts';
import { isCapturing, siteRecord } from '../consent.ts';
import { db } from '../db.ts';
import { queueItems } from '../embedding.ts';
import { tellShopSidebars } from '../sidebar-push.ts';
import { reportError } from '../log.ts';
import { getSetting } from '../settings.ts';
import { askMl } from '../ml-host.ts';
import { crawlOnce, type CrawlDeps } from './crawler.ts';
import { newCrawl, type CrawlState } from './state.ts';
import { idbCrawlStore } from './store.ts';

export const CRAWL_ALARM = 'catalogue-crawl';
/** Longer waits than this go through an alarm: the background may be stopped meanwhile. */
const SLEEP_MAX_MS = 20_000;
const WATCHDOG_MS = 30_000;

const pumps = new Map<string, Promise<void>>();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function deps(): Promise<CrawlDeps> {
  return {
    fetch: (input, init) => fetch(input, init),
    readHtml: (url, html) => askMl('ml/read-page', { url, html }),
    now: Date.now,
    limit: () => getSetting('catalogueLimit'),
    // Stored products are queued for their title vectors at once (a product page's fuller text too).
    store: idbCrawlStore(await db(), (ids) => void queueItems(ids)),
  };
}

async function pump(site: string): Promise<void> {
  const dp = await deps();
  for (;;) {
    // Consent withdrawn or everything paused: the crawl waits (it is not lost).
    if (!(await isCapturing(site))) return;
    await browser.alarms.create(CRAWL_ALARM, { when: Date.now() + WATCHDOG_MS });
    const t = await crawlOnce(dp, site);
    if ('finished' in t) {
      // The cascade waits for the whole list (recommend.ts): a crawl that ends after its last titles
      // were embedded brings no new vectors, so the shop's sidebars are told here to rank again.
      tellShopSidebars(site);
      return;
    }
    if (t.waitMs > SLEEP_MAX_MS) {
      await browser.alarms.create(CRAWL_ALARM, { when: Date.now() + t.waitMs });
      return;
    }
    await sleep(t.waitMs);
  }
}

function kick(site: string): void {
  if (pumps.has(site)) return;
  const p = pump(site)
    .catch((e) => reportError(`catalogue ${site}`, e))
    .finally(() => pumps.delete(site));
  pumps.set(site, p);
}

/** At every start and on the alarm: every crawl still running goes on where it stopped. */
export async function resumeCrawls(): Promise<void> {
  for (const c of await (await db()).getAll('crawls')) if (c.status === 'running') kick(c.site);
}

/** The shopper said yes for this shop ("Look through <shop>'s catalogue"). `origin` is the page's
 * (scheme, host and port), which must be the consented shop's own. */
export async function startCrawl(site: string, origin: string): Promise<CrawlState> {
  const rec = await siteRecord(site);
  if (!rec?.granted) throw new Error(t('errCatalogueNotAllowed', site));
  const o = new URL(origin);
  if (!hostsOfSite(site).includes(o.hostname) || !/^https?:$/.test(o.protocol)) throw new Error(t('errCatalogueOtherSite', origin, site));
  const d = await db();
  const old = await d.get('crawls', site);
  // A stopped crawl goes on where it was (nothing asked twice); a finished one is not run again here.
  const state = old ? { ...old, status: old.status === 'done' ? 'done' as const : 'running' as const, failures: 0 } : newCrawl(site, o.origin, rec.imageHosts, Date.now(), await getSetting('catalogueLimit'));
  await d.put('crawls', state);
  if (state.status === 'running') kick(site);
  return state;
}

export async function stopCrawl(site: string): Promise<CrawlState | undefined> {
  const d = await db();
  const old = await d.get('crawls', site);
  if (!old) return undefined;
  const state: CrawlState = { ...old, status: old.status === 'running' ? 'stopped' : old.status };
  await d.put('crawls', state);
  return state;
}

export async function crawlStatus(site: string): Promise<CatalogueStatus> {
  const c = await (await db()).get('crawls', site);
  if (!c) return { site, status: 'none', found: 0, limit: await getSetting('catalogueLimit'), requests: 0 };
  return { site, status: c.status, found: c.found, limit: c.limit, requests: c.requests, lastError: c.status === 'failed' ? c.lastError : undefined };
}
