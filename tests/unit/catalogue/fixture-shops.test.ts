// The catalogue fixture shops (issue #14): big, deterministic, each platform's public catalogue
// in its real shape, a rate limit that answers 429, robots.txt Disallow, and the server's log.
import { gunzipSync } from 'node:zlib';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';
import { CATALOGUE_SHOPS, generateCatalogueShops } from '../../fixtures/shops/catalogue-shops.ts';
import { RateLimiter } from '../../fixtures/shops/catalogue-routes.ts';
import { localFetch as fetch } from '../../fixtures/shops/local-fetch.ts';
import { startShops, type ShopServer } from '../../fixtures/shops/server.ts';

let clock = 1_000_000;
let server: ShopServer;
beforeAll(async () => (server = await startShops({ now: () => clock })));
afterAll(() => server.close());

const get = async (shopId: string, path: string) => {
  clock += 2000; // past any rate limit: these tests are about content
  return fetch(server.url(shopId, path));
};

describe('catalogue fixture shops', () => {
  it('are deterministic, fast, and hold at least 1,000 distinct products each from the shared styles', () => {
    const t0 = performance.now();
    const a = generateCatalogueShops();
    const ms = performance.now() - t0;
    expect(generateCatalogueShops()).toEqual(a);
    // About 0.25 s here when the machine is quiet (3,600 products); every server start pays it.
    expect(ms).toBeLessThan(2000);
    for (const s of CATALOGUE_SHOPS) {
      const own = a.filter((p) => p.shop === s.id);
      expect(own.length).toBeGreaterThanOrEqual(1000);
      expect(new Set(own.map((p) => p.slug)).size).toBe(own.length);
      expect(new Set(own.map((p) => p.colour)).size).toBe(8);
    }
  });

  it('Shopify-like: products.json pages of up to 250, empty past the end', async () => {
    const r = await get('harbour-supply', '/products.json?limit=250&page=1');
    const body = (await r.json()) as { products: { handle: string; variants: { price: string }[]; images: { src: string }[] }[] };
    expect(body.products).toHaveLength(250);
    expect(body.products[0]!.images[0]!.src).toMatch(/^http:\/\/img\.harbour-supply\.localhost:\d+\//);
    const last = (await (await get('harbour-supply', '/products.json?limit=250&page=99')).json()) as { products: unknown[] };
    expect(last.products).toEqual([]);
    const page = await (await get('harbour-supply', `/products/${body.products[0]!.handle}`)).text();
    expect(page).toContain('cdn.shopify.com');
  });

  it('WooCommerce-like: Store API pages with totals in headers, 400 past the end', async () => {
    const r = await get('willow-lane', '/wp-json/wc/store/v1/products?per_page=100&page=2');
    expect(r.headers.get('x-wp-totalpages')).toBe('12');
    const items = (await r.json()) as { permalink: string; prices: { currency_code: string; currency_minor_unit: number } }[];
    expect(items).toHaveLength(100);
    expect(items[0]!.prices).toMatchObject({ currency_code: 'GBP', currency_minor_unit: 2 });
    expect((await get('willow-lane', '/wp-json/wc/store/v1/products?per_page=100&page=13')).status).toBe(400);
  });

  it('sitemap-only: robots.txt names the index, the index names product sitemaps with image entries; outlet pages are disallowed', async () => {
    const robots = await (await get('quarry-road', '/robots.txt')).text();
    expect(robots).toMatch(/^Disallow: \/outlet\/$/m);
    const index = /^Sitemap: (.+)$/m.exec(robots)![1]!;
    expect(index).toContain('/sitemap_index.xml');
    expect((await get('quarry-road', '/sitemap.xml')).status).toBe(404);
    // Its product sitemaps are gzip files (application/gzip), unpacked by the reader, not by fetch.
    const gz = await get('quarry-road', '/sitemaps/items-1.xml.gz');
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    const sm = gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8');
    expect(sm).toContain('<image:title>');
    expect(sm).toContain('/outlet/');
    expect((await get('quarry-road', '/products.json')).status).toBe(404);
  });

  it('product pages are read by the extractor on each platform, at the platform URL', async () => {
    for (const s of CATALOGUE_SHOPS) {
      const p = server.catalogue.find((x) => x.shop === s.id && !x.outlet && !x.listPrice)!;
      const url = server.url(s.id, s.productPath(p));
      const html = await (await get(s.id, s.productPath(p))).text();
      const page = extractPage(parseHTML(html).document as unknown as Document, url);
      expect(page.kind).toBe('product');
      expect(page.products[0]).toMatchObject({ url, title: p.title, price: p.price, currency: s.currency });
    }
  });

  it('listings paginate with rel=next and numbered links', async () => {
    const html = await (await get('willow-lane', '/shop/page/2/')).text();
    expect(html).toContain('<link rel="next" href="/shop/page/3/">');
    expect(html).toContain('class="page-numbers" href="/shop/page/50/"');
  });

  it('the Shopify-like shop answers 429 with Retry-After after a burst, and the log has host, path, query, status and time', async () => {
    const before = server.requests.length;
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) codes.push((await fetch(server.url('harbour-supply', `/products.json?page=${i + 1}`))).status);
    expect(codes.slice(0, 3).every((c) => c === 200)).toBe(true);
    expect(new Set(codes.slice(3))).toEqual(new Set([429]));
    const log = server.requests.slice(before);
    expect(log[9]).toMatchObject({ host: 'harbour-supply.localhost', path: '/products.json', query: '?page=10', status: 429, at: clock, cookie: false });
    const limiter = new RateLimiter({ burst: 1, perSecond: 0.5 }, 0);
    expect(limiter.take(0)).toBeUndefined();
    expect(limiter.take(0)).toBe(2);
    expect(limiter.take(2000)).toBeUndefined();
  });
});
