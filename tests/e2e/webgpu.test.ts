// The WebGPU path, in Chromium with --enable-unsafe-webgpu (SwiftShader's software adapter, fp32):
// the runtime picks WebGPU and says why, captured items are embedded on it, and its vectors agree
// with the WebAssembly path's for the same photos and titles. Chromium only: Firefox on Linux has no
// WebGPU; that its options page says so is checked in embedding-both.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, launch, type Harness, type Tab } from './harness/index.ts';
import { embeddedSite, until } from './journeys.ts';

interface Answer { backend: { backend: string; dtype: string; reason: string; adapter?: { architecture: string } }; texts: { vector: number[] }[]; images: ({ vector: number[] } | { error: string })[] }
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

/** Asks the ML document directly, from the service worker, with a backend override. */
const ASK_ML = `async (m) => {
  const index = await (await fetch(chrome.runtime.getURL('models/index.json'))).json();
  const reply = await chrome.runtime.sendMessage({ target: 'ml', model: index.model, override: 'auto', ...m });
  if (!reply?.ok) throw new Error(reply?.error ?? 'the ML document did not answer');
  return reply.value;
}`;

describe.runIf(BROWSERS.includes('chromium'))('chromium: WebGPU backend', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch('chromium', { build: 'test', webgpu: true });
  });
  afterAll(async () => h?.close());
  const testid = (tab: Tab, id: string) => tab.evaluate<string>(`document.querySelector("[data-testid=${id}]")?.textContent ?? ""`);

  it('is chosen when an adapter exists, embeds captured items, and agrees with WebAssembly (cosine ≥ 0.99)', { timeout: 300_000 }, async () => {
    const options = await h.extensionPage('src/options/options.html');
    await until('the backend named', 30_000, async () => /WebGPU \(fp32\)/.test(await testid(options, 'backend-name')));
    await options.close();

    // One product page, not a listing: SwiftShader runs the model on the CPU (a listing's photos
    // took two minutes of CI); one captured product shows the path as well.
    const shop = SHOPS[2]!;
    const shown = h.shops.catalog.find((p) => p.shop === shop.id)!;
    const tab = await h.shopTab(shop.id, `/p/${shown.slug}`);
    await h.grant(tab);
    await h.waitForPageKind(tab, 'product');
    await embeddedSite(h, shop.host, 110_000);
    const last = ((await h.dump()).settings as { key: string; value: Answer['backend'] }[]).find((s) => s.key === 'lastBackend')!.value;
    expect(last).toMatchObject({ backend: 'webgpu', dtype: 'fp32', adapter: { architecture: 'swiftshader' } });
    // Diagnostics in the options page: the adapter and the speed of the last batch.
    const diag = await h.extensionPage('src/options/options.html');
    await until('the adapter named', 15_000, async () => /swiftshader \(software fallback\), no shader-f16/.test(await testid(diag, 'model-adapter')));
    await until('the speed shown', 15_000, async () => /ms per item/.test(await testid(diag, 'model-speed')));
    await diag.close();

    const products = h.shops.catalog.filter((p) => p.shop === shop.id).slice(0, 3);
    const request = {
      type: 'ml/embed',
      texts: products.map((p, i) => ({ id: `t${i}`, text: p.title })),
      images: products.map((p, i) => ({ id: `i${i}`, url: h.shops.imageUrl(p) })),
    };
    const gpu = await h.inExtension<Answer>(ASK_ML, { ...request, override: 'webgpu' });
    const cpu = await h.inExtension<Answer>(ASK_ML, { ...request, override: 'wasm' });
    expect(gpu.backend.backend).toBe('webgpu');
    expect(cpu.backend.backend).toBe('wasm');
    const vec = (r: Answer['images'][number]) => ('vector' in r ? r.vector : expect.fail(r.error));
    gpu.images.forEach((g, i) => expect(cos(vec(g), vec(cpu.images[i]!))).toBeGreaterThanOrEqual(0.99));
    gpu.texts.forEach((g, i) => expect(cos(g.vector, cpu.texts[i]!.vector)).toBeGreaterThanOrEqual(0.99));
    await tab.close();
  });
});
