// The WebGPU path, in Chromium with --enable-unsafe-webgpu (SwiftShader's software adapter, fp32):
// the runtime picks WebGPU and says why, captured items are embedded on it, and its vectors agree
// with the WebAssembly path's for the same photos and titles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { embeddedSite } from './scenarios.ts';
import { waitForKind } from './sidebar-read.ts';

let h: Harness;
beforeAll(async () => {
  h = await launch({ webgpu: true });
});
afterAll(async () => h?.close());

interface Answer { backend: { backend: string; dtype: string; reason: string; adapter?: { architecture: string } }; texts: { vector: number[] }[]; images: ({ vector: number[] } | { error: string })[] }
const cos = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i]!, 0) / (Math.hypot(...a) * Math.hypot(...b));

describe('WebGPU backend', () => {
  it('is chosen when an adapter exists, embeds captured items, and agrees with WebAssembly (cosine ≥ 0.99)', async () => {
    const options = await h.openOptions();
    await expect.poll(() => options.getByTestId('backend-name').textContent(), { timeout: 30_000 }).toMatch(/WebGPU \(fp32\)/);
    await options.close();

    const shop = SHOPS[2]!;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(shop.id, '/c/handbag'));
    await h.grant(page);
    await waitForKind(h, page, 'listing');
    await embeddedSite(h, shop.host, 110_000);
    const last = ((await h.dump()).settings as { key: string; value: Answer['backend'] }[]).find((s) => s.key === 'lastBackend')!.value;
    expect(last).toMatchObject({ backend: 'webgpu', dtype: 'fp32', adapter: { architecture: 'swiftshader' } });
    // Diagnostics in the options page: the adapter and the speed of the last batch.
    const diag = await h.openOptions();
    await expect.poll(() => diag.getByTestId('model-adapter').textContent()).toMatch(/swiftshader \(software fallback\), no shader-f16/);
    await expect.poll(() => diag.getByTestId('model-speed').textContent()).toMatch(/ms per item/);
    await diag.close();

    const products = h.shops.catalog.filter((p) => p.shop === shop.id).slice(0, 3);
    const request = {
      type: 'ml/embed',
      texts: products.map((p, i) => ({ id: `t${i}`, text: p.title })),
      images: products.map((p, i) => ({ id: `i${i}`, url: h.shops.imageUrl(p) })),
    };
    const gpu = await h.askMl<Answer>({ ...request, override: 'webgpu' });
    const cpu = await h.askMl<Answer>({ ...request, override: 'wasm' });
    expect(gpu.backend.backend).toBe('webgpu');
    expect(cpu.backend.backend).toBe('wasm');
    const vec = (r: Answer['images'][number]) => ('vector' in r ? r.vector : expect.fail(r.error));
    gpu.images.forEach((g, i) => expect(cos(vec(g), vec(cpu.images[i]!))).toBeGreaterThanOrEqual(0.99));
    gpu.texts.forEach((g, i) => expect(cos(g.vector, cpu.texts[i]!.vector)).toBeGreaterThanOrEqual(0.99));
    await page.close();
  });
});
