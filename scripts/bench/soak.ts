// The soak (issue 12.8): listings are captured and embedded while the background service worker is
// stopped at random points, again and again. At the end every product shown is stored once, every
// page view's impressions are there exactly once, and every embedding job is done (none failed, none
// left queued or running), each item with one text and one photo vector.
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { SHOPS, type Product } from '../../tests/fixtures/shops/catalog.ts';
import { listingPage } from '../../tests/fixtures/shops/render.ts';

export interface Soak {
  stops: number;
  pageViews: number;
  productsShown: number;
  itemsStored: number;
  impressionsExpected: number;
  impressionsStored: number;
  jobs: { done: number; failed: number; left: number };
  vectorsComplete: number;
  lost: number;
  duplicated: number;
  seconds: number;
}

interface Item { id: string; url: string }
interface Ev { itemId: string; type: string; view?: string }
interface Job { state: string }
interface Vec { itemId: string; image?: unknown; text?: unknown }

/** A small deterministic generator, so that a run can be repeated. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function until<T>(f: () => Promise<T | false | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`soak: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export async function benchSoak(dist: string, opts: { stops?: number; seed?: number; log?: (s: string) => void } = {}): Promise<Soak> {
  const stops = opts.stops ?? 50;
  const random = rng(opts.seed ?? 12);
  const log = opts.log ?? (() => {});
  const started = Date.now();
  const h = await launchChromium({ build: 'test', dist });
  try {
    const shops = [SHOPS[0]!, SHOPS[1]!]; // JSON-LD and microdata listings
    for (const s of shops) {
      const p = await h.shopTab(s.id, '/cart');
      await h.grant(p);
      await p.close();
    }
    // Slow the queue a little between batches, so that stops land in the middle of embedding too.
    await h.setSetting('queuePauseMs', 150);
    const shown = new Map<string, string>(); // url → shop
    let impressionsExpected = 0;
    for (let i = 0; i < stops; i++) {
      const shop = shops[Math.floor(random() * shops.length)]!;
      const own = h.shops.catalog.filter((p) => p.shop === shop.id);
      const start = Math.floor(random() * 30);
      const list: Product[] = own.slice(start, start + 20 + Math.floor(random() * 28));
      const path = `/soak/${i}`;
      h.shops.serve(shop.id, path, listingPage(shop, `Soak ${i}`, list, { page: (p) => h.shops.url(shop.id, p), image: (p) => h.shops.imageUrl(p) }));
      const urls = list.map((p) => h.shops.url(shop.id, `/p/${p.slug}`));
      for (const u of urls) shown.set(u, shop.host);
      impressionsExpected += urls.length;
      const page = await h.shopTab(shop.id, path);
      await new Promise((r) => setTimeout(r, Math.floor(random() * 900)));
      await h.stopBackground();
      await new Promise((r) => setTimeout(r, Math.floor(random() * 400)));
      // Something must wake a stopped worker to read the database: the page's own retry does when
      // its capture was cut off; an extension page does when it was not.
      const wake = await h.extensionPage('src/options/options.html');
      // Up to 20 s for the page's products; what is still missing then is counted as lost at the end.
      await until(async () => {
        const d = await h.dump();
        const have = new Set((d.items as Item[]).map((x) => x.url));
        return urls.every((u) => have.has(u));
      }, 20_000, `page view ${i}`).catch(() => log(`  soak: page view ${i} incomplete after 20 s`));
      await wake.close();
      await page.close();
      if ((i + 1) % 10 === 0) log(`  soak: ${i + 1}/${stops} stops`);
    }
    const final = await until(async () => {
      const d = await h.dump();
      const jobs = d.jobs as Job[];
      const left = jobs.filter((j) => j.state === 'queued' || j.state === 'running').length;
      return left === 0 && d;
    }, 10 * 60_000, 'the embedding queue to drain');
    const items = final.items as Item[];
    const byUrl = new Map<string, number>();
    for (const it of items) byUrl.set(it.url, (byUrl.get(it.url) ?? 0) + 1);
    // Every impression comes from a soak page (consent was given on empty basket pages). A build
    // without view ids (before issue 12) is grouped by the event's time instead.
    const events = (final.events as (Ev & { ts: number })[]).filter((e) => e.type === 'impression');
    const views = new Map<string, Set<string>>();
    let duplicated = [...byUrl.values()].filter((n) => n > 1).length;
    for (const e of events) {
      const view = e.view ?? String(e.ts);
      const seen = views.get(view) ?? views.set(view, new Set()).get(view)!;
      if (seen.has(e.itemId)) duplicated++;
      seen.add(e.itemId);
    }
    const jobs = final.jobs as Job[];
    const vectors = final.vectors as Vec[];
    const shownItems = items.filter((i) => shown.has(i.url));
    const withBoth = new Set(vectors.filter((v) => v.image && v.text).map((v) => v.itemId));
    return {
      stops,
      pageViews: views.size,
      productsShown: shown.size,
      itemsStored: shownItems.length,
      impressionsExpected,
      impressionsStored: events.length,
      jobs: { done: jobs.filter((j) => j.state === 'done').length, failed: jobs.filter((j) => j.state === 'failed').length, left: 0 },
      vectorsComplete: shownItems.filter((i) => withBoth.has(i.id)).length,
      lost: (shown.size - shownItems.length) + Math.max(0, impressionsExpected - events.length),
      duplicated,
      seconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await h.close();
  }
}
