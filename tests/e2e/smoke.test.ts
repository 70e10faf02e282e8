// The shopper's build loads, in Chromium and in Firefox: the background is up, the popup and the
// options page render in the extension's own words, and a message round trip writes to and reads
// from IndexedDB (the pause switch, kept across a reload).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { shopperHarness, until } from './journeys.ts';

for (const browser of BROWSERS) {
  describe(`${browser}: smoke`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser, { model: false });
    });
    afterAll(async () => h?.close());

    it('starts the background of a Manifest V3 build', async () => {
      const manifest = await h.inExtension<{ manifest_version: number }>('async () => (globalThis.browser ?? chrome).runtime.getManifest()');
      expect(manifest.manifest_version).toBe(3);
      const tab = await h.shopTab(SHOPS[0]!.id, '/');
      const popup = await h.openPopup(tab); // a message to the background wakes it if it was idle
      await popup.waitForText('Everything Carryover knows');
      expect(await h.backgroundRunning()).toBe(true);
      await popup.close();
      await tab.close();
    });

    it('renders the popup and the options page', async () => {
      const tab = await h.shopTab(SHOPS[0]!.id, '/');
      const popup = await h.openPopup(tab);
      await popup.waitFor('[...document.querySelectorAll("h1, h2")].some((e) => e.textContent.trim() === "Carryover")');
      await popup.waitForText(/^Learn from /m);
      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('[...document.querySelectorAll("h2")].some((e) => e.textContent.trim() === "Shops Carryover learns from")');
      await popup.close();
      await options.close();
      await tab.close();
    });

    it('writes to and reads from IndexedDB through a message round trip', async () => {
      const paused = async () => ((await h.dump()).settings as { key: string; value: unknown }[]).find((s) => s.key === 'paused')?.value;
      const checked = (options: Tab) => options.evaluate<boolean>('[...document.querySelectorAll("label")].find((l) => /Pause everywhere/.test(l.textContent)).control.checked');
      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('[...document.querySelectorAll("label")].some((l) => /Pause everywhere/.test(l.textContent))');
      expect(await checked(options)).toBe(false);
      await options.clickText(/Pause everywhere/);
      await until('paused in the database', 10_000, async () => (await paused()) === true);
      await options.reload();
      await options.waitFor('[...document.querySelectorAll("label")].some((l) => /Pause everywhere/.test(l.textContent) && l.control.checked)');
      await options.clickText(/Pause everywhere/);
      await until('unpaused in the database', 10_000, async () => (await paused()) === false);
      expect(await checked(options)).toBe(false);
      await options.close();
    });
  });
}
