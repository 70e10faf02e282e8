// The history list at 10,000 products: only the rows in view are in the page, it scrolls to the
// end, filters and deletes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  // The background creates the database on its first message; seeding must not create it first.
  const popup = await h.openPopup();
  await popup.getByText('Everything Carryover knows').waitFor();
  await popup.close();
  // 10,000 products on two shops, each viewed once, written straight into the database.
  await (await h.sw()).evaluate(async () => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('carryover');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const tx = db.transaction(['items', 'events'], 'readwrite');
    for (let i = 0; i < 10_000; i++) {
      const id = i.toString(16).padStart(32, '0');
      const site = i % 2 ? 'north-threads.localhost' : 'maple-and-pine.localhost';
      tx.objectStore('items').put({ id, site, url: `http://${site}/p/${i}`, title: `${i % 3 ? 'Blue' : 'Red'} item ${i}`, price: 10 + (i % 50), currency: 'USD', firstSeen: i, lastSeen: i });
      tx.objectStore('events').add({ itemId: id, site, type: i % 10 ? 'view' : 'cart', ts: i });
    }
    await new Promise<void>((res, rej) => {
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  });
});
afterAll(async () => h?.close());

describe('history', () => {
  it('lists 10,000 products with only the visible rows in the page, filters and deletes', async () => {
    const options = await h.openOptions();
    const timings = await options.evaluate(async () => {
      const t0 = performance.now();
      await chrome.runtime.sendMessage({ type: 'history/list' });
      const t1 = performance.now();
      await chrome.runtime.sendMessage({ type: 'taste/map' });
      const t2 = performance.now();
      await chrome.runtime.sendMessage({ type: 'status/get' });
      return [t1 - t0, t2 - t1, performance.now() - t2].map(Math.round);
    });
    console.log(`history/list ${timings[0]} ms, taste/map ${timings[1]} ms, status/get ${timings[2]} ms`);
    const started = Date.now();
    await expect.poll(() => options.getByTestId('history-count').textContent(), { timeout: 30_000 }).toBe('10000 of 10000 products');
    console.log(`history of 10,000 products listed in ${Date.now() - started} ms`);
    const list = options.getByTestId('history-list');
    expect(await list.locator('li').count()).toBeLessThan(30);
    await list.evaluate((el) => (el.scrollTop = el.scrollHeight));
    await expect.poll(() => list.locator('li').last().textContent()).toMatch(/Red item 0(?!\d)/); // the oldest is last
    expect(await list.locator('li').count()).toBeLessThan(30);

    await options.getByLabel('Filter by interaction').selectOption('cart');
    await expect.poll(() => options.getByTestId('history-count').textContent()).toBe('1000 of 10000 products');
    await options.getByLabel('Search the history').fill('red item 9990');
    await expect.poll(() => options.getByTestId('history-count').textContent()).toBe('1 of 10000 products');
    options.once('dialog', (d) => void d.accept());
    await list.getByRole('button', { name: 'Delete Red item 9990' }).click();
    await expect.poll(() => options.getByTestId('history-count').textContent()).toBe('0 of 9999 products');
    await options.close();
  });
});
