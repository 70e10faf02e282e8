// The harness in Debian's Chromium, through playwright-core. The toolbar button is clicked with the
// DevTools protocol's Extensions.triggerAction (the browser's own action path: it opens the real popup
// and grants activeTab), which needs --enable-unsafe-extension-debugging and the pipe Playwright uses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from 'playwright-core';
import { startShops } from '../../fixtures/shops/server.ts';
import type { Harness, LaunchOptions, SidebarView, Tab } from './api.ts';
import { distFor, E2E_CATALOGUE_SIZE } from './builds.ts';
import { DUMP, FIND_BY_LABEL, FIND_BY_TEXT, PAGE_STATUS, SET_SETTING, SIDEBAR_FRAME, SIDEBAR_PHOTOS, SIDEBAR_PICKS, textPattern } from './in-extension.ts';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

/** Flags that keep Chromium quiet on a machine with no network but loopback (see PLATFORM.md). */
export const QUIET_FLAGS = [
  '--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps',
];

class ChromiumTab implements Tab {
  constructor(readonly page: Page) {}
  async goto(url: string) { await this.page.goto(url); }
  async reload() { await this.page.reload(); }
  async url() { return this.page.url(); }
  evaluate<T>(expression: string) { return this.page.evaluate(expression) as Promise<T>; }
  async waitFor(expression: string, timeoutMs = 15_000) {
    // Polled with evaluate: waitForFunction compiles the string in the page, which extension pages' CSP forbids.
    const deadline = Date.now() + timeoutMs;
    while (!(await this.page.evaluate(expression).catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression} on ${this.page.url()}`);
      await this.page.waitForTimeout(100);
    }
  }
  async click(selector: string) { await this.page.locator(selector).locator('visible=true').first().click(); }
  async clickText(text: string | RegExp, within?: string) {
    const [source, flags] = textPattern(text);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const handle = await this.page.evaluateHandle(`(${FIND_BY_TEXT})(${JSON.stringify(source)}, ${JSON.stringify(flags)}, ${JSON.stringify(within ?? null)})`);
      const el = handle.asElement() as import('playwright-core').ElementHandle<Element> | null;
      if (el) return el.click();
      if (Date.now() > deadline) throw new Error(`no control with text ${String(text)} on ${this.page.url()}, which shows: ${(await this.text()).slice(0, 400)}`);
      await this.page.waitForTimeout(100);
    }
  }
  async fill(label: string | RegExp, value: string) {
    const [source, flags] = textPattern(label);
    const el = (await this.page.evaluateHandle(`(${FIND_BY_LABEL})(${JSON.stringify(source)}, ${JSON.stringify(flags)})`)).asElement() as import('playwright-core').ElementHandle<HTMLInputElement> | null;
    if (!el) throw new Error(`no field labelled ${String(label)} on ${this.page.url()}`);
    await el.fill(value);
  }
  async download(text: string | RegExp) {
    const download = this.page.waitForEvent('download');
    await this.clickText(text);
    const path = join(tmpdir(), `carryover-download-${Date.now()}-${(await download).suggestedFilename()}`);
    await (await download).saveAs(path);
    return path;
  }
  async upload(label: string | RegExp, path: string) {
    const [source, flags] = textPattern(label);
    const el = (await this.page.evaluateHandle(`(${FIND_BY_LABEL})(${JSON.stringify(source)}, ${JSON.stringify(flags)})`)).asElement() as import('playwright-core').ElementHandle<HTMLInputElement> | null;
    if (!el) throw new Error(`no file field labelled ${String(label)} on ${this.page.url()}`);
    await el.setInputFiles(path);
  }
  acceptDialogs() {
    this.page.on('dialog', (d) => void d.accept());
  }
  async waitForText(text: string | RegExp, timeoutMs = 15_000) {
    const [source, flags] = typeof text === 'string' ? [text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''] : [text.source, text.flags];
    await this.waitFor(`new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}).test(document.body?.innerText ?? '')`, timeoutMs);
  }
  text() { return this.page.evaluate(() => document.body?.innerText ?? ''); }
  async setViewport(width: number, height: number) { await this.page.setViewportSize({ width, height }); }
  async colorScheme(scheme: 'light' | 'dark') { await this.page.emulateMedia({ colorScheme: scheme }); }
  async screenshot(path: string) { await this.page.screenshot({ path, fullPage: true }); }
  async close() { await this.page.close(); }
}

/** The Playwright page behind a tab, for Chromium-only tools (the tour's screenshots of one element). */
export const pageOf = (tab: Tab) => (tab as ChromiumTab).page;

/** Stops the extension's service worker through the DevTools protocol, as Chrome does when it is idle.
 * The ServiceWorker domain of an extension page sees the extension's worker (a web page's does not). */
export async function stopServiceWorker(ctx: BrowserContext, extUrl: (path: string) => string): Promise<void> {
  const page = await ctx.newPage();
  await page.goto(extUrl('models/index.json')); // an extension page that sends no messages
  const session = await ctx.newCDPSession(page);
  type Version = { versionId: string; scriptURL: string; runningStatus: string };
  const versions = new Map<string, Version>();
  let onUpdate = () => {};
  session.on('ServiceWorker.workerVersionUpdated', (e: { versions: Version[] }) => {
    for (const v of e.versions) if (v.scriptURL.startsWith(extUrl(''))) versions.set(v.versionId, v);
    onUpdate();
  });
  await session.send('ServiceWorker.enable');
  const running = () => [...versions.values()].filter((v) => v.runningStatus === 'running');
  for (let i = 0; i < 50 && !running().length; i++) await page.waitForTimeout(50);
  const targets = running();
  if (!targets.length) throw new Error('no running extension service worker to stop');
  const allStopped = new Promise<void>((r) => {
    onUpdate = () => targets.every((t) => versions.get(t.versionId)?.runningStatus === 'stopped') && r();
  });
  for (const t of targets) await session.send('ServiceWorker.stopWorker', { versionId: t.versionId });
  await allStopped;
  await session.detach();
  await page.close();
}


export async function launchChromium(opts: LaunchOptions = {}): Promise<Harness & { ctx: BrowserContext; sw(): Promise<Worker> }> {
  const build = opts.build ?? 'test';
  const dist = opts.dist ?? distFor('chromium', build);
  const userDataDir = mkdtempSync(join(tmpdir(), 'carryover-e2e-'));
  const shops = await startShops({ catalogueSize: opts.catalogueSize ?? E2E_CATALOGUE_SIZE });
  const ctx = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROME_PATH,
    headless: opts.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, ...QUIET_FLAGS,
      '--enable-unsafe-extension-debugging',
      ...(opts.webgpu ? ['--enable-unsafe-webgpu'] : []),
      ...(opts.lang ? [`--lang=${opts.lang}`] : []),
    ],
    // On Linux the UI language comes from the environment; --lang covers the other platforms.
    ...(opts.lang ? { env: { ...process.env, LANGUAGE: opts.lang, LC_ALL: '', LANG: `${opts.lang}_${opts.lang.toUpperCase()}.UTF-8` } } : {}),
    viewport: { width: 1280, height: 900 },
  });
  const ours = (w: Worker) => w.url().startsWith('chrome-extension://');
  const sw = async () => ctx.serviceWorkers().find(ours) ?? (await ctx.waitForEvent('serviceworker', { predicate: ours, timeout: 30_000 }));
  const extensionId = new URL((await sw()).url()).host;
  const extUrl = (path: string) => `chrome-extension://${extensionId}/${path}`;
  const consoleErrors: string[] = [];
  const watch = (w: Worker) => ours(w) && w.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  ctx.serviceWorkers().forEach(watch);
  ctx.on('serviceworker', watch);
  let browserCdp: CDPSession | undefined;
  const cdp = async () => (browserCdp ??= await ctx.browser()!.newBrowserCDPSession());

  const inExtension = async <T>(fn: string, arg?: unknown) => (await sw()).evaluate(`(${fn})(${JSON.stringify(arg ?? null)})`) as Promise<T>;
  /** The id of the tab just brought to the front (several tabs may show the same URL). Its URL is
   * checked where Carryover may see it (a consented shop, or after the toolbar click). */
  const activeTabId = async (url: string) => {
    const tab = await inExtension<{ id: number; url?: string } | undefined>(`async () => (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]`);
    if (!tab || (tab.url !== undefined && tab.url !== url)) throw new Error(`the active tab is ${tab?.url ?? 'none'}, not ${url}`);
    return tab.id;
  };
  const tabIds = new WeakMap<Page, number>();
  const tabId = async (tab: Tab) => {
    const page = pageOf(tab);
    const known = tabIds.get(page);
    if (known !== undefined) return known;
    await page.bringToFront();
    const id = await activeTabId(page.url());
    tabIds.set(page, id);
    return id;
  };
  const newTab = async (url: string) => {
    const page = await ctx.newPage();
    await page.goto(url);
    // Seen here: an extension page that the DevTools protocol opens just after another extension
    // page closed can come up with no message bundle (chrome.i18n.getMessage gives '' for every key;
    // more often with the manifest's cross-origin isolation). The page then shows its bundled copy
    // of the messages (shared/i18n-bundle.ts), and the test goes on with it: said here, not reloaded.
    if (url.startsWith(extUrl('')) && !url.endsWith('.json') && await page.evaluate("chrome.i18n.getMessage('brand') === ''")) {
      console.log(`[chromium] ${url} came up without chrome.i18n's messages: it shows its bundled copy`);
    }
    return new ChromiumTab(page);
  };

  // The install opens the welcome page: keep what it says for the first-run test, then close it.
  const welcomeUrl = extUrl('src/options/welcome.html');
  const welcomePage = ctx.pages().find((p) => p.url() === welcomeUrl) ?? (await ctx.waitForEvent('page', { predicate: (p) => p.url() === welcomeUrl, timeout: 15_000 }));
  // Loaded when the model's line is no longer busy (in any language: German's text has its own "…").
  await welcomePage.waitForFunction(() => !!document.querySelector('[data-testid="welcome-model"][aria-busy="false"]'), undefined, { timeout: 15_000 });
  const welcomeText = await welcomePage.evaluate(() => document.body.innerText);
  await welcomePage.close();

  const harness: Harness & { ctx: BrowserContext; sw(): Promise<Worker> } = {
    browser: 'chromium',
    welcomeText,
    tabId,
    build,
    shops,
    ctx,
    sw,
    shopTab: (shopId, path = '/') => newTab(shops.url(shopId, path)),
    extensionPage: (path) => newTab(extUrl(path)),
    async openPopup(tab) {
      const url = await tab.url();
      await pageOf(tab).bringToFront();
      const s = await cdp();
      type Target = { targetId: string; type: string; url: string };
      const tabs = ((await s.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as { targetInfos: Target[] }).targetInfos;
      const target = tabs.find((t) => t.url === url);
      if (!target) throw new Error(`no tab target at ${url}`);
      await s.send('Extensions.triggerAction' as never, { id: extensionId, targetId: target.targetId } as never);
      // The real popup opened; a test cannot drive it, so it is closed and its page shown in a tab.
      const realPopups = async () => ((await s.send('Target.getTargets')) as { targetInfos: Target[] }).targetInfos
        .filter((t) => t.url.startsWith(extUrl('src/popup/popup.html')) && t.type === 'page' && !ctx.pages().some((p) => p.url() === t.url));
      for (let i = 0; i < 50; i++) {
        const popups = await realPopups();
        if (popups.length) {
          for (const p of popups) await s.send('Target.closeTarget', { targetId: p.targetId });
          break;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      // Wait until it is gone before opening its page in a tab (the two would share a process).
      for (let i = 0; i < 50 && (await realPopups()).length; i++) await new Promise((r) => setTimeout(r, 50));
      return newTab(extUrl(`src/popup/popup.html?tab=${await tabId(tab)}`));
    },
    async answerPermissionPrompt() {
      throw new Error("Chromium gives a test no way to answer its permission dialog (no DevTools method, no switch): only the test build's granted hosts get past it");
    },
    async allowPrompt() {
      if (build === 'shipped') await harness.answerPermissionPrompt(true);
    },
    async grant(tab) {
      const popup = await harness.openPopup(tab);
      await popup.clickText(/^Learn from/);
      await harness.allowPrompt();
      await popup.waitForText('Carryover is learning from this shop');
      await popup.close();
    },
    inExtension,
    inBackground: <T>(fn: string, arg?: unknown) => inExtension<T>(`(arg) => (${fn})(globalThis, arg)`, arg),
    dump: () => inExtension(DUMP),
    setSetting: (key, value) => inExtension(SET_SETTING, [key, value]),
    stopBackground: () => stopServiceWorker(ctx, extUrl),
    async backgroundRunning() {
      const s = await cdp();
      const targets = ((await s.send('Target.getTargets')) as { targetInfos: { type: string; url: string }[] }).targetInfos;
      return targets.some((t) => t.type === 'service_worker' && t.url.startsWith(extUrl('')));
    },
    async pageKind(tab) {
      // Asked of the content script through the extension's messaging: nothing in the page says it.
      const status = await inExtension<{ url: string; kind?: string } | null>(PAGE_STATUS, await tabId(tab));
      return status && status.url === pageOf(tab).url() ? status.kind : undefined;
    },
    async waitForPageKind(tab, kind, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while ((await harness.pageKind(tab).catch(() => undefined)) !== kind) {
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for the page kind ${kind} on ${pageOf(tab).url()}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async sidebar(tab): Promise<SidebarView> {
      const page = pageOf(tab);
      const frame = () => page.frames().find((f) => SIDEBAR_FRAME.test(f.url()) && !f.isDetached());
      const inFrame = async <T>(empty: T, expression: string): Promise<T> => {
        const f = frame();
        if (!f) return empty;
        try {
          return (await f.evaluate(expression)) as T;
        } catch (e) {
          if (f.isDetached()) return empty; // the page navigated or the sidebar closed under us
          throw e;
        }
      };
      return {
        picks: () => inFrame<string[]>([], SIDEBAR_PICKS),
        photos: () => inFrame<string[]>([], SIDEBAR_PHOTOS),
        text: () => inFrame('', 'document.body?.innerText ?? ""'),
        evaluate: <T>(expression: string) => inFrame<T | undefined>(undefined, expression),
        async click(text, itemId) {
          const f = frame();
          if (!f) throw new Error('no sidebar frame in the page');
          const [source, flags] = textPattern(text);
          const within = itemId ? `li[data-item-id="${itemId}"]` : null;
          const el = (await f.evaluateHandle(`(${FIND_BY_TEXT})(${JSON.stringify(source)}, ${JSON.stringify(flags)}, ${JSON.stringify(within)})`)).asElement() as import('playwright-core').ElementHandle<Element> | null;
          if (!el) throw new Error(`no "${text}" control in the sidebar${itemId ? ` on card ${itemId}` : ''}`);
          await el.click();
        },
      };
    },
    async clearCache() {
      const page = await ctx.newPage();
      const session = await ctx.newCDPSession(page);
      await session.send('Network.clearBrowserCache');
      await session.detach();
      await page.close();
    },
    async extensionErrors() {
      const log = ((await harness.dump()).log ?? []) as { level: string; source: string; message: string }[];
      return [...consoleErrors, ...log.filter((l) => l.level === 'error').map((l) => `${l.source}: ${l.message}`)];
    },
    async close() {
      await ctx.close();
      await shops.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
  return harness;
}
