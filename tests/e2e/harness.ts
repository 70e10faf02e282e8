// Drives the real built extension in Debian's Chromium against the fixture shops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startShops, type ShopServer } from '../fixtures/shops/server.ts';

import { CHROME_PATH, QUIET_FLAGS, stopServiceWorker } from './harness/chromium.ts';

export { CHROME_PATH, QUIET_FLAGS };

export interface Harness {
  ctx: BrowserContext;
  shops: ShopServer;
  extensionId: string;
  /** The background service worker (re-fetched: it may have been stopped and restarted). */
  sw(): Promise<Worker>;
  extUrl(path: string): string;
  openPopup(forTab?: Page): Promise<Page>;
  openOptions(): Promise<Page>;
  tabIdOf(page: Page): Promise<number>;
  /** Every record of every store, read inside the extension. */
  dump(): Promise<Record<string, unknown[]>>;
  /** Gives consent to the shop open in `shopPage` through the popup, as a shopper would. */
  grant(shopPage: Page): Promise<void>;
  /** Writes one setting straight into the extension's database (test knobs). */
  setSetting(key: string, value: unknown): Promise<void>;
  /** Stops the background service worker through the DevTools protocol, as Chrome does when idle.
   * Until something wakes it (an extension page's message, an event), calls into it wait. */
  stopWorker(): Promise<void>;
  /** Sends a message to the ML document from the background (the offscreen document must exist). */
  askMl<T = unknown>(msg: Record<string, unknown>): Promise<T>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  dist?: string;
  /** Start Chromium with --enable-unsafe-webgpu (SwiftShader's adapter); off by default. */
  webgpu?: boolean;
  headless?: boolean;
}

export async function launch(opts: LaunchOptions = {}): Promise<Harness> {
  const dist = resolve(opts.dist ?? 'dist/chrome-test');
  const userDataDir = mkdtempSync(join(tmpdir(), 'carryover-e2e-'));
  const shops = await startShops();
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: opts.headless ?? true,
    // Playwright disables extensions by default; this is the one we test.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dist}`,
      `--load-extension=${dist}`,
      ...QUIET_FLAGS,
      // WASM unless a test asks for WebGPU: SwiftShader's WebGPU is correct but slow on 2 cores.
      ...(opts.webgpu ? ['--enable-unsafe-webgpu'] : []),
      ...(process.env.CARRYOVER_CHROME_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
    ],
    viewport: { width: 1280, height: 900 },
  });
  // A worker stopped and started again keeps its target, so Playwright's handle stays valid; calls
  // on it wait while it is stopped. Wake it (open an extension page) before using it after a stop.
  const ours = (w: Worker) => w.url().startsWith('chrome-extension://');
  const sw = async () => ctx.serviceWorkers().find(ours) ?? (await ctx.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 }));
  const extensionId = new URL((await sw()).url()).host;
  const extUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;

  const tabIdOf = async (page: Page) => {
    const url = page.url();
    const worker = await sw();
    const ids = await worker.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id), url);
    if (ids.length !== 1) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
    return ids[0]!;
  };

  const openPopup = async (forTab?: Page) => {
    const query = forTab ? `?tab=${await tabIdOf(forTab)}` : '';
    const page = await ctx.newPage();
    await page.goto(extUrl(`src/popup/popup.html${query}`));
    return page;
  };

  return {
    ctx,
    shops,
    extensionId,
    sw,
    extUrl,
    tabIdOf,
    openPopup,
    async openOptions() {
      const page = await ctx.newPage();
      await page.goto(extUrl('src/options/options.html'));
      return page;
    },
    async dump() {
      const worker = await sw();
      return worker.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('carryover');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const out: Record<string, unknown[]> = {};
        for (const name of Array.from(db.objectStoreNames)) {
          out[name] = await new Promise<unknown[]>((res, rej) => {
            const r = db.transaction(name).objectStore(name).getAll();
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
        }
        db.close();
        return out;
      });
    },
    async grant(shopPage) {
      const popup = await openPopup(shopPage);
      await popup.getByRole('button', { name: /^Learn from/ }).click();
      await popup.getByText('Carryover is learning from this shop').waitFor();
      await popup.close();
    },
    async setSetting(key, value) {
      await (await sw()).evaluate(async ([k, v]) => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('carryover');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        await new Promise<void>((res, rej) => {
          const tx = db.transaction('settings', 'readwrite');
          tx.objectStore('settings').put({ key: k, value: v });
          tx.oncomplete = () => res();
          tx.onerror = () => rej(tx.error);
        });
        db.close();
      }, [key, value] as const);
    },
    stopWorker: () => stopServiceWorker(ctx, extUrl),
    async askMl(msg) {
      return (await sw()).evaluate(async (m) => {
        const index = await (await fetch(chrome.runtime.getURL('models/index.json'))).json();
        const reply = await chrome.runtime.sendMessage({ target: 'ml', model: index.model, override: 'auto', ...m });
        if (!reply?.ok) throw new Error(reply?.error ?? 'the ML document did not answer');
        return reply.value;
      }, msg);
    },
    async close() {
      await ctx.close();
      await shops.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
