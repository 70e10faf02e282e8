// A build without a bundled model, in Chromium and in Firefox: the options page offers the
// download; on the click, files come from a (local) hub, are checked, stored in IndexedDB, and the
// queue embeds with them. A damaged file is refused, with what is wrong, and nothing is switched.
// Firefox runs its shipped build (it bundles no model) and answers the browser's prompt for the hub;
// Chromium runs a test build made here without the model (its dialog cannot be answered).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MODEL_NAME, writeTestModel } from '../../scripts/make-test-model.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { startHub, type HubServer } from '../fixtures/hub/server.ts';
import { BROWSERS, launch, type BrowserName, type Harness, type Tab } from './harness/index.ts';
import { TEST_MODEL_REPO as REPO, until } from './journeys.ts';

/** Chromium's test build without the model, built once for this file. */
async function noModelBuild(): Promise<string> {
  const dist = mkdtempSync(join(tmpdir(), 'carryover-nomodel-'));
  process.env.CARRYOVER_MODEL = 'none';
  try {
    await build({ mode: 'chrome-test', logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
  } finally {
    delete process.env.CARRYOVER_MODEL;
  }
  return dist;
}

for (const browser of BROWSERS) {
  describe(`${browser}: model download from the options page`, () => {
    let h: Harness;
    let hub: HubServer;
    let dist: string | undefined;
    let modelRoot: string;

    beforeAll(async () => {
      if (browser === 'chromium') dist = await noModelBuild();
      modelRoot = mkdtempSync(join(tmpdir(), 'carryover-hub-model-'));
      const model = join(modelRoot, TEST_MODEL_NAME);
      writeTestModel(model);
      hub = await startHub(REPO, model);
      h = await launch(browser as BrowserName, browser === 'chromium' ? { build: 'test', dist } : { build: 'shipped' });
    }, 180_000);
    afterAll(async () => {
      await h?.close();
      await hub?.close();
      if (dist) rmSync(dist, { recursive: true, force: true });
      rmSync(modelRoot, { recursive: true, force: true });
    });

    const hubUrl = () => hub.url.replace('127.0.0.1', 'hub.localhost');
    const testid = (tab: Tab, id: string) => tab.evaluate<string>(`document.querySelector("[data-testid=${id}]")?.textContent ?? ""`);
    const downloaded = async () => ((await h.dump()).settings as { key: string; value: unknown }[]).find((s) => s.key === 'downloadedModel')?.value ?? null;
    async function startDownload(options: Tab) {
      await options.clickText('Where from');
      await options.fill('Hub', hubUrl());
      await options.fill('Model', REPO);
      await options.clickText('Download');
    }

    it('refuses a damaged file, says which, and switches to nothing', async () => {
      hub.corrupt.add('onnx/vision_model_quantized.onnx');
      const options = await h.extensionPage('src/options/options.html');
      await until('the model named', 15_000, async () => (await testid(options, 'model-name')) === 'none yet');
      await startDownload(options);
      // Firefox asks for the hub's host (its shipped build holds none); Chromium's test build holds *.localhost.
      if (browser === 'firefox') expect(await h.answerPermissionPrompt(true)).toMatch(/hub\.localhost/);
      const alert = await until('the refusal', 30_000, async () => {
        const text = await options.evaluate<string>('[...document.querySelectorAll("[role=alert]")].map((e) => e.textContent).join(" ")');
        return /vision_model_quantized\.onnx arrived damaged/.test(text) && text;
      });
      expect(alert).toMatch(/arrived damaged/);
      expect(await downloaded()).toBeNull();
      expect(await testid(options, 'model-name')).toBe('none yet');
      hub.corrupt.clear();
      await options.close();
    });

    it('downloads, checks and adopts the model on the click; captured products are then embedded with it', { timeout: 300_000 }, async () => {
      const options = await h.extensionPage('src/options/options.html');
      await startDownload(options); // the hub's host was allowed in the test above: no prompt now
      await options.waitForText('The model is downloaded and checked', 60_000);
      await until('the model named', 15_000, async () => /^carryover-test-clip \(downloaded/.test(await testid(options, 'model-name')));
      const files = (await h.dump()).modelFiles as { path: string }[];
      expect(files.map((f) => f.path).sort()).toEqual(['config.json', 'onnx/text_model_quantized.onnx', 'onnx/vision_model_quantized.onnx', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json']);

      const shop = SHOPS[1]!;
      const tab = await h.shopTab(shop.id, '/c/scarf');
      await h.grant(tab);
      await until('every product embedded with the downloaded model', 240_000, async () => {
        const d = await h.dump();
        const model = (d.settings as { key: string; value: { id: string } | null }[]).find((s) => s.key === 'downloadedModel')?.value;
        const items = d.items as { id: string }[];
        const vectors = d.vectors as { itemId: string; modelId: string; image?: unknown }[];
        return model && items.length > 0 && items.every((i) => vectors.some((v) => v.itemId === i.id && v.modelId === model.id && v.image));
      });
      expect(hub.requests.filter((r) => r.includes('/resolve/')).length).toBeGreaterThanOrEqual(6);
      await tab.close();
      await options.close();
    });
  });
}
