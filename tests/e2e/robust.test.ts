// Issue 12 in the real extension, in Chromium and in Firefox: a background stopped mid-capture loses
// nothing and stores each product once (12.8); one odd field keeps the page (12.9); a consented
// shop's listing naming another shop's products changes nothing of that shop (12.4); a page script's
// el.click() is not the shopper's action (12.14); a full disk is said, and nothing is half-written
// (12.11). Hostile pages are served by the fixture shops on their own hosts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS, type Product } from '../fixtures/shops/catalog.ts';
import { listingPage, type Urls } from '../fixtures/shops/render.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { shopperHarness, sleep, until } from './journeys.ts';

interface Item { id: string; site: string; url: string; title: string; brand?: string; imageUrl?: string; currency?: string }
interface Ev { site: string; type: string; itemId: string }

const [A, B] = [SHOPS[0]!, SHOPS[1]!]; // North Threads speaks JSON-LD; Maple & Pine microdata

/** Every IndexedDB write in the background fails as the browser's does when the disk is full. */
const DISK_FULL = `(g) => {
  for (const m of ['put', 'add']) {
    g['__real_' + m] = g.IDBObjectStore.prototype[m];
    g.IDBObjectStore.prototype[m] = function () { throw new g.DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  }
  return true;
}`;
const ROOM_AGAIN = `(g) => {
  if (!g.__real_put) throw new Error('the background was restarted while the disk was full: nothing to put back');
  for (const m of ['put', 'add']) g.IDBObjectStore.prototype[m] = g['__real_' + m];
  return true;
}`;

for (const browser of BROWSERS) {
  describe(`${browser}: hostile and odd inputs (issue 12)`, () => {
    let h: Harness;
    let shopA: Tab;
    beforeAll(async () => {
      h = await shopperHarness(browser, { model: false });
      shopA = await h.shopTab(A.id, '/');
      await h.grant(shopA);
      const shopB = await h.shopTab(B.id, '/');
      await h.grant(shopB);
      await shopB.close();
    }, 180_000);
    afterAll(async () => h?.close());

    const dump = async () => {
      const d = await h.dump();
      return { items: d.items as Item[], events: d.events as Ev[] };
    };
    const urlsOf = (shop: typeof A): Urls => ({ page: (path) => h.shops.url(shop.id, path), image: (p) => h.shops.imageUrl(p) });
    const own = (shop: typeof A) => h.shops.catalog.filter((p) => p.shop === shop.id);

    it('12.8: the background stopped mid-capture of a 48-product listing loses nothing and stores each once', { timeout: 300_000 }, async () => {
      const list = own(A).slice(0, 48);
      h.shops.serve(A.id, '/all', listingPage(A, 'Everything', list, urlsOf(A)));
      const ids = new Set<string>();
      const listed = new Set(list.map((p) => h.shops.url(A.id, `/p/${p.slug}`)));
      const impressionsOfList = async () => {
        const x = await dump();
        const mine = new Set(x.items.filter((i) => listed.has(i.url)).map((i) => i.id));
        return x.events.filter((e) => e.type === 'impression' && mine.has(e.itemId)).length;
      };
      for (const delay of [30, 120, 291]) {
        const before = await impressionsOfList();
        await shopA.goto(h.shops.url(A.id, '/all'));
        await sleep(delay);
        await h.stopBackground();
        // The content script's retry wakes it when its message was lost, an extension page does when it was not.
        const wake = await h.extensionPage('src/options/options.html');
        const d = await until('all 48 products of the listing', 45_000, async () => {
          const x = await dump();
          const urls = new Set(x.items.filter((i) => i.site === A.host).map((i) => i.url));
          return list.every((p) => urls.has(h.shops.url(A.id, `/p/${p.slug}`))) && x;
        });
        for (const i of d.items) if (listed.has(i.url)) ids.add(i.id);
        // One impression per product per page view: none lost (a message cut off is sent again, for
        // up to 40 s: channel.ts's RETRY_MS), none twice.
        await until('48 impressions of this page view', 45_000, async () => (await impressionsOfList()) - before >= 48).catch(() => undefined);
        await sleep(1500);
        const impressions = (await impressionsOfList()) - before;
        expect(impressions, `stopped after ${delay} ms`).toBe(48);
        await wake.close();
      }
      // Each product is one item, whatever the retries.
      expect((await dump()).items.filter((i) => listed.has(i.url)).length).toBe(48);
      expect(ids.size).toBe(48);
    });

    it('12.9: a 30-product listing with one 250-character brand and a 5 KB image URL stores all 30', async () => {
      // Products no earlier test stored (their own URLs), one with a long brand, one with a 5 KB photo URL,
      // and the first priced in "€" (the extractor passes the page's own currency mark through).
      const list: Product[] = own(A).slice(0, 30).map((p, i) => ({ ...p, slug: `${p.slug}-odd`, ...(i === 3 ? { brand: 'B'.repeat(250) } : {}) }));
      const base = urlsOf(A);
      const urls: Urls = { ...base, image: (p) => (p === list[5] ? `${base.image(p)}?${'x'.repeat(5000)}` : base.image(p)) };
      h.shops.serve(A.id, '/odd', listingPage(A, 'Odd fields', list, urls).replace('"priceCurrency":"USD"', '"priceCurrency":"€"'));
      await shopA.goto(h.shops.url(A.id, '/odd'));
      const items = await until('the 30 products', 45_000, async () => {
        const x = (await dump()).items.filter((i) => list.some((p) => i.url === h.shops.url(A.id, `/p/${p.slug}`)));
        return x.length === 30 && x;
      });
      const long = items.find((i) => i.url.endsWith(`/p/${list[3]!.slug}`))!;
      expect(long.brand!.length).toBeLessThanOrEqual(200);
      expect(items.find((i) => i.url.endsWith(`/p/${list[0]!.slug}`))).toMatchObject({ currency: 'EUR' });
      expect(items.find((i) => i.url.endsWith(`/p/${list[5]!.slug}`))!.imageUrl).toBeUndefined();
    });

    it("12.4: a shop's listing naming another shop's product URLs changes nothing of that shop", async () => {
      const victim = own(A).slice(0, 5);
      const before = (await dump()).items.filter((i) => i.site === A.host);
      expect(before.length).toBeGreaterThan(5);
      // Maple & Pine's page, with a JSON-LD ItemList that names North Threads' products as its own.
      const forged = victim.map((p) => ({ ...p, title: `Pwned ${p.title}`, brand: 'Attacker' }));
      h.shops.serve(B.id, '/deals', listingPage({ ...B, markup: 'jsonld' }, 'Deals', forged, { page: (path) => h.shops.url(A.id, path), image: () => h.shops.url(B.id, '/track.gif') }));
      const attacker = await h.shopTab(B.id, '/deals');
      await h.waitForPageKind(attacker, 'listing'); // Carryover read the forged page
      await sleep(2000);
      const after = (await dump()).items.filter((i) => i.site === A.host);
      expect(after.map((i) => [i.id, i.title, i.imageUrl])).toEqual(before.map((i) => [i.id, i.title, i.imageUrl]));
      expect((await dump()).items.some((i) => i.title.startsWith('Pwned') && i.url.includes(A.host))).toBe(false);
      await attacker.close();
    });

    it("12.14: a page script's el.click() on a hidden \"Add to basket\" records nothing; the shopper's click does", async () => {
      const p = own(A)[50]!;
      const tab = await h.shopTab(A.id, `/p/${p.slug}`);
      const id = await until('the product page', 15_000, async () => (await dump()).items.find((i) => i.url.endsWith(`/p/${p.slug}`))?.id);
      await sleep(500);
      // The shop's script adds a hidden button that looks like the basket and clicks it.
      await tab.evaluate(`(() => {
        const b = document.createElement('button');
        b.type = 'button';
        b.hidden = true;
        b.textContent = 'Add to basket';
        document.body.append(b);
        b.click();
        b.dispatchEvent(new MouseEvent('click', { bubbles: true }));
        return true;
      })()`);
      await sleep(1500);
      expect((await dump()).events.filter((e) => e.itemId === id && e.type === 'cart')).toHaveLength(0);
      await tab.clickText('Add to basket');
      await until('the cart event', 15_000, async () => (await dump()).events.some((e) => e.itemId === id && e.type === 'cart'));
      await tab.close();
    });

    it('12.11: when every write fails for lack of room, the popup and the options page say so; nothing is half-written', async () => {
      const fresh = own(A).slice(0, 12).map((p) => ({ ...p, slug: `${p.slug}-full` }));
      h.shops.serve(A.id, '/full', listingPage(A, 'Full', fresh, urlsOf(A)));
      const storageFull = (tab: Tab) => tab.evaluate<string | null>('document.querySelector("[data-testid=storage-full]")?.textContent ?? null');
      await h.inBackground(DISK_FULL);
      await shopA.goto(h.shops.url(A.id, '/full'));
      const popup = await h.openPopup(shopA);
      const said = await until('the popup to say the disk is full', 15_000, () => storageFull(popup));
      expect(said).toMatch(/Storage is full: Carryover is not learning.*delete products you no longer need/);
      const options = await h.extensionPage('src/options/options.html');
      await until('the options page to say so', 15_000, () => storageFull(options));
      expect((await dump()).items.filter((i) => i.url.endsWith('-full'))).toHaveLength(0);
      await popup.close();
      // Room again: the next page is stored and the notice goes.
      await h.inBackground(ROOM_AGAIN);
      await shopA.reload();
      await until('the page stored once there is room', 45_000, async () => (await dump()).items.filter((i) => i.url.endsWith('-full')).length === 12);
      await options.reload();
      await options.waitFor('!!document.querySelector("h1")');
      await sleep(500);
      expect(await storageFull(options)).toBeNull();
      await options.close();
    });
  });
}
