// Nothing of Carryover's is visible to a shop's page beyond the sidebar's holder element, in
// Chromium and in Firefox: the page's DOM (its <html> attributes included), its globals, its frames,
// its storage and its resource timeline are the same with and without Carryover reading it, on the
// shipped build's code. Firefox runs its shipped build as it is (the test model downloaded from a
// local hub). Chromium's shipped build holds no host at install and bundles no model, and its
// permission dialog cannot be answered: it is copied with the fixture hosts granted and the test
// model added; its code is the shipped one, byte for byte.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOSTS } from '../../scripts/lib/manifest.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, launch, type Harness, type Tab } from './harness/index.ts';
import { cartOn, embeddedSite, redAndStriped, shopperHarness, sidebarMs, sleep } from './journeys.ts';

const HOLDER = 'carryover-sidebar';

/** dist/chrome with the fixture hosts held from install and the test model: the shipped code. */
function shippedChromeWithHosts(): string {
  const dist = mkdtempSync(join(tmpdir(), 'carryover-shipped-'));
  cpSync(resolve('dist/chrome'), dist, { recursive: true });
  rmSync(join(dist, 'models'), { recursive: true, force: true });
  cpSync(resolve('dist/chrome-test/models'), join(dist, 'models'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...manifest, host_permissions: TEST_HOSTS }));
  return dist;
}

interface View { html: string; globals: string[]; frames: number; holders: number; resources: string[]; storage: unknown[] }

/** What the page's own script can see of itself, with the sidebar's holder taken out. */
const PAGE_VIEW = `(() => {
  const holder = ${JSON.stringify(HOLDER)};
  const copy = document.documentElement.cloneNode(true);
  for (const el of copy.querySelectorAll(holder)) el.remove();
  return {
    html: copy.outerHTML,
    globals: Object.getOwnPropertyNames(window).sort(),
    frames: window.length,
    holders: document.querySelectorAll(holder).length,
    // Anything the page's timeline names that is not the web (an extension's URL would be).
    resources: performance.getEntries().map((e) => e.name).filter((n) => /^[a-z-]+:/.test(n) && !/^https?:/.test(n)),
    storage: [Object.keys(localStorage).sort(), Object.keys(sessionStorage).sort(), document.cookie],
  };
})()`;

async function settled(tab: Tab): Promise<View> {
  await tab.waitFor('document.readyState === "complete"');
  await sleep(500);
  return tab.evaluate<View>(PAGE_VIEW);
}

for (const browser of BROWSERS) {
  describe(`${browser}: what a shop's page sees of Carryover`, () => {
    let h: Harness;
    let dist: string | undefined;
    beforeAll(async () => {
      if (browser === 'chromium') {
        dist = shippedChromeWithHosts();
        h = await launch('chromium', { build: 'test', dist });
      } else h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => {
      await h?.close();
      if (dist) rmSync(dist, { recursive: true, force: true });
    });

    it('the same page, read by Carryover or not: no difference at all where no sidebar shows', async () => {
      const shop = SHOPS[0]!;
      const tab = await h.shopTab(shop.id, '/c/dress');
      const without = await settled(tab);
      await h.grant(tab);
      await tab.reload();
      await h.waitForPageKind(tab, 'listing'); // Carryover has read this page view
      const withIt = await settled(tab);
      expect(withIt.holders).toBe(0);
      expect(withIt).toEqual(without);
      await tab.close();
    });

    it('with the sidebar shown, only its holder element is there', { timeout: 600_000 }, async () => {
      const [a, b] = [SHOPS[0]!, SHOPS[1]!];
      await cartOn(h, a, redAndStriped(h, a), { granted: true });
      await embeddedSite(h, a.host);
      const tab = await h.shopTab(b.id, '/c/dress');
      const without = await settled(tab);
      await h.grant(tab);
      await embeddedSite(h, b.host);
      await tab.reload();
      await sidebarMs(h, tab);
      expect((await (await h.sidebar(tab)).picks()).length).toBeGreaterThan(0);
      const withIt = await settled(tab);
      expect(withIt.holders).toBe(1);
      // Even the frame is not counted: window.length counts the document tree's frames, not a shadow tree's.
      expect({ ...withIt, holders: 0 }).toEqual({ ...without, holders: 0 });
      // The holder shows the page nothing: a closed root, no text, no extension URL in its attributes.
      const holder = await tab.evaluate<{ root: unknown; text: string; attrs: string }>(`(() => {
        const el = document.querySelector(${JSON.stringify(HOLDER)});
        return { root: el.shadowRoot, text: el.textContent, attrs: el.getAttributeNames().map((n) => el.getAttribute(n)).join(' ') };
      })()`);
      expect(holder).toEqual({ root: null, text: '', attrs: expect.not.stringMatching(/extension:/) });
      await tab.close();
    });
  });
}
