// The shopper's control over their data in the options page: export → delete everything → import
// gives back the same stores; a damaged file changes nothing; deleting one shop's data leaves the
// others; stopping a shop there stops capture.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { embeddedSite } from './scenarios.ts';
import { kindOf, waitForKind } from './sidebar-read.ts';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => h?.close());

const KEPT = ['items', 'events', 'vectors', 'sites'] as const;
async function snapshot() {
  const d = await h.dump();
  return Object.fromEntries(KEPT.map((s) => [s, d[s]]));
}

async function visit(shop: (typeof SHOPS)[number]) {
  const page = await h.ctx.newPage();
  await page.goto(h.shops.url(shop.id, '/c/dress'));
  await h.grant(page);
  await waitForKind(h, page, 'listing');
  const p = h.shops.catalog.find((x) => x.shop === shop.id && x.category === 'dress')!;
  await page.goto(h.shops.url(shop.id, `/p/${p.slug}`));
  await waitForKind(h, page, 'product');
  await page.getByRole('button', { name: 'Add to wishlist' }).click();
  await page.getByText('Saved to your wishlist').waitFor();
  return page;
}

async function exportFile(options: Page): Promise<string> {
  const download = options.waitForEvent('download');
  await options.getByRole('button', { name: 'Export everything' }).click();
  const path = join(tmpdir(), `carryover-export-${Date.now()}.json`);
  await (await download).saveAs(path);
  return path;
}

describe('your data, in the options page', () => {
  let pages: Page[] = [];

  it('draws the taste map of the history, grouped by interest', async () => {
    pages = [await visit(SHOPS[0]!), await visit(SHOPS[1]!)];
    for (const s of [SHOPS[0]!, SHOPS[1]!]) await embeddedSite(h, s.host);
    const options = await h.openOptions();
    const map = options.getByTestId('taste-map');
    await map.waitFor();
    const dots = await map.locator('circle').count();
    expect(dots).toBeGreaterThanOrEqual(2);
    const interests = await map.locator('ol.interests li').count();
    expect(interests).toBeGreaterThanOrEqual(1);
    await options.close();
  });

  it('export, delete everything, import: the same stores come back', async () => {
    const before = await snapshot();
    const options = await h.openOptions();
    const file = await exportFile(options);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'carryover-export', version: 1, includesVectors: true });

    options.once('dialog', (d) => void d.accept());
    await options.getByRole('button', { name: 'Delete everything' }).click();
    await expect.poll(() => options.getByTestId('data-message').textContent()).toMatch(/Everything was deleted/);
    const wiped = await h.dump();
    expect([wiped.items, wiped.events, wiped.vectors, wiped.sites].map((x) => x!.length)).toEqual([0, 0, 0, 0]);

    await options.getByLabel('replace what is here').check();
    await options.getByLabel('File', { exact: true }).setInputFiles(file);
    await expect.poll(() => options.getByTestId('data-message').textContent()).toMatch(/^Imported/);
    expect(await snapshot()).toEqual(before);
    await options.close();
  });

  it('a damaged file is refused with the reason, and nothing changes', async () => {
    const options = await h.openOptions();
    const file = await exportFile(options);
    const before = await snapshot();
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.stores.items[0].url = 'not a url';
    data.stores.vectors[0].fused = { f32: '@@@' };
    writeFileSync(file, JSON.stringify(data));
    await options.getByLabel('File', { exact: true }).setInputFiles(file);
    await expect.poll(() => options.getByRole('alert').first().textContent()).toMatch(/not a Carryover export Carryover can read: stores\.items\.0\.url.*Nothing was changed/);
    writeFileSync(file, '{"format": "carryover-export"');
    await options.getByLabel('File', { exact: true }).setInputFiles(file);
    await expect.poll(() => options.getByRole('alert').first().textContent()).toMatch(/is not a JSON file/);
    expect(await snapshot()).toEqual(before);
    await options.close();
  });

  it('deleting one shop\'s data leaves the other\'s; stopping a shop in the options page stops capture', async () => {
    const [a, b] = [SHOPS[0]!, SHOPS[1]!];
    const options = await h.openOptions();
    const others = (await h.dump()).items!.filter((i) => (i as { site: string }).site === b.host).length;
    options.once('dialog', (d) => void d.accept());
    await options.locator(`tr[data-site="${a.host}"]`).getByRole('button', { name: "Delete this shop's data" }).click();
    await expect.poll(async () => (await h.dump()).items!.filter((i) => (i as { site: string }).site === a.host).length).toBe(0);
    expect((await h.dump()).items!.filter((i) => (i as { site: string }).site === b.host).length).toBe(others);

    await options.locator(`tr[data-site="${b.host}"]`).getByRole('button', { name: 'Stop learning' }).click();
    await expect.poll(() => kindOf(h, pages[1]!)).toBeUndefined();
    const events = (await h.dump()).events!.length;
    await pages[1]!.goto(h.shops.url(b.id, '/c/shirt'));
    await pages[1]!.waitForTimeout(1000);
    expect((await h.dump()).events!.length).toBe(events);

    // And back: the options page can give consent again (the browser asks, as from the popup).
    await options.locator(`tr[data-site="${b.host}"]`).getByRole('button', { name: 'Learn from it again' }).click();
    await expect.poll(() => options.locator(`tr[data-site="${b.host}"]`).getByRole('button', { name: 'Stop learning' }).isVisible()).toBe(true);
    await pages[1]!.reload();
    await waitForKind(h, pages[1]!, 'listing');
    await options.close();
  });

  it('"Forget this interest" removes the interactions that made it', async () => {
    const [c] = [SHOPS[2]!];
    const page = await visit(c);
    await embeddedSite(h, c.host);
    const options = await h.openOptions();
    const map = options.getByTestId('taste-map');
    await map.waitFor();
    const before = await map.locator('circle').count();
    options.once('dialog', (d) => void d.accept());
    await map.getByRole('button', { name: 'Forget this interest' }).first().click();
    await expect.poll(() => map.locator('circle').count().catch(() => 0)).toBeLessThan(before);
    await options.close();
    await page.close();
  });

  it('keeps interactions for the chosen number of days, pruning daily from an alarm', async () => {
    const options = await h.openOptions();
    await options.getByLabel('Keep interactions for').selectOption('30');
    await expect.poll(() => options.getByTestId('data-message').textContent()).toMatch(/older than 30 days are deleted every day; 0 interactions and 0 products were deleted now/);
    const alarm = await (await h.sw()).evaluate(() => chrome.alarms.get('retention'));
    expect(alarm?.periodInMinutes).toBe(24 * 60);
    await options.getByLabel('Keep interactions for').selectOption('forever');
    await expect.poll(() => options.getByTestId('data-message').textContent()).toMatch(/kept until you delete them/);
    expect(await (await h.sw()).evaluate(() => chrome.alarms.get('retention'))).toBeUndefined();
    await options.close();
  });
});
