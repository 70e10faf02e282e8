// The history list at 10,000 products, in Chromium and in Firefox: only the rows in view are in the
// page, it scrolls to the end, filters and deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { shopperHarness, sleep, until } from './journeys.ts';

/** 10,000 products on two shops, each viewed once (every tenth put in the basket), written straight
 * into the extension's database. */
const SEED = `async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(['items', 'events'], 'readwrite');
  for (let i = 0; i < 10000; i++) {
    const id = i.toString(16).padStart(32, '0');
    const site = i % 2 ? 'north-threads.localhost' : 'maple-and-pine.localhost';
    tx.objectStore('items').put({ id, site, url: 'http://' + site + '/p/' + i, title: (i % 3 ? 'Blue' : 'Red') + ' item ' + i, price: 10 + (i % 50), currency: 'USD', firstSeen: i, lastSeen: i });
    tx.objectStore('events').add({ itemId: id, site, type: i % 10 ? 'view' : 'cart', ts: i });
  }
  await new Promise((res, rej) => { tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
  db.close();
}`;

for (const browser of BROWSERS) {
  describe(`${browser}: history`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser, { model: false });
      // The background creates the database on its first message; seeding must not create it first.
      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('!!document.querySelector("[data-testid=history-count]")', 30_000);
      await options.close();
      await h.inExtension(SEED);
    }, 180_000);
    afterAll(async () => h?.close());

    const count = (options: Tab) => options.evaluate<string>('document.querySelector("[data-testid=history-count]")?.textContent ?? ""');
    const bar = (options: Tab) => options.evaluate<string>('document.querySelector("[data-testid=undo-bar]")?.textContent ?? ""');
    /** How many stored products have exactly this title, asked of the background (not the page). */
    const stored = (options: Tab, title: string) => options.evaluate<number>(`(async () => {
      const reply = await (globalThis.browser ?? chrome).runtime.sendMessage({ type: 'history/list', text: ${JSON.stringify(title)} });
      return reply.value.rows.filter((r) => r.title === ${JSON.stringify(title)}).length;
    })()`);
    const rows = (options: Tab) => options.evaluate<number>('document.querySelectorAll("[data-testid=history-list] li").length');

    it('lists 10,000 products with only the visible rows in the page, filters and deletes', async () => {
      const options = await h.extensionPage('src/options/options.html');
      const timings = await options.evaluate<number[]>(`(async () => {
        const api = globalThis.browser ?? chrome;
        const t0 = performance.now();
        await api.runtime.sendMessage({ type: 'history/list' });
        const t1 = performance.now();
        await api.runtime.sendMessage({ type: 'taste/map' });
        const t2 = performance.now();
        await api.runtime.sendMessage({ type: 'status/get' });
        return [t1 - t0, t2 - t1, performance.now() - t2].map(Math.round);
      })()`);
      console.log(`[${browser}] history/list ${timings[0]} ms, taste/map ${timings[1]} ms, status/get ${timings[2]} ms`);
      const started = Date.now();
      await options.reload(); // the list as the page first draws it, after the seeding
      await until('the whole history listed', 30_000, async () => (await count(options)) === '10000 of 10000 products');
      console.log(`[${browser}] history of 10,000 products listed in ${Date.now() - started} ms`);
      expect(await rows(options)).toBeLessThan(30);
      await options.evaluate('(() => { const el = document.querySelector("[data-testid=history-list]"); el.scrollTop = el.scrollHeight; })()');
      // The oldest is last.
      await until('the oldest product at the end', 15_000, async () => /Red item 0(?!\d)/.test(await options.evaluate<string>('[...document.querySelectorAll("[data-testid=history-list] li")].at(-1)?.textContent ?? ""')));
      expect(await rows(options)).toBeLessThan(30);

      await options.evaluate(`(() => {
        const select = document.querySelector('select[aria-label="Filter by interaction"]');
        select.value = 'cart';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      })()`);
      await until('the basket filter', 15_000, async () => (await count(options)) === '1000 of 10000 products');
      await options.fill('Search the history', 'red item 9990');
      await until('the search', 15_000, async () => (await count(options)) === '1 of 10000 products');
      // One product goes at once with an Undo (no native dialog); nothing is deleted until its seconds are up.
      await options.click('button[aria-label="Delete Red item 9990"]');
      await until('the row to go, with an Undo', 5_000, async () => (await count(options)) === '0 of 9999 products' && /Deleting 1 product/.test(await bar(options)));
      expect(await stored(options, 'Red item 9990')).toBe(1);
      await options.clickText('Undo', '[data-testid=undo-bar]');
      await until('the row back', 5_000, async () => (await count(options)) === '1 of 10000 products');
      expect(await bar(options)).toMatch(/Undone: nothing was deleted/);
      await sleep(9_000); // past the Undo's seconds: still there
      expect(await stored(options, 'Red item 9990')).toBe(1);
      expect(await count(options)).toBe('1 of 10000 products');

      await options.click('button[aria-label="Delete Red item 9990"]');
      await until('the deletion, once the Undo has had its seconds', 15_000, async () => /Deleted 1 product and 1 interaction/.test(await bar(options)));
      expect(await stored(options, 'Red item 9990')).toBe(0);
      await until('the list reloaded without it', 15_000, async () => (await count(options)) === '0 of 9999 products');

      // Many at once are asked about in the page first, then get the same Undo ("Delete now" skips the wait).
      await options.evaluate(`(() => {
        const select = document.querySelector('select[aria-label="Filter by interaction"]');
        select.value = '';
        select.dispatchEvent(new Event('change', { bubbles: true }));
      })()`);
      await options.fill('Search the history', 'red item 999');
      await until('the search', 15_000, async () => (await count(options)) === '6 of 9999 products'); // 999, 3999, 6999, 9993, 9996, 9999
      await options.click('input[aria-label="Select Red item 9993"]');
      await options.click('input[aria-label="Select Red item 9996"]');
      await options.clickText('Delete selected (2)');
      await sleep(300);
      expect(await count(options)).toBe('6 of 9999 products'); // asked in the page first
      await options.clickText('Yes, delete');
      await until('the two to go, with an Undo', 5_000, async () => (await count(options)) === '4 of 9997 products' && /Deleting 2 products/.test(await bar(options)));
      await options.clickText('Delete now', '[data-testid=undo-bar]');
      await until('the deletion', 15_000, async () => /Deleted 2 products and 2 interactions/.test(await bar(options)));
      expect([await stored(options, 'Red item 9993'), await stored(options, 'Red item 9996'), await stored(options, 'Red item 999')]).toEqual([0, 0, 1]);
      await until('the list reloaded without them', 15_000, async () => (await count(options)) === '4 of 9997 products');

      // Closing the page during the Undo's seconds is moving on: the deletion is made then.
      await options.click('button[aria-label="Delete Red item 3999"]');
      await until('the Undo', 5_000, async () => /Deleting 1 product/.test(await bar(options)));
      await options.close();
      const again = await h.extensionPage('src/options/options.html');
      await until('the product deleted when the page closed', 10_000, async () => (await stored(again, 'Red item 3999')) === 0);
      expect(await stored(again, 'Red item 999')).toBe(1);
      await again.close();
    });
  });
}
