// A build without a bundled model: the options page offers the download; on the click, files come
// from a (local) hub, are checked, stored in IndexedDB, and the queue embeds with them. A damaged
// file is refused and nothing is switched.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MODEL_NAME, writeTestModel } from '../../scripts/make-test-model.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { startHub, type HubServer } from '../fixtures/hub/server.ts';
import { launch, type Harness } from './harness.ts';

const REPO = 'carryover/carryover-test-clip';
let h: Harness;
let hub: HubServer;
let dist: string;
let modelRoot: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'carryover-nomodel-'));
  process.env.CARRYOVER_MODEL = 'none';
  try {
    await build({ mode: 'chrome-test', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  } finally {
    delete process.env.CARRYOVER_MODEL;
  }
  modelRoot = mkdtempSync(join(tmpdir(), 'carryover-hub-model-'));
  const model = join(modelRoot, TEST_MODEL_NAME);
  writeTestModel(model);
  hub = await startHub(REPO, model);
  h = await launch({ dist });
}, 120_000);
afterAll(async () => {
  await h?.close();
  await hub?.close();
  rmSync(dist, { recursive: true, force: true });
  rmSync(modelRoot, { recursive: true, force: true });
});

const hubUrl = () => hub.url.replace('127.0.0.1', 'hub.localhost');

describe('model download from the options page', () => {
  it('refuses a damaged file and switches to nothing', async () => {
    hub.corrupt.add('onnx/vision_model_quantized.onnx');
    const options = await h.openOptions();
    await expect.poll(() => options.getByTestId('model-name').textContent()).toBe('none yet');
    await options.getByText('Where from').click();
    await options.getByLabel('Hub').fill(hubUrl());
    await options.getByLabel('Model', { exact: true }).fill(REPO);
    await options.getByRole('button', { name: 'Download' }).click();
    await expect.poll(() => options.getByRole('alert').first().textContent(), { timeout: 30_000 }).toMatch(/vision_model_quantized\.onnx arrived damaged/);
    expect(((await h.dump()).settings as { key: string; value: unknown }[]).find((s) => s.key === 'downloadedModel')?.value ?? null).toBeNull();
    hub.corrupt.clear();
    await options.close();
  });

  it('downloads, checks and adopts the model on the click; captured products are then embedded with it', async () => {
    const options = await h.openOptions();
    await options.getByText('Where from').click();
    await options.getByLabel('Hub').fill(hubUrl());
    await options.getByLabel('Model', { exact: true }).fill(REPO);
    await options.getByRole('button', { name: 'Download' }).click();
    await options.getByText('The model is downloaded and checked').waitFor({ timeout: 60_000 });
    await expect.poll(() => options.getByTestId('model-name').textContent()).toMatch(/^carryover-test-clip \(downloaded/);
    const files = (await h.dump()).modelFiles as { path: string }[];
    expect(files.map((f) => f.path).sort()).toEqual(['config.json', 'onnx/text_model_quantized.onnx', 'onnx/vision_model_quantized.onnx', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']);

    const shop = SHOPS[1]!;
    const page = await h.ctx.newPage();
    await page.goto(h.shops.url(shop.id, '/c/scarf'));
    await h.grant(page);
    await expect.poll(async () => {
      const d = await h.dump();
      const model = (d.settings as { key: string; value: { id: string } | null }[]).find((s) => s.key === 'downloadedModel')!.value!;
      const items = d.items as { id: string }[];
      const vectors = d.vectors as { itemId: string; modelId: string; image?: unknown }[];
      return items.length > 0 && items.every((i) => vectors.some((v) => v.itemId === i.id && v.modelId === model.id && v.image));
    }, { timeout: 60_000, interval: 500 }).toBe(true);
    expect(hub.requests.filter((r) => r.includes('/resolve/')).length).toBeGreaterThanOrEqual(6);
    await page.close();
    await options.close();
  });
});
