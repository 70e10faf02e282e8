// The ML document answers the background alone: a content script shares the extension's id (an id
// check lets it through), and no extension page has business with the model either.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
type Listener = (raw: unknown, sender: Record<string, unknown>) => Promise<unknown> | undefined;
const listeners: Listener[] = [];
const handleMl = vi.fn(async () => ({ backend: 'wasm' }));

// The document's own origin; runtime.getURL would answer with the session's dynamic id (use_dynamic_url).
vi.stubGlobal('location', { origin: ORIGIN.slice(0, -1) });
// The built manifest, as the document reads it (it has no runtime.getManifest).
vi.stubGlobal('fetch', async (url: URL) => {
  expect(url.href).toBe(`${ORIGIN}manifest.json`);
  return new Response(JSON.stringify({ manifest_version: 3, background: { service_worker: 'service-worker-loader.js', type: 'module' } }));
});
vi.mock('webextension-polyfill', () => ({
  default: {
    runtime: {
      id: ID,
      getURL: (p: string) => `chrome-extension://0b6f0c1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f/${p}`,
      onMessage: { addListener: (l: Listener) => listeners.push(l) },
    },
  },
}));
vi.mock('../../../src/ml/handlers.ts', () => ({ handleMl }));
await import('../../../src/ml/offscreen.ts');

const probe = { type: 'ml/probe', target: 'ml' };
const tab = { id: 4, index: 0, url: 'https://shop.example/p/1' };
const ask = (sender: Record<string, unknown>) => listeners[0]!(probe, sender);

describe('the ML document', () => {
  beforeEach(() => handleMl.mockClear());

  it('answers the background (the service worker)', async () => {
    expect(await ask({ id: ID, url: `${ORIGIN}service-worker-loader.js`, origin: ORIGIN.slice(0, -1) })).toEqual({ ok: true, value: { backend: 'wasm' } });
    expect(handleMl).toHaveBeenCalledOnce();
  });

  it('refuses a content script in a shop page, though it carries the extension id', async () => {
    expect(await ask({ id: ID, url: 'https://shop.example/p/1', tab, frameId: 0 })).toMatchObject({ ok: false });
    expect(handleMl).not.toHaveBeenCalled();
  });

  it('refuses the extension\'s own pages: popup, options, the sidebar\'s frame in a shop\'s tab', async () => {
    for (const sender of [
      { id: ID, url: `${ORIGIN}src/popup/popup.html` },
      { id: ID, url: `${ORIGIN}src/options/options.html`, tab: { ...tab, url: `${ORIGIN}src/options/options.html` }, frameId: 0 },
      { id: ID, url: `${ORIGIN}src/sidebar/frame.html#t=x`, tab, frameId: 3 },
      // A page at the worker's path in a tab is a page, not the worker.
      { id: ID, url: `${ORIGIN}service-worker-loader.js`, tab, frameId: 0 },
    ]) expect(await ask(sender)).toMatchObject({ ok: false });
    expect(handleMl).not.toHaveBeenCalled();
  });

  it('refuses other extensions and leaves messages not addressed to it alone', async () => {
    expect(await ask({ id: 'other', url: `chrome-extension://other/service-worker-loader.js` })).toMatchObject({ ok: false });
    expect(listeners[0]!({ type: 'status/get' }, { id: ID, url: `${ORIGIN}service-worker-loader.js` })).toBeUndefined();
  });
});
