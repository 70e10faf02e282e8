// The product's headline, in Chromium and in Firefox: a shopper who carted red and striped things on
// two shops opens a shop they have never used, and the sidebar ranks that shop's red and striped
// things first. "Not for me" removes look-alikes at once, and all of it holds after the background
// is stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../fixtures/shops/catalog.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { cartThenNewShop, finalPicks, shopperHarness, sleep, taste, truthOf, until } from './journeys.ts';

const loose = (p: Product) => p.colour === 'red' || p.pattern !== 'plain'; // the "red or patterned"

for (const browser of BROWSERS) {
  describe(`${browser}: cold start on a new shop`, () => {
    let h: Harness;
    let tab: Tab;
    beforeAll(async () => {
      h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => h?.close());

    it("ranks the new shop's red and striped products first, from carts on two other shops", { timeout: 300_000 }, async () => {
      const run = await cartThenNewShop(h);
      tab = run.tab;
      expect(run.top5.every((p) => p.shop === SHOPS[2]!.id)).toBe(true);
      expect(run.top5.filter(loose).length).toBeGreaterThanOrEqual(4);
      expect(run.top5.filter(taste).length).toBeGreaterThanOrEqual(4); // stronger than the listing's base rate
      expect(run.baseRate).toBeLessThan(0.6);
    });

    it('shows the ranked sidebar by itself on the next visit, and says why each product is there', async () => {
      await tab.reload();
      await finalPicks(h, tab);
      const text = await (await h.sidebar(tab)).text();
      expect(text).toContain('Picked for you on Urban Loft');
      expect(text).toMatch(/Like the .+ you put in your basket on (North Threads|Maple And Pine)/);
    });

    it('"Not for me" on a card removes its look-alikes from the top 5 at once, and after the background stops', { timeout: 180_000 }, async () => {
      const first = (await finalPicks(h, tab))[0]!;
      const [gone] = await truthOf(h, [first]);
      const view = await h.sidebar(tab);
      await view.click('Not for me', first);
      const alike = (p: Product) => p.colour === gone!.colour && p.pattern === gone!.pattern;
      await until('the dismissed pick to leave the top', 10_000, async () => (await view.picks())[0] !== first);
      const after = await truthOf(h, (await view.picks()).slice(0, 5));
      expect(after.filter(alike)).toEqual([]);

      await h.stopBackground();
      expect(await h.backgroundRunning()).toBe(false);
      await tab.reload(); // the page's messages wake the background; everything comes from IndexedDB
      const again = await truthOf(h, (await finalPicks(h, tab)).slice(0, 5));
      expect(again.filter(alike)).toEqual([]);
      expect(again.filter(taste).length).toBeGreaterThanOrEqual(3);
      const events = ((await h.dump()).events as { type: string }[]).map((e) => e.type);
      expect(events).toContain('dismiss');
      expect(events).toContain('rec_impression');
    });

    it('stays away on a shop with history until asked, then opens from the popup', async () => {
      const shop = await h.shopTab(SHOPS[0]!.id, '/');
      await h.waitForPageKind(shop, 'listing');
      const view = await h.sidebar(shop);
      await sleep(1000);
      expect(await view.picks()).toEqual([]); // shop A is not new: no sidebar by itself
      const popup = await h.openPopup(shop);
      await popup.waitFor('!!document.querySelector("[data-testid=popup-picks]")', 30_000);
      await popup.clickText('Open sidebar');
      await until('picks in the sidebar', 15_000, async () => (await view.picks()).length > 0);
      await popup.close();
      await shop.close();
    });
  });
}
