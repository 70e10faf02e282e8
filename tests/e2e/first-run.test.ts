// First run as shoppers meet it, in both browsers on the shipped build where the browser allows: the
// welcome page the install opens, and the toolbar badge (a mark on a shop Carryover reads or is paused
// on, the number of picks where the sidebar has some).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, launch, type Harness, type Tab } from './harness/index.ts';
import { cartThenNewShop, shopperHarness, until } from './journeys.ts';

for (const browser of BROWSERS) {
  describe(`${browser}: first run`, () => {
    it('the install opens a welcome page: what Carryover does and never does, how to start, which model', async () => {
      const h = await launch(browser, { build: 'shipped' });
      try {
        const text = h.welcomeText;
        expect(text).toContain('What Carryover does');
        expect(text).toContain('It reads no website until you allow that shop');
        expect(text).toContain('it has no server');
        expect(text).toMatch(browser === 'firefox' ? /Pin to Toolbar/ : /puzzle-piece icon .* pin/);
        // The shipped build carries no model: the page says so and where to get it.
        expect(text).toContain('No model is on this device yet');
      } finally {
        await h.close();
      }
    });

    describe('the toolbar badge', () => {
      let h: Harness;
      beforeAll(async () => {
        h = await shopperHarness(browser);
      }, 180_000);
      afterAll(async () => h?.close());

      const badge = async (tab: Tab) => {
        const tabId = await h.tabId(tab);
        return h.inExtension<string>('(id) => (globalThis.browser ?? chrome).action.getBadgeText({ tabId: id })', tabId);
      };

      it('marks a shop Carryover reads, and a paused one', async () => {
        const tab = await h.shopTab(SHOPS[3]!.id, '/c/dress');
        expect(await badge(tab)).toBe('');
        await h.grant(tab);
        await tab.reload();
        await h.waitForPageKind(tab, 'listing');
        await until('the learning mark', 10_000, async () => (await badge(tab)) === '•');
        await h.setSetting('paused', true);
        await tab.reload();
        await until('the paused mark', 10_000, async () => (await badge(tab)) === '‖');
        await h.setSetting('paused', false);
        await tab.close();
      });

      it('shows the number of picks on a shop where the sidebar has some', { timeout: 600_000 }, async () => {
        const { tab } = await cartThenNewShop(h);
        const picks = (await (await h.sidebar(tab)).picks()).length;
        expect(picks).toBeGreaterThan(0);
        await until('the picks count on the badge', 15_000, async () => (await badge(tab)) === String(picks));
      });
    });
  });
}
