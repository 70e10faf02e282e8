// What the popup says is true: each sentence about a shop and each count is checked against the
// stores at that moment — before consent, while learning, after "Stop learning" without deleting
// (the shop's products and interactions are still kept) and after deleting them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { shopperHarness } from './journeys.ts';

interface Rec { site: string }
/** A count as English says it: "1 interaction", "3 interactions" (a listing may make just one). */
const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

for (const browser of BROWSERS) {
  describe(`${browser}: the popup tells the truth about what is kept`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser, { model: false });
    });
    afterAll(async () => h?.close());

    const shop = SHOPS[3]!;
    const held = async () => {
      const d = await h.dump();
      const mine = (x: unknown[]) => (x as Rec[]).filter((r) => r.site === shop.host).length;
      return { items: mine(d.items!), events: mine(d.events!), allItems: d.items!.length, allEvents: d.events!.length };
    };
    const said = (popup: Tab, testid: string) => popup.evaluate<string>(`document.querySelector('[data-testid=${testid}]')?.textContent ?? ''`);

    it('says so at every step, in words that match the stores', async () => {
      const tab = await h.shopTab(shop.id, '/c/dress');
      let popup = await h.openPopup(tab);
      await popup.waitForText(/Learn from/);
      expect(await held()).toMatchObject({ items: 0, events: 0 });
      expect(await said(popup, 'site-kept')).toBe('Carryover is not reading this shop. Nothing from it is stored.');
      await popup.close();

      await h.grant(tab);
      await h.waitForPageKind(tab, 'listing');
      popup = await h.openPopup(tab);
      await popup.waitFor('!!document.querySelector("[data-testid=site-items]")');
      let n = await held();
      expect(n.items).toBeGreaterThan(0);
      expect(await said(popup, 'site-items')).toBe(`${count(n.items, 'product')} seen here, ${count(n.events, 'interaction')}.`);
      expect(await said(popup, 'status-items')).toBe(String(n.allItems));
      expect(await said(popup, 'status-events')).toBe(String(n.allEvents));

      await popup.clickText(/^Stop learning/); // without "Also delete"
      await popup.waitFor('!!document.querySelector("[data-testid=site-kept]")');
      n = await held();
      expect(n.items).toBeGreaterThan(0); // nothing was deleted …
      expect(await said(popup, 'site-kept')).toBe(`Carryover is not reading this shop. It still keeps ${count(n.items, 'product')} and ${count(n.events, 'interaction')} from it.`);

      await popup.clickText('Delete what was kept from this shop');
      await popup.waitForText('Nothing from it is stored');
      expect(await held()).toMatchObject({ items: 0, events: 0 });
      await popup.close();
      await tab.close();
    });
  });
}
