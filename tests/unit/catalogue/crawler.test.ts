// The crawler against the three catalogue fixture shops on a fake clock: every source, the pace
// (≥ 1 s between requests, slower after a 429, Retry-After honoured), robots.txt, the limit,
// giving up after repeated failures, and resuming after a stop without asking anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlOnce, ownProducts } from '../../../src/background/catalogue/crawler.ts';
import { MAX_FAILURES } from '../../../src/background/catalogue/politeness.ts';
import { newCrawl } from '../../../src/background/catalogue/state.ts';
import { localFetch } from '../../fixtures/shops/local-fetch.ts';
import { CATALOGUE_SHOPS } from '../../fixtures/shops/catalogue-shops.ts';
import { startShops, type ShopServer } from '../../fixtures/shops/server.ts';
import { depsFor, drive, fakeClock, freshDb, type FakeClock } from './crawl-helpers.ts';

let clock: FakeClock;
let server: ShopServer;
beforeAll(async () => {
  clock = fakeClock();
  server = await startShops({ now: () => clock.now() });
});
afterAll(() => server.close());

const [shopify, woo, plain] = CATALOGUE_SHOPS as [typeof CATALOGUE_SHOPS[0], typeof CATALOGUE_SHOPS[0], typeof CATALOGUE_SHOPS[0]];
const originOf = (id: string) => new URL(server.url(id)).origin;
const imageHost = (host: string) => `img.${host}`;

async function start(shop: typeof shopify, limit?: number) {
  const d = await freshDb();
  // The shop's clock starts full: each test is a new visit, long after the last one.
  clock.advance(60_000);
  await d.put('crawls', newCrawl(shop.host, originOf(shop.id), [imageHost(shop.host)], clock.now(), limit));
  return { d, deps: depsFor(d, clock), since: server.requests.length };
}

const logOf = (since: number, host: string) => server.requests.slice(since).filter((r) => r.host === host);
const urlsOf = (log: ShopServer['requests']) => log.map((r) => r.path + r.query);

function expectPolite(log: ShopServer['requests']) {
  for (let i = 1; i < log.length; i++) {
    const gap = log[i]!.at - log[i - 1]!.at;
    expect(gap).toBeGreaterThanOrEqual(1000);
    if (log[i - 1]!.status === 429) expect(gap).toBeGreaterThanOrEqual(2000);
  }
  expect(log.every((r) => !r.cookie)).toBe(true);
}

describe('catalogue crawler', () => {
  it('Shopify-like: detects the platform, reads products.json to the end, honours the 429 and keeps ≥ 1 s between requests', async () => {
    const { d, deps, since } = await start(shopify);
    expect(await drive(deps, clock, shopify.host)).toEqual({ finished: 'done' });
    const state = (await d.get('crawls', shopify.host))!;
    expect(state).toMatchObject({ platform: 'shopify', found: 1200, status: 'done' });
    const log = logOf(since, shopify.host);
    expect(urlsOf(log).filter((u) => u.startsWith('/products.json')).length).toBeGreaterThanOrEqual(5);
    expect(log.some((r) => r.status === 429)).toBe(true);
    expectPolite(log);
    // A request refused with 429 is asked again after the wait; nothing answered is asked twice.
    const answered = urlsOf(log.filter((r) => r.status !== 429));
    expect(new Set(answered).size).toBe(answered.length);
    expect(logOf(since, imageHost(shopify.host))).toEqual([]);
    const items = await d.getAllFromIndex('catalogue', 'site', shopify.host);
    expect(items).toHaveLength(1200);
    const first = server.catalogue.find((p) => p.shop === shopify.id)!;
    expect(items.find((x) => x.title === first.title)).toMatchObject({ price: first.price, currency: 'USD', brand: first.brand, rank: 1, source: 'shopify' });
  });

  it("a limit the shopper lowers while the crawl runs applies at once: no more products are stored, no more pages asked", async () => {
    const { d, deps, since } = await start(woo);
    let limit = 2000;
    const live = { ...deps, limit: async () => limit };
    // Two Store API pages (200 products) under the first limit…
    for (let i = 0; i < 12 && ((await d.get('crawls', woo.host))?.found ?? 0) < 200; i++) {
      const t = await crawlOnce(live, woo.host);
      if ('waitMs' in t) clock.advance(t.waitMs);
    }
    expect((await d.get('crawls', woo.host))!.found).toBeGreaterThanOrEqual(200);
    // …then the shopper chooses 250 in the options page.
    limit = 250;
    expect(await drive(live, clock, woo.host)).toEqual({ finished: 'done' });
    const state = (await d.get('crawls', woo.host))!;
    expect(state.limit).toBe(250);
    expect(await d.countFromIndex('catalogue', 'site', woo.host)).toBeLessThanOrEqual(250);
    // The Store API is asked for at most the one page that crossed the limit, not all 12.
    expect(urlsOf(logOf(since, woo.host)).filter((u) => u.startsWith('/wp-json/')).length).toBeLessThanOrEqual(4);
  });

  it('WooCommerce-like: reads the Store API page by page, prices from minor units', async () => {
    const { d, deps, since } = await start(woo);
    expect(await drive(deps, clock, woo.host)).toEqual({ finished: 'done' });
    expect(await d.get('crawls', woo.host)).toMatchObject({ platform: 'woo', found: 1200 });
    const log = logOf(since, woo.host);
    expect(urlsOf(log).filter((u) => u.startsWith('/wp-json/')).length).toBe(12);
    expectPolite(log);
    const p = server.catalogue.find((x) => x.shop === woo.id && x.listPrice)!;
    const rec = (await d.getAllFromIndex('catalogue', 'site', woo.host)).find((x) => x.title === p.title);
    expect(rec).toMatchObject({ price: p.price, listPrice: p.listPrice, currency: 'GBP', category: ['Dress', 'Shirt', 'Sneakers', 'Handbag', 'Jacket', 'Scarf', 'Skirt', 'Sweater'].filter((c) => c.toLowerCase() === p.category) });
  });

  it('sitemap-only: robots.txt → index → product sitemaps give every product with its photo; pages fill prices; Disallowed pages are never asked', async () => {
    const { d, deps, since } = await start(plain);
    // Robots, home, the index, three product sitemaps: every product is a candidate after 6 requests.
    for (let i = 0; i < 6; i++) {
      const t = await crawlOnce(deps, plain.host);
      if ('waitMs' in t) clock.advance(t.waitMs);
    }
    const after = (await d.get('crawls', plain.host))!;
    expect(after.found).toBe(1200);
    expect(after.pages).toHaveLength(1200);
    // The first 60 pages are enough to see the rules hold (1 in 12 is in the outlet); all 1,200 take
    // 20 minutes of the shop's time at 1 request/s, and a minute of this machine's.
    after.pages = after.pages.slice(0, 60);
    await d.put('crawls', after);
    expect(await drive(deps, clock, plain.host)).toEqual({ finished: 'done' });
    const log = logOf(since, plain.host);
    expect(log.filter((r) => r.path.startsWith('/outlet/'))).toEqual([]);
    expect(log.filter((r) => r.path === '/sitemaps/pages.xml')).toEqual([]);
    const state = (await d.get('crawls', plain.host))!;
    expect(state.skipped).toBe(5);
    expect(log.filter((r) => r.path.startsWith('/item/'))).toHaveLength(55);
    expectPolite(log);
    const p = server.catalogue.find((x) => x.shop === plain.id && !x.outlet)!;
    const items = await d.getAllFromIndex('catalogue', 'site', plain.host);
    expect(items.find((x) => x.title === p.title)).toMatchObject({ price: p.price, currency: 'EUR', imageUrl: server.imageUrl(p), source: 'page' });
    const outlet = server.catalogue.find((x) => x.shop === plain.id && x.outlet)!;
    expect(items.find((x) => x.title === outlet.title)).toMatchObject({ source: 'sitemap', imageUrl: server.imageUrl(outlet) });
  }, 120_000);

  it('stops at the limit', async () => {
    const { d, deps, since } = await start(shopify, 300);
    expect(await drive(deps, clock, shopify.host)).toEqual({ finished: 'done' });
    expect(await d.count('catalogue')).toBe(300);
    expect(urlsOf(logOf(since, shopify.host).filter((r) => r.status === 200))).toEqual(['/robots.txt', '/', '/products.json?limit=250&page=1', '/products.json?limit=250&page=2']);
  });

  it('resumes after the background stops, asking for nothing twice — not even the request whose answer was lost', async () => {
    const { d, since } = await start(woo);
    const first = depsFor(d, clock);
    for (let i = 0; i < 4; i++) {
      const t = await crawlOnce(first, woo.host);
      if ('waitMs' in t) clock.advance(t.waitMs);
    }
    // The background stops while the next request is out: the shop answers, nobody reads it.
    let sent!: () => void;
    const out = new Promise<void>((r) => (sent = r));
    const dying = depsFor(d, clock, (async (input: RequestInfo | URL, init?: RequestInit) => {
      await localFetch(input, init);
      sent();
      return new Promise<Response>(() => undefined);
    }) as typeof fetch);
    void crawlOnce(dying, woo.host);
    await out;
    expect((await d.get('crawls', woo.host))!.inflight).toMatchObject({ kind: 'woo', page: 3 });
    // A new background lifetime: a new store over the same database.
    clock.advance(5 * 60_000);
    expect(await drive(depsFor(d, clock), clock, woo.host)).toEqual({ finished: 'done' });
    const urls = urlsOf(logOf(since, woo.host));
    expect(new Set(urls).size).toBe(urls.length);
    expect(urls.filter((u) => u.includes('page=3'))).toHaveLength(1);
    expect(urls.at(-1)).toContain('page=12');
    expect(await d.get('crawls', woo.host)).toMatchObject({ status: 'done', found: 1100, lastError: expect.stringContaining('answer lost') });
  });

  it(`backs off exponentially on 5xx and gives up after ${MAX_FAILURES} failures in a row`, async () => {
    const d = await freshDb();
    const c = fakeClock();
    const asked: number[] = [];
    const down = (async () => {
      asked.push(c.now());
      return new Response('busy', { status: 503 });
    }) as typeof fetch;
    await d.put('crawls', newCrawl('down.localhost', 'http://down.localhost', [], c.now()));
    expect(await drive(depsFor(d, c, down), c, 'down.localhost')).toEqual({ finished: 'failed' });
    expect(asked).toHaveLength(MAX_FAILURES);
    const gaps = asked.slice(1).map((t, i) => t - asked[i]!);
    gaps.slice(1).forEach((g, i) => expect(g).toBeGreaterThan(gaps[i]!));
    expect((await d.get('crawls', 'down.localhost'))!.lastError).toMatch(/gave up after 5/);
  });

  it('asks only the shop itself: a robots.txt or sitemap naming other hosts changes nothing', async () => {
    const d = await freshDb();
    const c = fakeClock();
    const asked: string[] = [];
    const fake = (async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      if (url.endsWith('/robots.txt')) return new Response('Sitemap: http://elsewhere.localhost/sitemap.xml\n');
      if (url.endsWith('/sitemap.xml')) return new Response('<urlset><url><loc>http://elsewhere.localhost/p/a</loc></url></urlset>');
      return new Response('<html><body><h1>Home</h1></body></html>', { headers: { 'content-type': 'text/html' } });
    }) as typeof fetch;
    await d.put('crawls', newCrawl('own.localhost', 'http://own.localhost', [], c.now()));
    expect(await drive(depsFor(d, c, fake), c, 'own.localhost')).toEqual({ finished: 'done' });
    expect(asked.every((u) => u.startsWith('http://own.localhost/'))).toBe(true);
    expect(await d.count('catalogue')).toBe(0);
  });

  it("keeps a product's photo only from the shop or its consented image hosts, and only the shop's own products", () => {
    const state = newCrawl('own.localhost', 'http://own.localhost', ['img.own.localhost'], 0);
    const kept = ownProducts([
      { url: 'http://own.localhost/p/a', title: 'A', imageUrl: 'http://img.own.localhost/a.jpg' },
      { url: 'http://own.localhost/p/b', title: 'B', imageUrl: 'http://tracker.example/b.jpg' },
      { url: 'http://elsewhere.localhost/p/c', title: 'C' },
    ], state);
    expect(kept).toEqual([
      { url: 'http://own.localhost/p/a', title: 'A', imageUrl: 'http://img.own.localhost/a.jpg' },
      { url: 'http://own.localhost/p/b', title: 'B' },
    ]);
  });

  it('with no API and no sitemap, follows the listing\'s own pages (rel=next, numbered links)', async () => {
    const d = await freshDb();
    clock.advance(60_000);
    await d.put('crawls', newCrawl(plain.host, originOf(plain.id), [imageHost(plain.host)], clock.now(), 120));
    // The same shop without robots.txt and sitemaps: only its listing is left to read.
    const noSitemaps = ((input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input));
      if (url.pathname === '/robots.txt' || /sitemap/.test(url.pathname)) return Promise.resolve(new Response('', { status: 404 }));
      return localFetch(input, init);
    }) as typeof fetch;
    const since = server.requests.length;
    expect(await drive(depsFor(d, clock, noSitemaps), clock, plain.host)).toEqual({ finished: 'done' });
    const state = (await d.get('crawls', plain.host))!;
    expect(state.found).toBe(120);
    const paths = urlsOf(logOf(since, plain.host));
    expect(paths[0]).toBe('/');
    expect(paths.slice(1).every((p) => /^\/all\?page=\d+$/.test(p))).toBe(true);
    const first = server.catalogue.filter((p) => p.shop === plain.id)[30]!;
    expect((await d.getAllFromIndex('catalogue', 'site', plain.host)).find((x) => x.title === first.title)).toMatchObject({ price: first.price, source: 'listing' });
  });
});
