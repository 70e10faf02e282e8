// A crawl in Node: the fixture shops on a fake clock shared with the crawler, pages read by the
// extractor over linkedom (the extension reads them with DOMParser in a document), IndexedDB from
// fake-indexeddb.
import 'fake-indexeddb/auto';
import { parseHTML } from 'linkedom';
import { crawlOnce, type CrawlDeps, type Tick } from '../../../src/background/catalogue/crawler.ts';
import { readCataloguePage } from '../../../src/capture/extract/catalogue-page.ts';
import { idbCrawlStore } from '../../../src/background/catalogue/store.ts';
import type { ReadHtml } from '../../../src/background/catalogue/types.ts';
import { openAt, type Db } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { localFetch } from '../../fixtures/shops/local-fetch.ts';

export const readHtml: ReadHtml = async (url, html) => readCataloguePage(parseHTML(html).document as unknown as Document, url);

let n = 0;
export const freshDb = () => openAt(DB_VERSION, `crawl-test-${n++}`);

export interface FakeClock { now(): number; advance(ms: number): void }
export function fakeClock(start = 1_700_000_000_000): FakeClock {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

export function depsFor(d: Db, clock: FakeClock, fetchImpl: typeof fetch = localFetch): CrawlDeps {
  return { fetch: fetchImpl, readHtml, now: clock.now, store: idbCrawlStore(d) };
}

/** Runs the crawl, moving the fake clock by each wait, for at most `steps` calls. */
export async function drive(deps: CrawlDeps, clock: FakeClock, site: string, steps = 10_000): Promise<Tick> {
  let t: Tick = { waitMs: 0 };
  for (let i = 0; i < steps; i++) {
    t = await crawlOnce(deps, site);
    if ('finished' in t) return t;
    clock.advance(t.waitMs);
  }
  return t;
}
