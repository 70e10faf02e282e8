// On-device embedding in the real extension, on WebAssembly (no WebGPU adapter in this browser):
// every captured item gets a vector from the test model in the offscreen document, the vectors mean
// what the photos show, and the queue survives the service worker being stopped mid-way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { embeddedSite } from './scenarios.ts';
import { waitForKind } from './sidebar-read.ts';

interface Item { id: string; site: string; url: string; imageUrl?: string }
interface Vec { itemId: string; modelId: string; image?: Record<string, number>; text?: Record<string, number>; fused: Record<string, number> }
interface Job { id: string; itemId: string; kind: string; state: string }

let h: Harness;
let firstShop = '';
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => h?.close());

const arr = (v: Record<string, number> | number[]) => (Array.isArray(v) ? v : Object.values(v));
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));
const modelId = async () => (await (await h.sw()).evaluate(async () => (await (await fetch(chrome.runtime.getURL('models/index.json'))).json()).model.id)) as string;

describe('on-device embedding (WebAssembly)', () => {
  it('embeds every captured item in the offscreen document, and the vectors carry meaning', async () => {
    const redDress = h.shops.catalog.find((p) => p.category === 'dress' && p.colour === 'red' && p.pattern === 'plain')!;
    const shop = SHOPS.find((s) => s.id === redDress.shop)!;
    const sneaker = h.shops.catalog.find((p) => p.shop === shop.id && p.category === 'sneakers')!;
    firstShop = shop.id;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(shop.id, '/c/dress'));
    await h.grant(page);
    await waitForKind(h, page, 'listing');
    for (const p of [redDress, sneaker]) {
      await page.goto(h.shops.url(shop.id, `/p/${p.slug}`));
      await waitForKind(h, page, 'product');
    }
    await embeddedSite(h, shop.host);

    const d = await h.dump();
    const items = (d.items as Item[]).filter((i) => i.site === shop.host);
    expect(items.length).toBe(h.shops.catalog.filter((p) => p.shop === shop.id && p.category === 'dress').length + 1);
    const id = await modelId();
    const vectors = d.vectors as Vec[];
    expect(vectors.every((v) => v.modelId === id)).toBe(true);
    expect(new Set(vectors.map((v) => v.itemId)).size).toBe(vectors.length);
    // The model ran in the offscreen document, on WebAssembly, and said why.
    const contexts = await (await h.sw()).evaluate(async () => (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).length);
    expect(contexts).toBe(1);
    const backend = (d.settings as { key: string; value: { backend: string; reason: string } }[]).find((s) => s.key === 'lastBackend')!.value;
    expect(backend.backend).toBe('wasm');
    expect(backend.reason).toMatch(/WebGPU is present but offers no adapter/); // the fallback, with its reason

    // A red dress photo is closer to "red dress" than to "blue sneaker", on the stored vectors.
    const q = await h.askMl<{ texts: { vector: number[] }[] }>({ type: 'ml/embed', texts: [{ id: 'q1', text: 'red dress' }, { id: 'q2', text: 'blue sneaker' }], images: [] });
    const [red, blue] = q.texts.map((t) => t.vector);
    const byUrl = new Map(items.map((i) => [i.url, i]));
    const photo = (p: typeof redDress) => arr(vectors.find((v) => v.itemId === byUrl.get(h.shops.url(shop.id, `/p/${p.slug}`))!.id)!.image!);
    expect(cos(photo(redDress), red!)).toBeGreaterThan(cos(photo(redDress), blue!) + 0.3);
    expect(cos(photo(sneaker), red!)).toBeLessThan(cos(photo(redDress), red!));
    if (sneaker.colour === 'blue') expect(cos(photo(sneaker), blue!)).toBeGreaterThan(cos(photo(sneaker), red!));

    // Query by image (the context menu's results page): the red dress's own photo finds it first,
    // and the sneaker (another shape) comes after it.
    const similar = await h.ctx.newPage();
    await similar.goto(h.extUrl(`src/options/similar.html?src=${encodeURIComponent(h.shops.imageUrl(redDress))}`));
    const results = similar.getByTestId('similar-results').locator('li');
    await results.first().waitFor({ timeout: 30_000 });
    const order = await results.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-item-id')));
    expect(order[0]).toBe(byUrl.get(h.shops.url(shop.id, `/p/${redDress.slug}`))!.id);
    expect(order.indexOf(byUrl.get(h.shops.url(shop.id, `/p/${sneaker.slug}`))!.id)).toBeGreaterThan(0);
    await expect.poll(() => results.first().textContent()).toMatch(/100% alike/);
    await similar.close();
    await page.close();
  });

  it('finishes every job exactly once when the service worker is stopped mid-queue', async () => {
    await h.setSetting('queuePauseMs', 1500); // room to stop the worker between batches
    const shops = SHOPS.filter((s) => s.id !== firstShop).slice(0, 2);
    const pages = [];
    for (const s of shops) {
      const page = await h.ctx.newPage();
      await page.goto(h.shops.url(s.id, '/'));
      await h.grant(page);
      await waitForKind(h, page, 'listing');
      pages.push(page);
    }
    const hosts = new Set(shops.map((s) => s.host));
    const jobsOf = async () => {
      const d = await h.dump();
      const ids = new Set((d.items as Item[]).filter((i) => hosts.has(i.site)).map((i) => i.id));
      return (d.jobs as Job[]).filter((j) => ids.has(j.itemId));
    };
    // Stop as soon as the first batch is written and others still wait.
    await expect.poll(async () => (await jobsOf()).some((j) => j.state === 'done'), { timeout: 60_000, interval: 100 }).toBe(true);
    const before = await jobsOf();
    await h.stopWorker();
    const waiting = before.filter((j) => j.state !== 'done').length;
    expect(waiting).toBeGreaterThan(0);

    // Anything that talks to the background wakes it; it resumes from the database.
    const popup = await h.openPopup();
    await popup.getByText('Everything Carryover knows').waitFor();
    await h.setSetting('queuePauseMs', 0);
    for (const s of shops) await embeddedSite(h, s.host);

    const d = await h.dump();
    const items = (d.items as Item[]).filter((i) => hosts.has(i.site));
    const ids = new Set(items.map((i) => i.id));
    const jobs = (d.jobs as Job[]).filter((j) => ids.has(j.itemId));
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    const expected = items.length + items.filter((i) => i.imageUrl).length;
    expect(jobs).toHaveLength(expected); // one text and one image job per item, no more
    const vectors = (d.vectors as Vec[]).filter((v) => ids.has(v.itemId));
    expect(vectors).toHaveLength(items.length);
    expect(vectors.every((v) => v.image && v.text)).toBe(true);
    await popup.close();
    for (const p of pages) await p.close();
  });
});
