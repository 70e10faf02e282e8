// The shopper's control over their data in the options page, in Chromium and in Firefox: the taste
// map; export → delete everything → import gives back the same stores (consent asked again); a
// damaged file changes nothing; deleting one shop's data leaves the others; stopping a shop there
// stops capture; forgetting an interest; retention.
import { readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { embeddedSite, shopperHarness, sleep, until } from './journeys.ts';

const KEPT = ['items', 'events', 'vectors', 'sites'] as const;
type SiteRec = { site: string; granted: boolean; imageHosts: string[] };

for (const browser of BROWSERS) {
  describe(`${browser}: your data, in the options page`, () => {
    let h: Harness;
    let tabs: Tab[] = [];
    beforeAll(async () => {
      h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => h?.close());

    const snapshot = async () => {
      const d = await h.dump();
      return Object.fromEntries(KEPT.map((s) => [s, d[s]]));
    };
    const message = (options: Tab) => options.evaluate<string>('document.querySelector("[data-testid=data-message]")?.textContent ?? ""');
    const alert = (options: Tab) => options.evaluate<string>('document.querySelector("[role=alert]")?.textContent ?? ""');
    const count = (options: Tab, selector: string) => options.evaluate<number>(`document.querySelectorAll(${JSON.stringify(selector)}).length`);
    const bar = (options: Tab) => options.evaluate<string>('document.querySelector("[data-testid=undo-bar]")?.textContent ?? ""');
    const siteCount = async (site: string) => ((await h.dump()).items as { site: string }[]).filter((i) => i.site === site).length;

    async function visit(shop: (typeof SHOPS)[number]): Promise<Tab> {
      const tab = await h.shopTab(shop.id, '/c/dress');
      await h.grant(tab);
      await h.waitForPageKind(tab, 'listing');
      const p = h.shops.catalog.find((x) => x.shop === shop.id && x.category === 'dress')!;
      await tab.goto(h.shops.url(shop.id, `/p/${p.slug}`));
      await h.waitForPageKind(tab, 'product');
      await tab.clickText('Add to wishlist');
      await tab.waitForText('Saved to your wishlist');
      return tab;
    }

    it('shows the taste as boards (a plain label, the photos) and, second, as a map', { timeout: 600_000 }, async () => {
      tabs = [await visit(SHOPS[0]!), await visit(SHOPS[1]!)];
      for (const s of [SHOPS[0]!, SHOPS[1]!]) await embeddedSite(h, s.host);
      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('!!document.querySelector("[data-testid=taste-map] circle")', 30_000);
      expect(await count(options, '[data-testid=taste-map] circle')).toBeGreaterThanOrEqual(2);
      expect(await count(options, '[data-testid=taste-map] ol.interests li.board')).toBeGreaterThanOrEqual(1);
      expect(await count(options, '[data-testid=taste-map] li.board img[src^="data:image/"]')).toBeGreaterThanOrEqual(1);
      // Named by what its products share, not by two of their titles.
      const labels = await options.evaluate<string[]>('[...document.querySelectorAll("[data-testid=taste-map] li.board h3")].map((e) => e.firstChild?.nextSibling?.textContent ?? "")');
      for (const l of labels) expect(l).not.toContain(' · ');
      await options.close();
    });

    it('"Forget this interest" removes the interactions that made it (before the wipe below: it needs the model, which "Delete everything" deletes too)', { timeout: 600_000 }, async () => {
      const c = SHOPS[2]!;
      const tab = await visit(c);
      await embeddedSite(h, c.host);
      // The shop's page is closed first: a listing still being read, or the sidebar's picks being
      // shown, would add interactions while the ones below are counted.
      await tab.close();
      const ids = async () => new Set(((await h.dump()).events as { id: number }[]).map((e) => e.id));
      let kept = await ids();
      for (let quiet = false; !quiet;) {
        await sleep(1500);
        const now = await ids();
        quiet = now.size === kept.size;
        kept = now;
      }
      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('!!document.querySelector("[data-testid=taste-map] circle")', 30_000);
      const before = await count(options, '[data-testid=taste-map] circle');
      /** The interactions there were before that are gone now. */
      const gone = async () => {
        const now = await ids();
        return [...kept].filter((id) => !now.has(id));
      };
      await options.clickText('Forget this interest', '[data-testid=taste-map]');
      await sleep(300);
      expect(await count(options, '[data-testid=taste-map] circle')).toBe(before); // asked in the page first, nothing done yet
      await options.clickText('Yes, forget it', '[data-testid=taste-map]');
      // Hidden at once with an Undo; nothing is deleted during its seconds, so Undo loses nothing.
      await until('the interest hidden, with an Undo', 5_000, async () => (await count(options, '[data-testid=taste-map] circle')) < before && /Forgetting the interest/.test(await bar(options)));
      expect(await gone()).toEqual([]);
      await options.clickText('Undo', '[data-testid=undo-bar]');
      await until('the interest back', 5_000, async () => (await count(options, '[data-testid=taste-map] circle')) === before);
      await sleep(9_000); // past the Undo's seconds
      expect(await gone()).toEqual([]);

      await options.clickText('Forget this interest', '[data-testid=taste-map]');
      await options.clickText('Yes, forget it', '[data-testid=taste-map]');
      await until('the interactions to go, once the Undo has had its seconds', 20_000, async () => /^Forgot .*deleted\./.test(await bar(options)));
      expect((await gone()).length).toBeGreaterThan(0);
      await until('fewer dots on the map', 15_000, async () => (await count(options, '[data-testid=taste-map] circle')) < before);
      await options.close();
    });

    it('export, delete everything, import: the same stores come back, and consent is asked again', { timeout: 180_000 }, async () => {
      const before = await snapshot();
      const options = await h.extensionPage('src/options/options.html');
      options.acceptDialogs();
      const file = await options.download('Export everything');
      expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'carryover-export', version: 1, includesVectors: true });

      await options.clickText('Delete everything');
      await options.clickText('Yes, delete everything'); // the confirmation is in the page, not a native dialog
      await until('the wipe', 15_000, async () => /Everything was deleted/.test(await message(options)));
      const wiped = await h.dump();
      expect([wiped.items, wiped.events, wiped.vectors, wiped.sites].map((x) => x!.length)).toEqual([0, 0, 0, 0]);
      // Every counter on the page says so, the model's too.
      await until('every counter to say it is empty', 15_000, async () => {
        const text = await options.text();
        return text.includes('No shops yet') && text.includes('0 of 0 products') && /Nothing seen yet|No image model yet/.test(text);
      });

      await options.clickText(/replace what is here/);
      await options.upload(/^File$/, file);
      await sleep(300);
      expect((await h.dump()).items!.length).toBe(0); // replacing asks first, in the page
      await options.clickText('Yes, replace');
      await until('the import', 60_000, async () => /^Imported.*Consent is never imported: allow Carryover again on/.test(await message(options)));
      const after = await snapshot();
      expect({ ...after, sites: [] }).toEqual({ ...before, sites: [] });
      expect((after.sites as SiteRec[]).map((s) => [s.site, s.granted, s.imageHosts])).toEqual((before.sites as SiteRec[]).map((s) => [s.site, false, s.imageHosts]));
      // Asked again, as the message says: each shop is allowed again from the options page.
      await options.reload();
      for (const s of before.sites as SiteRec[]) {
        await options.clickText('Learn from it again', `tr[data-site="${s.site}"]`);
        await h.allowPrompt();
        await options.waitFor(`[...document.querySelectorAll('tr[data-site="${s.site}"] button')].some((b) => b.textContent.trim() === 'Stop learning')`);
      }
      await options.close();
    });

    it('a damaged file is refused with the reason, and nothing changes', async () => {
      const options = await h.extensionPage('src/options/options.html');
      const file = await options.download('Export everything');
      const before = await snapshot();
      const original = readFileSync(file, 'utf8');
      const data = JSON.parse(original);
      data.stores.items[0].url = 'not a url';
      data.stores.vectors[0].fused = { f32: '@@@' };
      writeFileSync(file, JSON.stringify(data));
      await options.upload(/^File$/, file);
      // In words: which part of the file, what was expected, what to do (not a validator's dump).
      await until('the refusal', 30_000, async () => /not a Carryover export Carryover can read — product 1, link: should be a web address starting with http:\/\/ or https:\/\/ \(at stores\.items\.0\.url in the file\)\. Nothing was changed\. Import the file just as Carryover exported it/.test(await alert(options)));
      // A link that would run script in a shop's page (the sidebar's "Open") is refused the same way.
      const hostile = JSON.parse(original);
      hostile.stores.items[1].url = 'javascript:alert(document.domain)';
      writeFileSync(file, JSON.stringify(hostile));
      await options.upload(/^File$/, file);
      await until('the refusal of a javascript: link', 30_000, async () => /not a Carryover export Carryover can read — product 2, link: should be a web address .*\(at stores\.items\.1\.url in the file\)\. Nothing was changed/.test(await alert(options)));
      writeFileSync(file, '{"format": "carryover-export"');
      await options.upload(/^File$/, file);
      await until('the refusal', 30_000, async () => /is not a JSON file/.test(await alert(options)));
      expect(await snapshot()).toEqual(before);
      await options.close();
    });

    it("deleting one shop's data leaves the other's; stopping a shop in the options page stops capture", async () => {
      const [a, b] = [SHOPS[0]!, SHOPS[1]!];
      const options = await h.extensionPage('src/options/options.html');
      const others = await siteCount(b.host);
      const mine = await siteCount(a.host);
      // Each shop by the name its own page gave, the host small beside it (two shops may share a name).
      await options.waitFor(`!!document.querySelector('tr[data-site="${b.host}"] .shop')`);
      for (const s of [a, b]) {
        expect(await options.evaluate<string>(`document.querySelector('tr[data-site="${s.host}"] .shop').textContent`)).toBe(`${s.name} ${s.host}`);
      }
      await options.clickText("Delete this shop's data", `tr[data-site="${a.host}"]`);
      await options.clickText('Yes, delete it', `tr[data-site="${a.host}"]`);
      // Asked in the page, then a few seconds with an Undo before anything goes.
      await until('the shop marked as being deleted, with an Undo', 5_000, async () => /Being deleted/.test(await options.evaluate<string>(`document.querySelector('tr[data-site="${a.host}"]').textContent`)) && (await bar(options)).includes(`Deleting what Carryover holds from ${a.name} (${a.host})`));
      await options.clickText('Undo', '[data-testid=undo-bar]');
      await until('the shop as it was', 5_000, async () => !/Being deleted/.test(await options.evaluate<string>(`document.querySelector('tr[data-site="${a.host}"]').textContent`)));
      await sleep(9_000); // past the Undo's seconds
      expect(await siteCount(a.host)).toBe(mine);

      await options.clickText("Delete this shop's data", `tr[data-site="${a.host}"]`);
      await options.clickText('Yes, delete it', `tr[data-site="${a.host}"]`);
      await until(`${a.host}'s products to go`, 20_000, async () => (await siteCount(a.host)) === 0);
      await until('the page to say so', 5_000, async () => {
        const said = await bar(options);
        return said.startsWith('Deleted ') && said.includes(` from ${a.name} (${a.host})`);
      });
      expect(await siteCount(b.host)).toBe(others);

      const tab = tabs[1]!;
      await tab.goto(h.shops.url(b.id, '/c/dress'));
      await h.waitForPageKind(tab, 'listing');
      await options.clickText('Stop learning', `tr[data-site="${b.host}"]`);
      await until('capture to stop in the open tab', 10_000, async () => (await h.pageKind(tab)) === undefined);
      const events = (await h.dump()).events!.length;
      await tab.goto(h.shops.url(b.id, '/c/shirt'));
      await sleep(1000);
      expect((await h.dump()).events!.length).toBe(events);

      // And back: the options page can give consent again (the browser asks, as from the popup).
      await options.clickText('Learn from it again', `tr[data-site="${b.host}"]`);
      await h.allowPrompt();
      await options.waitFor(`[...document.querySelectorAll('tr[data-site="${b.host}"] button')].some((x) => x.textContent.trim() === 'Stop learning')`);
      await tab.reload();
      await h.waitForPageKind(tab, 'listing');
      await options.close();
    });

    it('keeps interactions for the chosen number of days, pruning daily from an alarm', async () => {
      const options = await h.extensionPage('src/options/options.html');
      const choose = (value: string) => options.evaluate(`(() => {
        const select = [...document.querySelectorAll('label')].find((l) => /Keep interactions for/.test(l.textContent)).control;
        select.value = ${JSON.stringify(value)};
        select.dispatchEvent(new Event('change', { bubbles: true }));
      })()`);
      const alarm = () => h.inExtension<{ periodInMinutes?: number } | null>("async () => (await (globalThis.browser ?? chrome).alarms.get('retention')) ?? null");
      await choose('30');
      await until('the retention message', 15_000, async () => /older than 30 days are deleted every day; 0 interactions and 0 products were deleted now/.test(await message(options)));
      expect((await alarm())?.periodInMinutes).toBe(24 * 60);
      await choose('forever');
      await until('the retention message', 15_000, async () => /kept until you delete them/.test(await message(options)));
      expect(await alarm()).toBeNull();
      await options.close();
    });
  });
}
