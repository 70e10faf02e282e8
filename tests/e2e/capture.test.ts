// Consent and capture in the real extension: nothing is read before consent, only the consented
// shop is stored, revoking and pausing stop capture, and every fixture shop's pages give the right
// items and events whatever their markup.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { kindOf as kindIn, waitForKind } from './sidebar-read.ts';

interface Item { id: string; site: string; url: string; title: string; price?: number; currency?: string; brand?: string; imageUrl?: string }
interface Ev { site: string; type: string; itemId: string }

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => h?.close());

const items = async () => (await h.dump()).items as Item[];
const events = async () => (await h.dump()).events as Ev[];
const kindOf = (page: Page) => kindIn(h, page);
const captured = (page: Page, kind: string) => waitForKind(h, page, kind);

async function grant(shopPage: Page) {
  const popup = await h.openPopup(shopPage);
  await popup.getByRole('button', { name: /^Learn from/ }).click();
  await popup.getByText('Carryover is learning from this shop').waitFor();
  await popup.close();
}

async function revoke(shopPage: Page, deleteData = false) {
  const popup = await h.openPopup(shopPage);
  if (deleteData) await popup.getByLabel(/Also delete/).check();
  await popup.getByRole('button', { name: /^Stop learning/ }).click();
  await popup.getByRole('button', { name: /^Learn from/ }).waitFor();
  await popup.close();
}

describe('consent and capture', () => {
  it('stores only the consented shop of three visited, and stops after revoking', async () => {
    const [a, b, c] = SHOPS;
    const pages: Page[] = [];
    for (const s of [a!, b!, c!]) {
      const p = await h.ctx.newPage();
      await p.goto(h.shops.url(s.id, '/c/dress'));
      pages.push(p);
    }
    await pages[0]!.waitForTimeout(500);
    expect(await items()).toHaveLength(0);
    expect(await kindOf(pages[0]!)).toBeUndefined(); // no script in pages before consent

    await grant(pages[1]!); // the open tab gets the script at once, without a reload
    await captured(pages[1]!, 'listing');
    for (const p of pages) await p.reload();
    await captured(pages[1]!, 'listing');
    await pages[0]!.waitForTimeout(500);
    const sites = new Set((await items()).map((i) => i.site));
    expect([...sites]).toEqual([b!.host]);
    expect(await kindOf(pages[0]!)).toBeUndefined();
    expect(await kindOf(pages[2]!)).toBeUndefined();
    const held = (await events()).length;
    expect(held).toBeGreaterThan(0);

    await revoke(pages[1]!);
    await expect.poll(() => kindOf(pages[1]!)).toBeUndefined(); // torn down in the open tab
    await pages[1]!.goto(h.shops.url(b!.id, '/c/shirt'));
    const product = h.shops.catalog.find((p) => p.shop === b!.id)!;
    await pages[1]!.goto(h.shops.url(b!.id, `/p/${product.slug}`));
    await pages[1]!.waitForTimeout(1000);
    expect(await kindOf(pages[1]!)).toBeUndefined();
    expect((await events()).length).toBe(held);
    for (const p of pages) await p.close();
  });

  it('captures nothing while paused everywhere', async () => {
    const s = SHOPS[0]!;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(s.id, '/c/scarf'));
    await grant(page);
    await captured(page, 'listing');
    const options = await h.openOptions();
    await options.getByLabel(/Pause everywhere/).check();
    await expect.poll(() => kindOf(page)).toBeUndefined();
    const before = (await events()).length;
    await page.goto(h.shops.url(s.id, '/c/jacket'));
    await page.waitForTimeout(1000);
    expect((await events()).length).toBe(before);
    await options.getByLabel(/Pause everywhere/).uncheck();
    await captured(page, 'listing'); // resuming starts capture in open tabs again
    await revoke(page, true);
    expect((await items()).filter((i) => i.site === s.host)).toHaveLength(0);
    await options.close();
    await page.close();
  });

  it.each(SHOPS.map((s) => [s.name, s.markup, s] as const))('reads every page of %s (%s markup) into the right items and events', async (_n, _m, shop) => {
    const page = await h.ctx.newPage();
    const own = h.shops.catalog.filter((p) => p.shop === shop.id);
    const listed = own.filter((p) => p.category === 'dress');
    await page.goto(h.shops.url(shop.id, '/c/dress'));
    await grant(page);
    await captured(page, 'listing');
    const target = listed[0] ?? own[0]!;
    // A click on a card in the listing is a signal too.
    await page.getByRole('link', { name: target.title }).first().click();
    await captured(page, 'product');
    await page.waitForTimeout(2300); // visible long enough to count as dwell
    await page.getByRole('button', { name: 'Add to wishlist' }).click();
    await page.getByText('Saved to your wishlist').waitFor();
    await page.getByRole('button', { name: 'Add to basket' }).click();
    await page.waitForURL(/\/cart$/);
    await captured(page, 'cart');
    await page.getByRole('button', { name: 'Place order' }).click();
    await page.waitForURL(/confirmation$/);
    await captured(page, 'confirmation');
    await page.goto(h.shops.url(shop.id, '/'));
    await captured(page, 'listing'); // leaving the product page ends nothing more; dwell was sent

    const mine = (await items()).filter((i) => i.site === shop.host);
    const byUrl = new Map(mine.map((i) => [i.url, i]));
    for (const p of listed) expect(byUrl.has(h.shops.url(shop.id, `/p/${p.slug}`))).toBe(true);
    const item = byUrl.get(h.shops.url(shop.id, `/p/${target.slug}`))!;
    expect(item).toMatchObject({ title: target.title, price: target.price, currency: shop.currency, brand: target.brand, imageUrl: h.shops.imageUrl(target) });
    const types = (await events()).filter((e) => e.itemId === item.id).map((e) => e.type).sort();
    expect(types).toEqual(expect.arrayContaining(['click', 'view', 'dwell', 'wishlist', 'cart', 'purchase', 'impression']));
    expect(types.filter((t) => t === 'cart')).toHaveLength(1); // button and cart page count once
    expect(types.filter((t) => t === 'purchase')).toHaveLength(1);
    await page.close();
  });

  it('re-runs detection on single-page navigations (history API)', async () => {
    const s = SHOPS[0]!;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(s.id, '/spa'));
    await captured(page, 'listing');
    const p = h.shops.catalog.filter((x) => x.shop === s.id)[3]!;
    await page.getByRole('link', { name: p.title }).click();
    await page.waitForURL(/\/spa\/p\//);
    await captured(page, 'product');
    const item = (await items()).find((i) => i.url === h.shops.url(s.id, `/p/${p.slug}`));
    expect(item).toMatchObject({ title: p.title, price: p.price });
    const types = (await events()).filter((e) => e.itemId === item!.id).map((e) => e.type);
    expect(types).toContain('view');
    await page.close();
  });
});
