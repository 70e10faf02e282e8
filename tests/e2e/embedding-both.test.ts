// On-device embedding in both browsers: Chromium runs the model in its offscreen document, Firefox in
// its event page, both on WebAssembly here; the options page says which backend and why; the stored
// vectors mean what the photos show; "Find similar"'s results page ranks by them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness } from './harness/index.ts';
import { embeddedSite, shopperHarness, until } from './journeys.ts';

interface Item { id: string; site: string; url: string }
interface Vec { itemId: string; image?: number[]; text?: number[] }
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

for (const browser of BROWSERS) {
  describe(`${browser}: on-device embedding`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => h?.close());

    it('embeds every captured product on WebAssembly, says why in the options page, and the vectors carry meaning', { timeout: 600_000 }, async () => {
      const redDress = h.shops.catalog.find((p) => p.category === 'dress' && p.colour === 'red' && p.pattern === 'plain')!;
      const shop = SHOPS.find((s) => s.id === redDress.shop)!;
      const sneaker = h.shops.catalog.find((p) => p.shop === shop.id && p.category === 'sneakers')!;
      const tab = await h.shopTab(shop.id, '/c/dress');
      await h.grant(tab);
      await h.waitForPageKind(tab, 'listing');
      for (const p of [redDress, sneaker]) {
        await tab.goto(h.shops.url(shop.id, `/p/${p.slug}`));
        await h.waitForPageKind(tab, 'product');
      }
      await embeddedSite(h, shop.host);

      const options = await h.extensionPage('src/options/options.html');
      await options.waitFor('!!document.querySelector("[data-testid=backend-name]")', 60_000);
      const backend = await options.evaluate<string>('document.querySelector("[data-testid=backend]").textContent');
      expect(backend).toMatch(/^Backend\s*WebAssembly/);
      // Why not WebGPU, in words: Firefox on Linux has none; headless Chromium here offers no adapter.
      expect(backend).toMatch(browser === 'firefox' ? /has no WebGPU|offers no adapter/ : /offers no adapter/);
      expect(backend).toMatch(browser === 'firefox' ? /background page/i : /offscreen/i);
      // Threads: Chrome's ML document is cross-origin isolated (the manifest asks), so ONNX Runtime
      // runs on the cores; Firefox's background page cannot be, one thread, and the page says why.
      const threads = await options.evaluate<string>('document.querySelector("[data-testid=backend-threads]")?.textContent ?? ""');
      expect(threads).toMatch(browser === 'firefox' ? /^1: Firefox cannot make an extension.s background page cross-origin isolated/ : /^[1-4] \(the document is cross-origin isolated; \d+ processor cores\)$/);
      // The history's photos are the thumbnails Carryover kept when it read them, never the shop's
      // image address: the options page asks no shop's server for anything.
      const historyPhotos = () => options.evaluate<string[]>('[...document.querySelectorAll("[data-testid=history-list] img")].map((i) => i.getAttribute("src") ?? "")');
      await until('the history\'s photos', 30_000, async () => (await historyPhotos()).length > 0);
      for (const src of await historyPhotos()) expect(src).toMatch(/^data:image\/(webp|jpeg);base64,/);
      await options.close();

      const d = await h.dump();
      const items = (d.items as Item[]).filter((i) => i.site === shop.host);
      const byUrl = new Map(items.map((i) => [i.url, i]));
      const vec = (p: typeof redDress) => (d.vectors as Vec[]).find((v) => v.itemId === byUrl.get(h.shops.url(shop.id, `/p/${p.slug}`))!.id)!;
      // The red dress's photo is nearer its own title than the sneaker's title, and nearer than the sneaker's photo is.
      expect(cos(vec(redDress).image!, vec(redDress).text!)).toBeGreaterThan(cos(vec(redDress).image!, vec(sneaker).text!));
      expect(cos(vec(sneaker).image!, vec(redDress).text!)).toBeLessThan(cos(vec(redDress).image!, vec(redDress).text!));

      // The results page of "Find similar in my shops" (the context menu opens it): the photo's own
      // product is not listed as its own "100% alike" result; the sneaker (another shape) is there, with prices.
      const similar = await h.extensionPage(`src/options/similar.html?src=${encodeURIComponent(h.shops.imageUrl(redDress))}`);
      const order = await until('similar results', 60_000, async () => {
        const ids = await similar.evaluate<string[]>('[...document.querySelectorAll("[data-testid=similar-results] li")].map((li) => li.getAttribute("data-item-id"))');
        return ids.length > 1 && ids;
      });
      expect(order).not.toContain(byUrl.get(h.shops.url(shop.id, `/p/${redDress.slug}`))!.id);
      expect(order).toContain(byUrl.get(h.shops.url(shop.id, `/p/${sneaker.slug}`))!.id);
      expect(await similar.evaluate<string>('document.querySelector("[data-testid=similar-results] li")?.textContent ?? ""')).toMatch(/[$£€]|CHF/);
      // Its results' photos too: other shops' image servers learn nothing of the search.
      const similarPhotos = await similar.evaluate<string[]>('[...document.querySelectorAll("[data-testid=similar-results] img")].map((i) => i.getAttribute("src") ?? "")');
      expect(similarPhotos.length).toBeGreaterThan(0);
      for (const src of similarPhotos) expect(src).toMatch(/^data:image\/(webp|jpeg);base64,/);
      await similar.close();
      await tab.close();
    });
  });
}
