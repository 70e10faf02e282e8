// A never-used shop's whole catalogue in the real extension (issue #14): after carts on two shops,
// one product page of the Shopify-like fixture shop, consent, and "Look through its catalogue" (the
// popup's message). Measured from the yes: the first ranking whose top 5 holds a catalogue product
// (titles only by then), every title embedded, the top 100's photos read, and the crawler's requests
// per second (the shop's 429 included). Wall-clock, on a shared machine: for reading, not a gate.
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { CATALOGUE_PROGRESS } from '../../tests/e2e/harness/in-extension.ts';
import { cartOn, embeddedSite, redAndStriped } from '../../tests/e2e/journeys.ts';
import { SHOPS } from '../../tests/fixtures/shops/catalog.ts';
import { CATALOGUE_SHOPS } from '../../tests/fixtures/shops/catalogue-shops.ts';

export interface CatalogueRow {
  products: number;
  /** The crawl's reading, from the yes to its last answer. */
  crawlS: number;
  /** The first ranking (from titles) with a catalogue product in the top 5. */
  firstRankedS: number;
  /** Every catalogue title has a vector. */
  titlesS: number;
  /** The cascade's best 100 all have their photo's vector. */
  photosS: number;
  /** Catalogue products stored by the end (the shop serves `products`). */
  stored: number;
  /** Catalogue photos read by the end (the cascade's best 100 move as titles and photos arrive). */
  photosRead: number;
  requests: number;
  requestsPerS: number;
  refused429: number;
}

interface CatalogueProgress { products: number; flagged: number; titles: number; flaggedWithPhoto: number; photosRead: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchCatalogue(dist: string, products: number, log: (s: string) => void, timeoutS = 900): Promise<CatalogueRow> {
  const h = await launchChromium({ build: 'test', dist, catalogueSize: products });
  try {
    const [a, b] = [SHOPS[0]!, SHOPS[1]!];
    for (const s of [a, b]) await cartOn(h, s, redAndStriped(h, s));
    await embeddedSite(h, a.host);
    await embeddedSite(h, b.host);
    const shop = CATALOGUE_SHOPS[0]!;
    const shown = h.shops.catalogue.find((p) => p.shop === shop.id)!;
    const page = await h.shopTab(shop.id, shop.productPath(shown));
    await h.grant(page);
    const ext = await h.extensionPage('src/options/options.html');
    const send = <T>(msg: unknown) => ext.evaluate<T>(`(async () => {
      const r = await chrome.runtime.sendMessage(${JSON.stringify(msg)});
      if (!r.ok) throw new Error(r.error);
      return r.value;
    })()`);
    const displayed = new Set(((await h.dump()).items as { id: string }[]).map((i) => i.id));
    const since = h.shops.requests.length;
    const t0 = Date.now();
    await send({ type: 'catalogue/start', site: shop.host, origin: new URL(h.shops.url(shop.id)).origin });
    const at: Partial<Record<'crawl' | 'first' | 'titles' | 'photos', number>> = {};
    let progress: CatalogueProgress | undefined;
    while (!at.photos && Date.now() - t0 < timeoutS * 1000) {
      // The popup's ranking: the same recommend() as the sidebar's, which also runs the photo cascade.
      const rec = await send<{ items: { id: string }[] }>({ type: 'rec/for-site', site: shop.host });
      if (!at.first && rec.items.some((c) => !displayed.has(c.id))) at.first = Date.now();
      const status = await send<{ status: string }>({ type: 'catalogue/status', site: shop.host });
      if (!at.crawl && status.status === 'done') at.crawl = Date.now();
      if (at.crawl) {
        progress = await h.inExtension<CatalogueProgress>(CATALOGUE_PROGRESS, shop.host);
        if (!at.titles && progress.titles === progress.products) at.titles = Date.now();
        if (at.titles && progress.flagged >= Math.min(100, progress.products) && progress.flaggedWithPhoto === progress.flagged) at.photos = Date.now();
      }
      await sleep(at.crawl ? 1000 : 250);
    }
    const reqs = h.shops.requests.slice(since).filter((r) => r.host === shop.host && r.path !== shop.productPath(shown));
    const span = reqs.length > 1 ? (reqs.at(-1)!.at - reqs[0]!.at) / 1000 : NaN;
    const s = (t?: number) => (t ? (t - t0) / 1000 : NaN);
    const row: CatalogueRow = {
      products, crawlS: s(at.crawl), firstRankedS: s(at.first), titlesS: s(at.titles), photosS: s(at.photos), stored: progress?.products ?? 0, photosRead: progress?.photosRead ?? 0,
      requests: reqs.length, requestsPerS: (reqs.length - 1) / span, refused429: reqs.filter((r) => r.status === 429).length,
    };
    log(`  ${products} products (${row.stored} stored): crawl ${row.crawlS.toFixed(1)} s (${row.requests} requests, ${row.requestsPerS.toFixed(2)}/s, ${row.refused429}× 429); first ranked from titles ${row.firstRankedS.toFixed(1)} s; all titles ${row.titlesS.toFixed(1)} s; top 100 photos ${row.photosS.toFixed(1)} s (${row.photosRead} photos read)`);
    return row;
  } finally {
    await h.close();
  }
}
