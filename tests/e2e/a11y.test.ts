// Accessibility of the extension's pages with axe-core, in Chromium and in Firefox, in light and
// dark mode: no serious or critical violations in the popup (before and after consent), the options
// page (with data), the welcome page, and the sidebar's frame on a shop (open and collapsed). axe's
// own source is evaluated in each page and in the sidebar's frame through the harness, as the
// browser's automation does it (not subject to the extension's CSP).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { cartOn, embeddedSite, redAndStriped, shopperHarness, sidebarMs, until } from './journeys.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const RUN = `(async () => {
  const r = await axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(TAGS)} } });
  return {
    passes: r.passes.length,
    serious: r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')),
  };
})()`;

/** The serious and critical violations axe finds where `evaluate` runs (a page, or the sidebar's frame). */
async function serious(evaluate: <T>(expression: string) => Promise<T>): Promise<string[]> {
  if (!(await evaluate<boolean>('typeof axe !== "undefined"'))) await evaluate(`(() => { ${AXE}\n; return typeof axe; })()`);
  const result = await evaluate<{ passes: number; serious: string[] }>(RUN);
  expect(result.passes).toBeGreaterThan(5); // axe really ran on the page
  return result.serious;
}
const onPage = (tab: Tab) => serious((e) => tab.evaluate(e));

for (const browser of BROWSERS) {
  describe(`${browser}: accessibility`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => h?.close());

    describe.each([['light', 0], ['dark', 1]] as const)('%s', (scheme, shopIndex) => {
      let shop: Tab;
      it('popup before consent', async () => {
        shop = await h.shopTab(SHOPS[shopIndex]!.id, '/c/dress');
        const popup = await h.openPopup(shop);
        await popup.colorScheme(scheme);
        await popup.waitForText(/Learn from/);
        expect(await onPage(popup)).toEqual([]);
        await popup.close();
      });

      it('popup and options page with a history', { timeout: 300_000 }, async () => {
        await h.grant(shop);
        await embeddedSite(h, SHOPS[shopIndex]!.host);
        const popup = await h.openPopup(shop);
        await popup.colorScheme(scheme);
        await popup.waitFor('!!document.querySelector("[data-testid=popup-picks]") || document.body.innerText.includes("Nothing to go on yet")');
        expect(await onPage(popup)).toEqual([]);
        await popup.close();
        const options = await h.extensionPage('src/options/options.html');
        await options.colorScheme(scheme);
        await options.waitFor('!!document.querySelector("[data-testid=history-count]")');
        await options.waitFor('!!document.querySelector("[data-testid=backend-name]")', 30_000);
        expect(await onPage(options)).toEqual([]);
        await options.close();
      });

      it('welcome page', async () => {
        const welcome = await h.extensionPage('src/options/welcome.html');
        await welcome.colorScheme(scheme);
        await welcome.waitFor('!document.body.innerText.includes("…")');
        expect(await onPage(welcome)).toEqual([]);
        await welcome.close();
      });
    });

    describe("the sidebar's frame on a shop", () => {
      let tab: Tab;
      beforeAll(async () => {
        // A history on the first shop (a basket), the sidebar on the second (consented above).
        const [a, b] = [SHOPS[0]!, SHOPS[1]!];
        await cartOn(h, a, redAndStriped(h, a), { granted: true });
        await embeddedSite(h, a.host);
        tab = await h.shopTab(b.id, '/c/dress');
        await sidebarMs(h, tab);
      }, 300_000);

      it.each([['open', 'light'], ['open', 'dark'], ['collapsed', 'light']] as const)('%s, %s: no serious or critical violations', async (state, scheme) => {
        const view = await h.sidebar(tab);
        if (state === 'collapsed') {
          await view.click('Hide');
          await until('the collapsed tab', 15_000, async () => /Picked for you/.test(await view.text()) && (await view.picks()).length === 0);
        } else await until('picks in the sidebar', 15_000, async () => (await view.picks()).length > 0);
        await tab.colorScheme(scheme);
        await until(`the frame in ${scheme} mode`, 5_000, () => view.evaluate<boolean>(`matchMedia('(prefers-color-scheme: ${scheme})').matches`));
        expect(await serious(async <T,>(e: string) => (await view.evaluate<T>(e))!)).toEqual([]);
      });
    });
  });
}
