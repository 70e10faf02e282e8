// The scripted tour `npm start -- --headless` runs: the extension loaded in Chromium, consent given
// on one fixture shop, a shopper's visit there, another shop left alone, and the extension's pages,
// with screenshots of every screen in light and dark and a report in artifacts/ (report.html, with
// the screenshots inline; report.md and report.json for tools).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launch } from '../../tests/e2e/harness.ts';
import { cartOn, embeddedSite, redAndStriped } from '../../tests/e2e/scenarios.ts';
import { captureMs, sidebarMs, sidebarOf, waitForKind } from '../../tests/e2e/sidebar-read.ts';
import { SHOPS } from '../../tests/fixtures/shops/catalog.ts';
import { tourReport, type Shot } from './tour-report.ts';

export async function runTour(outDir: string, dist: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const started = performance.now();
  const lines: string[] = [];
  const log = (s: string) => {
    lines.push(s);
    console.log(s);
  };
  const h = await launch({ dist });
  const shots: Shot[] = [];
  /** The screen as it is, then in the dark scheme (Carryover's pages and sidebar follow it). */
  const shot = async (page: Page, name: string, caption: string) => {
    await page.screenshot({ path: join(outDir, name), fullPage: false });
    const dark = name.replace(/\.png$/, '-dark.png');
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(outDir, dark), fullPage: false });
    await page.emulateMedia({ colorScheme: 'light' });
    shots.push({ light: name, dark, caption });
    log(`  screenshots ${name}, ${dark}`);
  };
  try {
    log(`Extension ${h.extensionId} loaded from ${dist}; fixture shops on port ${h.shops.port}.`);
    const [first, second] = SHOPS;
    const shop = await h.ctx.newPage();
    await shop.goto(h.shops.url(first!.id, '/c/dress'));
    await shot(shop, '01-shop-before-consent.png', 'A shop before consent: Carryover reads nothing');

    const popup = await h.openPopup(shop);
    await popup.setViewportSize({ width: 380, height: 620 });
    await popup.getByRole('button', { name: /^Learn from/ }).waitFor();
    await shot(popup, '02-popup-before-consent.png', 'The popup on a new shop: its own name and what allowing it brings');
    await popup.getByRole('button', { name: /^Learn from/ }).click();
    await popup.getByText('Carryover is learning from this shop').waitFor();
    log(`Consent given on ${first!.host} from the popup.`);

    // A shopper's visit: a listing, a product (looked at, saved, put in the basket), the order.
    await waitForKind(h, shop, 'listing');
    const product = h.shops.catalog.find((p) => p.shop === first!.id && p.category === 'dress') ?? h.shops.catalog.find((p) => p.shop === first!.id)!;
    await shop.goto(h.shops.url(first!.id, `/p/${product.slug}`));
    await waitForKind(h, shop, 'product');
    const extractMs = await captureMs(h, shop);
    await shop.waitForTimeout(2500);
    await shop.getByRole('button', { name: 'Add to wishlist' }).click();
    await shop.getByText('Saved to your wishlist').waitFor();
    await shot(shop, '03-product-page.png', 'A product page, saved to the wishlist');
    await shop.getByRole('button', { name: 'Add to basket' }).click();
    await shop.waitForURL(/\/cart$/);
    await shop.getByRole('button', { name: 'Place order' }).click();
    await shop.waitForURL(/confirmation$/);
    await waitForKind(h, shop, 'confirmation');

    // A shop without consent: nothing is read there.
    const other = await h.ctx.newPage();
    await other.goto(h.shops.url(second!.id, '/c/dress'));
    await other.waitForTimeout(1000);

    await popup.reload();
    await popup.getByText('Carryover is learning from this shop').waitFor();
    await shot(popup, '04-popup-after-visit.png', 'The popup after the visit: the status in plain words');
    const options = await h.openOptions();
    await options.getByTestId('backend-name').waitFor({ timeout: 30_000 });
    await options.getByText(first!.host).first().waitFor();
    await shot(options, '05-options.png', 'The options page: navigation, shops first');
    const backend = await options.getByTestId('backend').innerText();

    // Cold start: red and striped things in the basket on the first shop, then a shop never used.
    await cartOn(h, first!, redAndStriped(h, first!), { granted: true });
    await embeddedSite(h, first!.host);
    const fresh = SHOPS[3]!;
    const newShop = await h.ctx.newPage();
    await newShop.goto(h.shops.url(fresh.id, '/'));
    await h.grant(newShop);
    log(`Consent given on ${fresh.host}, a shop never visited before.`);
    await embeddedSite(h, fresh.host);
    await newShop.reload();
    const coldMs = await sidebarMs(h, newShop);
    const view = await sidebarOf(newShop);
    const picks = await view.picks();
    await view.close();
    await newShop.waitForTimeout(300);
    await shot(newShop, '06-sidebar-on-a-new-shop.png', 'The sidebar on a never-used shop: signed by Carryover, below the header');
    const pickedItems = new Map(((await h.dump()).items as { id: string; url: string }[]).map((i) => [i.id, i.url]));
    const truth = picks.slice(0, 5).map((id) => h.shops.catalog.find((p) => h.shops.url(p.shop, `/p/${p.slug}`) === pickedItems.get(id)));
    log(`Listing load → ranked sidebar on ${fresh.host}: ${coldMs} ms (target ≤ 1500 ms).`);
    log(`Top 5 there: ${truth.map((p) => (p ? `${p.colour} ${p.pattern} ${p.category}` : '?')).join('; ')}.`);
    const picksPopup = await h.openPopup(newShop);
    await picksPopup.setViewportSize({ width: 380, height: 720 });
    await picksPopup.getByTestId('popup-picks').waitFor();
    await shot(picksPopup, '07-popup-picks.png', "The popup's picks, with what their order means");
    const tasteOptions = await h.openOptions();
    await tasteOptions.setViewportSize({ width: 900, height: 900 });
    const taste = tasteOptions.getByTestId('taste-map');
    await taste.waitFor();
    await taste.scrollIntoViewIfNeeded();
    await taste.screenshot({ path: join(outDir, '08-taste-boards.png') });
    await tasteOptions.emulateMedia({ colorScheme: 'dark' });
    await taste.screenshot({ path: join(outDir, '08-taste-boards-dark.png') });
    await tasteOptions.emulateMedia({ colorScheme: 'light' });
    shots.push({ light: '08-taste-boards.png', dark: '08-taste-boards-dark.png', caption: 'Your taste as boards: a plain label and photos per interest' });
    log('  screenshots 08-taste-boards.png, 08-taste-boards-dark.png');

    const data = await h.dump();
    const events = data.events as { site: string; type: string }[];
    const items = data.items as { site: string }[];
    const bySite = (site: string) => ({ items: items.filter((i) => i.site === site).length, events: events.filter((e) => e.site === site).length });
    const types = Object.fromEntries([...new Set(events.map((e) => e.type))].map((t) => [t, events.filter((e) => e.type === t).length]));
    log('');
    log(`Stored for ${first!.host} (consented): ${JSON.stringify(bySite(first!.host))}`);
    log(`Stored for ${second!.host} (no consent): ${JSON.stringify(bySite(second!.host))}`);
    log(`Events by type: ${JSON.stringify(types)}`);
    log(`Extraction on the product page took ${extractMs} ms in the page.`);
    log(`Model backend: ${backend.replace(/\n/g, ' ')}`);
    log(`Tour took ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    writeFileSync(join(outDir, 'report.html'), tourReport(outDir, lines, shots));
    writeFileSync(join(outDir, 'report.md'), `# Carryover headless tour\n\n${lines.map((l) => (l ? `- ${l}` : '')).join('\n')}\n`);
    writeFileSync(join(outDir, 'report.json'), JSON.stringify({ extensionId: h.extensionId, consented: bySite(first!.host), notConsented: bySite(second!.host), eventTypes: types, extractMs: Number(extractMs), backend, coldStartSidebarMs: coldMs, newShopTop5: truth.map((p) => p && { colour: p.colour, pattern: p.pattern, category: p.category }) }, null, 2));
    console.log(`\nScreenshots and report in ${outDir}/ (open report.html)`);
  } finally {
    await h.close();
  }
}
