// Consent and capture in the real extension, in Chromium and in Firefox: nothing is read before
// consent, only the consented shop is stored, revoking and pausing stop capture, and every fixture
// shop's pages give the right items and events whatever their markup.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { pageStatus, shopperHarness, sleep, until } from './journeys.ts';

interface Item { id: string; site: string; url: string; title: string; price?: number; currency?: string; brand?: string; imageUrl?: string }
interface Ev { site: string; type: string; itemId: string }

for (const browser of BROWSERS) {
  describe(`${browser}: consent and capture`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser, { model: false });
    });
    afterAll(async () => h?.close());

    const items = async () => (await h.dump()).items as Item[];
    const events = async () => (await h.dump()).events as Ev[];

    async function revoke(tab: Tab, deleteData = false) {
      const popup = await h.openPopup(tab);
      if (deleteData) await popup.clickText(/Also delete/);
      await popup.clickText(/^Stop learning/);
      await popup.waitForText(/Learn from/);
      await popup.close();
    }

    it('stores only the consented shop of three visited, and stops after revoking', async () => {
      const [a, b, c] = [SHOPS[0]!, SHOPS[1]!, SHOPS[2]!];
      const tabs: Tab[] = [];
      for (const s of [a, b, c]) tabs.push(await h.shopTab(s.id, '/c/dress'));
      await sleep(500);
      expect(await items()).toHaveLength(0);
      expect(await h.pageKind(tabs[0]!)).toBeUndefined(); // no script in pages before consent

      await h.grant(tabs[1]!); // the open tab gets the script at once, without a reload
      await h.waitForPageKind(tabs[1]!, 'listing');
      for (const t of tabs) await t.reload();
      await h.waitForPageKind(tabs[1]!, 'listing');
      await sleep(500);
      expect([...new Set((await items()).map((i) => i.site))]).toEqual([b.host]);
      expect(await h.pageKind(tabs[0]!)).toBeUndefined();
      expect(await h.pageKind(tabs[2]!)).toBeUndefined();
      const held = (await events()).length;
      expect(held).toBeGreaterThan(0);

      await revoke(tabs[1]!);
      await until('capture to stop in the open tab', 10_000, async () => (await h.pageKind(tabs[1]!)) === undefined);
      const product = h.shops.catalog.find((p) => p.shop === b.id)!;
      await tabs[1]!.goto(h.shops.url(b.id, `/p/${product.slug}`));
      await sleep(1000);
      expect(await h.pageKind(tabs[1]!)).toBeUndefined();
      expect((await events()).length).toBe(held);
      for (const t of tabs) await t.close();
    });

    it('captures nothing while paused everywhere', async () => {
      const s = SHOPS[0]!;
      const tab = await h.shopTab(s.id, '/c/scarf');
      await h.grant(tab);
      await h.waitForPageKind(tab, 'listing');
      const options = await h.extensionPage('src/options/options.html');
      await options.clickText(/Pause everywhere/);
      await until('capture to stop in the open tab', 10_000, async () => (await h.pageKind(tab)) === undefined);
      const before = (await events()).length;
      await tab.goto(h.shops.url(s.id, '/c/jacket'));
      await sleep(1000);
      expect((await events()).length).toBe(before);
      await options.clickText(/Pause everywhere/);
      await h.waitForPageKind(tab, 'listing'); // resuming starts capture in open tabs again
      await revoke(tab, true);
      expect((await items()).filter((i) => i.site === s.host)).toHaveLength(0);
      await options.close();
      await tab.close();
    });

    it.each(SHOPS.map((s) => [s.name, s.markup, s] as const))('reads every page of %s (%s markup) into the right items and events', async (_n, _m, shop) => {
      const own = h.shops.catalog.filter((p) => p.shop === shop.id);
      const listed = own.filter((p) => p.category === 'dress');
      const tab = await h.shopTab(shop.id, '/c/dress');
      await h.grant(tab);
      await h.waitForPageKind(tab, 'listing');
      // Read off the shop's main thread, in Carryover's own document (capture/read-page.ts).
      expect((await pageStatus(h, tab))?.readBy).toBe('hand-off');
      const target = listed[0] ?? own[0]!;
      // A click on a card in the listing is a signal too.
      await tab.clickText(target.title);
      await h.waitForPageKind(tab, 'product');
      await sleep(2300); // visible long enough to count as dwell
      await tab.clickText('Add to wishlist');
      await tab.waitForText('Saved to your wishlist');
      await tab.clickText('Add to basket');
      await tab.waitFor('location.pathname.endsWith("/cart")');
      await h.waitForPageKind(tab, 'cart');
      await tab.clickText('Place order');
      await tab.waitFor('location.pathname.endsWith("confirmation")');
      await h.waitForPageKind(tab, 'confirmation');
      await tab.goto(h.shops.url(shop.id, '/'));
      await h.waitForPageKind(tab, 'listing'); // leaving the product page ends nothing more; dwell was sent

      const mine = (await items()).filter((i) => i.site === shop.host);
      const byUrl = new Map(mine.map((i) => [i.url, i]));
      for (const p of listed) expect(byUrl.has(h.shops.url(shop.id, `/p/${p.slug}`))).toBe(true);
      const item = byUrl.get(h.shops.url(shop.id, `/p/${target.slug}`))!;
      expect(item).toMatchObject({ title: target.title, price: target.price, currency: shop.currency, brand: target.brand, imageUrl: h.shops.imageUrl(target) });
      const types = (await events()).filter((e) => e.itemId === item.id).map((e) => e.type).sort();
      expect(types).toEqual(expect.arrayContaining(['click', 'view', 'dwell', 'wishlist', 'cart', 'purchase', 'impression']));
      expect(types.filter((t) => t === 'cart')).toHaveLength(1); // button and cart page count once
      expect(types.filter((t) => t === 'purchase')).toHaveLength(1);
      await tab.close();
    });

    it('re-runs detection on single-page navigations (history API)', async () => {
      const s = SHOPS[0]!;
      const tab = await h.shopTab(s.id, '/spa');
      await h.waitForPageKind(tab, 'listing');
      const p = h.shops.catalog.filter((x) => x.shop === s.id)[3]!;
      await tab.clickText(p.title);
      await tab.waitFor('location.pathname.startsWith("/spa/p/")');
      await h.waitForPageKind(tab, 'product');
      const item = (await items()).find((i) => i.url === h.shops.url(s.id, `/p/${p.slug}`));
      expect(item).toMatchObject({ title: p.title, price: p.price });
      const types = (await events()).filter((e) => e.itemId === item!.id).map((e) => e.type);
      expect(types).toContain('view');
      await tab.close();
    });
  });
}
