// Nothing of Carryover's is visible to a shop's page beyond the sidebar's holder element: the
// page's DOM (its <html> attributes included), its globals, its frames and its resource timeline
// are the same with and without Carryover reading it, on the shipped build's code. The shipped
// build holds no host at install and bundles no model here, so it is copied with the fixture hosts
// granted and the test model added; its code is the shipped one, byte for byte.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_HOSTS } from '../../scripts/lib/manifest.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { cartOn, embeddedSite, redAndStriped } from './scenarios.ts';
import { sidebarMs, sidebarOf, waitForKind } from './sidebar-read.ts';

const HOLDER = 'carryover-sidebar';
let h: Harness;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'carryover-shipped-'));
  cpSync(resolve('dist/chrome'), dist, { recursive: true });
  rmSync(join(dist, 'models'), { recursive: true, force: true });
  cpSync(resolve('dist/chrome-test/models'), join(dist, 'models'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dist, 'manifest.json'), JSON.stringify({ ...manifest, host_permissions: TEST_HOSTS }));
  h = await launch({ dist });
});
afterAll(async () => {
  await h?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** What the page's own script can see of itself, with the sidebar's holder taken out. */
function pageView(page: Page) {
  return page.evaluate((holder) => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
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
  }, HOLDER);
}

async function settled(page: Page) {
  await page.waitForLoadState('load');
  await page.waitForTimeout(500);
  return pageView(page);
}

describe('what a shop\'s page sees of Carryover', () => {
  it('the same page, read by Carryover or not: no difference at all where no sidebar shows', async () => {
    const shop = SHOPS[0]!;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(shop.id, '/c/dress'));
    const without = await settled(page);
    await h.grant(page);
    await page.reload();
    await waitForKind(h, page, 'listing'); // Carryover has read this page view
    const withIt = await settled(page);
    expect(withIt.holders).toBe(0);
    expect(withIt).toEqual(without);
    await page.close();
  });

  it('with the sidebar shown, only its holder element is there', async () => {
    const [a, b] = [SHOPS[0]!, SHOPS[1]!];
    await cartOn(h, a, redAndStriped(h, a), { granted: true });
    await embeddedSite(h, a.host);
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(b.id, '/c/dress'));
    const without = await settled(page);
    await h.grant(page);
    await embeddedSite(h, b.host);
    await page.reload();
    await sidebarMs(h, page);
    expect((await (await sidebarOf(page)).picks()).length).toBeGreaterThan(0);
    const withIt = await settled(page);
    expect(withIt.holders).toBe(1);
    // Even the frame is not counted: window.length counts the document tree's frames, not a shadow tree's.
    expect({ ...withIt, holders: 0 }).toEqual({ ...without, holders: 0 });
    // The holder shows the page nothing: a closed root, no text, no extension URL in its attributes.
    const holder = await page.evaluate((tag) => {
      const el = document.querySelector(tag)!;
      return { root: el.shadowRoot, text: el.textContent, attrs: el.getAttributeNames().map((n) => el.getAttribute(n)).join(' ') };
    }, HOLDER);
    expect(holder).toEqual({ root: null, text: '', attrs: expect.not.stringMatching(/extension:/) });
    await page.close();
  });
});
