// The built extension loads in Chromium: worker up, popup and options render, the offscreen
// document can be created, and a message round trip writes to and reads from IndexedDB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => h?.close());

describe('smoke', () => {
  it('starts the background service worker', async () => {
    expect(h.extensionId).toMatch(/^[a-p]{32}$/);
    const manifest = await (await h.sw()).evaluate(() => chrome.runtime.getManifest());
    expect(manifest.manifest_version).toBe(3);
  });

  it('renders the popup and the options page', async () => {
    const popup = await h.openPopup();
    await expect.poll(() => popup.getByRole('heading', { name: 'Carryover', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => popup.getByText('Everything Carryover knows').isVisible()).toBe(true);
    const options = await h.openOptions();
    await expect.poll(() => options.getByRole('heading', { name: 'Shops Carryover learns from' }).isVisible()).toBe(true);
    await popup.close();
    await options.close();
  });

  it('creates the offscreen document and reports the backend it chose', async () => {
    const options = await h.openOptions();
    const backend = options.getByTestId('backend-name');
    await expect.poll(() => backend.textContent(), { timeout: 30_000 }).toMatch(/WebGPU|WebAssembly/);
    const contexts = await (await h.sw()).evaluate(async () =>
      (await chrome.runtime.getContexts({ contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT] })).map((c) => c.documentUrl));
    expect(contexts).toHaveLength(1);
    expect(contexts[0]).toMatch(/src\/ml\/offscreen\.html$/);
    await options.close();
  });

  it('writes to and reads from IndexedDB through a message round trip', async () => {
    const options = await h.openOptions();
    const pause = options.getByLabel(/Pause everywhere/);
    await expect.poll(() => pause.isVisible()).toBe(true);
    expect(await pause.isChecked()).toBe(false);
    await pause.check();
    await expect.poll(async () => (await h.dump()).settings).toEqual([{ key: 'paused', value: true }]);
    await options.reload();
    await expect.poll(() => options.getByLabel(/Pause everywhere/).isChecked()).toBe(true);
    await options.getByLabel(/Pause everywhere/).uncheck();
    await expect.poll(async () => (await h.dump()).settings).toEqual([{ key: 'paused', value: false }]);
    await options.close();
  });
});
