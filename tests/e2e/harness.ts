// Drives the real built extension in Debian's Chromium against the fixture shops.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { startShops, type ShopServer } from '../fixtures/shops/server.ts';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine with no network but loopback (see PLATFORM.md). */
export const QUIET_FLAGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps',
];

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
  close(): Promise<void>;
}

export interface LaunchOptions {
  dist?: string;
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
      ...(opts.webgpu === false ? [] : ['--enable-unsafe-webgpu']),
      ...(process.env.CARRYOVER_CHROME_LOG ? ['--enable-logging=stderr', '--v=0'] : []),
    ],
    viewport: { width: 1280, height: 900 },
  });
  const sw = async () => ctx.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ?? (await ctx.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL((await sw()).url()).host;
  const extUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;

  const tabIdOf = async (page: Page) => {
    const url = page.url();
    const worker = await sw();
    const ids = await worker.evaluate(async (u) => (await chrome.tabs.query({})).filter((t) => t.url === u).map((t) => t.id), url);
    if (ids.length !== 1) throw new Error(`expected one tab at ${url}, found ${ids.length}`);
    return ids[0]!;
  };

  return {
    ctx,
    shops,
    extensionId,
    sw,
    extUrl,
    tabIdOf,
    async openPopup(forTab) {
      const query = forTab ? `?tab=${await tabIdOf(forTab)}` : '';
      const page = await ctx.newPage();
      await page.goto(extUrl(`src/popup/popup.html${query}`));
      return page;
    },
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
    async close() {
      await ctx.close();
      await shops.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
