// The harness in Debian's Firefox ESR, through puppeteer-core over WebDriver BiDi (no geckodriver
// here). It installs dist/firefox, the shipped build, as a temporary add-on. What the browser's own
// UI does — the toolbar click, the permission prompt, stopping the event page — is done in the
// browser window (the parent process), through the same code paths a click takes. That code runs in
// a test-only add-on installed beside the shipped build (./firefox-driver, an API experiment):
// WebDriver BiDi reaches the parent process (its chrome scope) only in releases after 140 ESR, and
// Debian bookworm has shipped both 140 ESR and 153 ESR to CI; the driver add-on works in both.
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startShops } from '../../fixtures/shops/server.ts';
import type { Harness, LaunchOptions, SidebarView, Tab } from './api.ts';
import { distFor, E2E_CATALOGUE_SIZE } from './builds.ts';
import { DUMP, FIND_BY_LABEL, FIND_BY_TEXT, PAGE_STATUS, SET_SETTING, SIDEBAR_FRAME, SIDEBAR_PHOTOS, SIDEBAR_PICKS, textPattern } from './in-extension.ts';
import { GECKO_ID } from '../../../scripts/lib/manifest.ts';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** Fixed so that extension URLs are known before install (pref extensions.webextensions.uuids). */
const UUID = '5f0c8c52-6a38-4c77-9d2b-3a1f3c0e7a11';
const EXT_ORIGIN = `moz-extension://${UUID}`;
const DRIVER_DIR = resolve('tests/e2e/harness/firefox-driver');
const DRIVER_ID = 'test-driver@carryover.invalid';
const DRIVER_UUID = '0b6f0f57-2d0e-4f44-9a59-8f6f1b0b1e2d';

interface Bidi { send(method: string, params: object): Promise<{ result: any }> }
const bidiOf = (browser: Browser) => (browser as unknown as { connection: Bidi }).connection;
const contextOf = (page: Page) => (page.mainFrame() as unknown as { _id: string })._id;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function poll<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Waits until an element stops moving before it is clicked. Puppeteer clicks at the element's centre
 * as measured once; an extension page whose cards above fill in as their answers come in moves the
 * element between that measure and the click, which then lands on something else (seen: the options
 * page's "Replace what is here" missed, in the big import's test). Playwright waits for a stable box
 * itself; this is that wait: the same box in two reads a frame apart.
 */
async function settled(page: Page, el: import('puppeteer-core').ElementHandle<Element>) {
  await el.evaluate((e) => e.scrollIntoView({ block: 'center', inline: 'nearest' }));
  const box = () => el.evaluate((e) => new Promise<string>((res) => requestAnimationFrame(() => requestAnimationFrame(() => {
    const r = e.getBoundingClientRect();
    res(`${r.x},${r.y},${r.width},${r.height}`);
  }))));
  const deadline = Date.now() + 5_000;
  let last = await box();
  for (;;) {
    const now = await box();
    if (now === last) return;
    if (Date.now() > deadline) throw new Error(`the element kept moving for 5 s (last at ${now}) on ${page.url()}`);
    last = now;
  }
}

/** Firefox's answer to a navigation cancelled by a load still settling in the tab (see goto). */
const abortedBySettlingLoad = (e: unknown) => /NS_BINDING_ABORTED/.test(e instanceof Error ? e.message : String(e));

class FirefoxTab implements Tab {
  constructor(readonly page: Page, private readonly bidi: Bidi, private readonly downloads: string, private readonly chrome: <T>(body: string) => Promise<T>) {}
  async goto(url: string) {
    if (url.startsWith('moz-extension:')) {
      // An extension page never fires the load event BiDi waits for (PLATFORM.md): navigate, then poll.
      await this.bidi.send('browsingContext.navigate', { context: contextOf(this.page), url, wait: 'none' });
      await poll(`${url} to load`, 15_000, async () => (await this.page.evaluate('location.href + " " + document.readyState')) === `${url} complete`);
    } else {
      // Firefox can report a navigation as NS_BINDING_ABORTED when a load still settling in the tab is
      // cancelled by it (puppeteer#12929, playwright#20749; seen here under load, Firefox 153): the tab
      // is asked to go there again, unless it got there anyway.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.page.goto(url);
          return;
        } catch (e) {
          if (attempt >= 3 || !abortedBySettlingLoad(e)) throw e;
          const at = await this.page.evaluate('location.href + " " + document.readyState').catch(() => '');
          if (at === `${url} complete`) return;
          await sleep(200);
        }
      }
    }
  }
  async reload() {
    const url = await this.url();
    if (url.startsWith('moz-extension:')) await this.goto(url);
    else {
      // The same race as goto's (NS_BINDING_ABORTED while a load settles): loaded again by goto,
      // which retries it.
      try {
        await this.page.reload();
      } catch (e) {
        if (!abortedBySettlingLoad(e)) throw e;
        await this.goto(url);
      }
    }
  }
  url() { return this.page.evaluate('location.href') as Promise<string>; }
  evaluate<T>(expression: string) { return this.page.evaluate(expression) as Promise<T>; }
  async waitFor(expression: string, timeoutMs = 15_000) {
    await poll(expression, timeoutMs, () => this.page.evaluate(expression) as Promise<unknown>);
  }
  async click(selector: string) {
    const el = await this.page.waitForSelector(selector, { visible: true, timeout: 15_000 });
    await settled(this.page, el!);
    await el!.click();
  }
  async clickText(text: string | RegExp, within?: string) {
    const [source, flags] = textPattern(text);
    // Found, then clicked: a re-render in between (the popup redraws when its answers come in)
    // replaces the element, and the click on the old one fails; the control is found again then.
    for (let attempt = 1; ; attempt++) {
      const el = await poll(`a control with text ${String(text)}`, 15_000, async () =>
        (await this.page.evaluateHandle(`(${FIND_BY_TEXT})(${JSON.stringify(source)}, ${JSON.stringify(flags)}, ${JSON.stringify(within ?? null)})`)).asElement() as import('puppeteer-core').ElementHandle<Element> | null);
      try {
        await settled(this.page, el);
        await el.click();
        return;
      } catch (e) {
        if (attempt >= 5 || !/detached|not clickable|no such (node|element)|stale/i.test(e instanceof Error ? e.message : String(e))) throw e;
        await sleep(200);
      }
    }
  }
  async fill(label: string | RegExp, value: string) {
    const [source, flags] = textPattern(label);
    const find = `(${FIND_BY_LABEL})(${JSON.stringify(source)}, ${JSON.stringify(flags)})`;
    // Typed as a person types, into the field as it is now: a re-render (a <details> just opened)
    // replaces the element, and keys sent to a stale one land elsewhere. Keys go to the focused tab.
    await this.page.bringToFront();
    let now = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      const el = await poll(`a visible field labelled ${String(label)}`, 15_000, async () => {
        const handle = (await this.page.evaluateHandle(find)).asElement() as import('puppeteer-core').ElementHandle<HTMLInputElement> | null;
        return handle && (await handle.isVisible()) ? handle : undefined;
      });
      await el.evaluate((e) => { e.focus(); e.select(); });
      await this.page.keyboard.type(value);
      now = (await this.page.evaluate(`${find}?.value ?? ''`)) as string;
      if (now === value) return;
      await sleep(200);
    }
    throw new Error(`the field labelled ${String(label)} holds "${now}" after typing "${value}"`);
  }
  async download(text: string | RegExp) {
    // The profile saves downloads into its downloads folder without asking (see the prefs at launch).
    const before = new Set(existsSync(this.downloads) ? readdirSync(this.downloads) : []);
    await this.clickText(text);
    const name = await poll('the download', 90_000, async () =>
      existsSync(this.downloads) && readdirSync(this.downloads).find((f) => !before.has(f) && !f.endsWith('.part') && statSync(join(this.downloads, f)).size > 0))
      .catch(async (e: unknown) => {
        // What the page said instead (an error line, or still busy), and what the folder holds.
        const files = existsSync(this.downloads) ? readdirSync(this.downloads).join(', ') : 'no downloads folder';
        throw new Error(`${e instanceof Error ? e.message : String(e)}; the folder holds: ${files || 'nothing'}; the page shows: ${(await this.text()).slice(0, 400)}`);
      });
    return join(this.downloads, name);
  }
  async upload(label: string | RegExp, path: string) {
    const [source, flags] = textPattern(label);
    const el = (await this.page.evaluateHandle(`(${FIND_BY_LABEL})(${JSON.stringify(source)}, ${JSON.stringify(flags)})`)).asElement() as import('puppeteer-core').ElementHandle<HTMLInputElement> | null;
    if (!el) throw new Error(`no file field labelled ${String(label)}`);
    await el.uploadFile(path);
  }
  acceptDialogs() {
    this.page.on('dialog', (d) => void d.accept());
  }
  async waitForText(text: string | RegExp, timeoutMs = 15_000) {
    const [source, flags] = typeof text === 'string' ? [text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), ''] : [text.source, text.flags];
    await this.waitFor(`new RegExp(${JSON.stringify(source)}, ${JSON.stringify(flags)}).test(document.body?.innerText ?? '')`, timeoutMs);
  }
  text() { return this.page.evaluate('document.body?.innerText ?? ""') as Promise<string>; }
  async setViewport(width: number, height: number) {
    // BiDi's own command: puppeteer's setViewport also sends emulation.setScreenOrientationOverride,
    // which Firefox 140 does not know.
    await this.bidi.send('browsingContext.setViewport', { context: contextOf(this.page), viewport: { width, height } });
  }
  async colorScheme(scheme: 'light' | 'dark') {
    // Puppeteer emulates media over CDP only; Firefox's pref (0 dark, 1 light) applies to all content at once.
    await this.chrome(`Services.prefs.setIntPref('layout.css.prefers-color-scheme.content-override', ${scheme === 'dark' ? 0 : 1}); return true;`);
    await poll(`prefers-color-scheme: ${scheme}`, 5_000, () => this.page.evaluate(`matchMedia('(prefers-color-scheme: ${scheme})').matches`) as Promise<boolean>);
  }
  async screenshot(path: string) { await this.page.screenshot({ path, fullPage: true }); }
  async close() { await this.page.close(); }
}

export async function launchFirefox(opts: LaunchOptions = {}): Promise<Harness> {
  const build = opts.build ?? 'shipped';
  const dist = opts.dist ?? distFor('firefox', build);
  const profile = mkdtempSync(join(tmpdir(), 'carryover-ff-'));
  const downloads = join(profile, 'downloads');
  const shops = await startShops({ catalogueSize: opts.catalogueSize ?? E2E_CATALOGUE_SIZE });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: opts.headless ?? true,
    userDataDir: profile,
    // The window Chromium's harness has (puppeteer's default is 800 × 600, where the sidebar starts
    // as its tab): one scenario sees the same page in both browsers.
    defaultViewport: { width: 1280, height: 900 },
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: UUID, [DRIVER_ID]: DRIVER_UUID }),
      // The test driver: an API experiment (allowed in a temporary add-on on builds that do not
      // require signing, as Debian's).
      'extensions.experiments.enabled': true,
      // Downloads (the export) land in the profile without a dialog.
      'browser.download.folderList': 2,
      'browser.download.dir': downloads,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      // The UI language: Firefox takes it when its language pack is installed (Debian puts the
      // firefox-esr-l10n-* packs in the application's add-on folder, a scope puppeteer enables).
      ...(opts.lang ? { 'intl.locale.requested': opts.lang } : {}),
    },
  });
  const bidi = bidiOf(browser);
  const version = await browser.version();
  const id = await browser.installExtension(dist);
  if (id !== GECKO_ID) throw new Error(`installed add-on has id ${id}, expected ${GECKO_ID}`);

  // The driver's page: the harness calls its one API (browser.driver.evaluate) from here.
  const driverId = await browser.installExtension(DRIVER_DIR);
  if (driverId !== DRIVER_ID) throw new Error(`the test driver installed with id ${driverId}, expected ${DRIVER_ID}`);
  const driverPage = await browser.newPage();
  /** Evaluates privileged code in the browser window (the parent process). */
  const chrome = async <T>(body: string): Promise<T> => {
    const prelude = `const ext = WebExtensionPolicy.getByID(${JSON.stringify(GECKO_ID)}).extension; const win = Services.wm.getMostRecentWindow('navigator:browser'); const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs'); const g = ExtensionParent.apiManager.global;`;
    try {
      return JSON.parse((await driverPage.evaluate(`browser.driver.evaluate(${JSON.stringify(`${prelude}\n${body}`)})`)) as string) as T;
    } catch (e) {
      throw new Error(`in the browser window (${version}): ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  await new FirefoxTab(driverPage, bidi, downloads, chrome).goto(`moz-extension://${DRIVER_UUID}/page.html`);

  // The first tab becomes an inert extension document (an icon): it has the extension's APIs and
  // IndexedDB but sends nothing, so it neither wakes the event page nor keeps it awake.
  const [first] = await browser.pages();
  const inert = new FirefoxTab(first ?? (await browser.newPage()), bidi, downloads, chrome);
  await inert.goto(`${EXT_ORIGIN}/icons/16.png`);
  const inExtension = <T>(fn: string, arg?: unknown) => inert.evaluate<T>(`(${fn})(${JSON.stringify(arg ?? null)})`);

  const newTab = async (url: string) => {
    const tab = new FirefoxTab(await browser.newPage(), bidi, downloads, chrome);
    await tab.goto(url);
    return tab;
  };
  const pageOf = (tab: Tab) => (tab as FirefoxTab).page;

  // The install opens the welcome page: keep what it says for the first-run test, then close it.
  const welcomeUrl = `${EXT_ORIGIN}/src/options/welcome.html`;
  const welcomePage = await poll('the welcome page', 15_000, async () => {
    for (const p of await browser.pages()) if ((await p.evaluate('location.href').catch(() => '')) === welcomeUrl) return p;
    return undefined;
  });
  // Loaded when the model's line is no longer busy (as in Chromium's harness: in any language).
  await poll('the welcome page to render', 15_000, async () => (await welcomePage.evaluate(`!!document.querySelector('[data-testid="welcome-model"][aria-busy="false"]')`)) as boolean);
  const welcomeText = (await welcomePage.evaluate('document.body.innerText')) as string;
  await welcomePage.close();

  const tabIds = new WeakMap<Page, number>();
  const harness: Harness = {
    browser: 'firefox',
    welcomeText,
    async tabId(tab) {
      const page = pageOf(tab);
      const known = tabIds.get(page);
      if (known !== undefined) return known;
      await page.bringToFront();
      const url = await tab.url();
      const id = await chrome<number>(`
        if (win.gBrowser.selectedBrowser.currentURI.spec !== ${JSON.stringify(url)}) throw new Error('the tab is not the selected tab');
        return g.tabTracker.getId(win.gBrowser.selectedTab);`);
      tabIds.set(page, id);
      return id;
    },
    build,
    shops,
    shopTab: (shopId, path = '/') => newTab(shops.url(shopId, path)),
    extensionPage: (path) => newTab(`${EXT_ORIGIN}/${path}`),
    async openPopup(tab) {
      await pageOf(tab).bringToFront();
      const url = await tab.url();
      // The toolbar click's own path: it opens the popup panel and grants activeTab for the tab.
      const tabId = await chrome<number>(`
        if (win.gBrowser.selectedBrowser.currentURI.spec !== ${JSON.stringify(url)}) throw new Error('the shop tab is not the selected tab');
        // triggerAction toggles: with a popup still open it only closes it.
        const { ViewPopup } = ChromeUtils.importESModule('resource:///modules/ExtensionPopups.sys.mjs');
        ViewPopup.for(ext, win)?.closePopup();
        await g.browserActionFor(ext).triggerAction(win);
        if (!ext.tabManager.hasActiveTabPermission(win.gBrowser.selectedTab)) throw new Error('the toolbar click granted no activeTab');
        ViewPopup.for(ext, win)?.closePopup();
        return g.tabTracker.getId(win.gBrowser.selectedTab);`);
      return newTab(`${EXT_ORIGIN}/src/popup/popup.html?tab=${tabId}`);
    },
    async answerPermissionPrompt(allow, timeoutMs = 15_000) {
      // ExtensionsUI shows optional-permission requests as the 'addon-webext-permissions' notification.
      return poll('the permission prompt', timeoutMs, () => chrome<string | null>(`
        for (const b of win.gBrowser.browsers) {
          const n = win.PopupNotifications.getNotification('addon-webext-permissions', b);
          if (!n) continue;
          const el = win.PopupNotifications.panel.querySelector('#addon-webext-permissions-notification');
          const text = [n.message, el?.textContent ?? ''].join(' ');
          if (el && win.PopupNotifications.panel.state === 'open') (${allow} ? el.button : el.secondaryButton).click();
          else { ${allow} ? n.mainAction.callback({}) : n.secondaryActions[0].callback({}); win.PopupNotifications.remove(n); }
          return text;
        }
        return null;`));
    },
    async allowPrompt() {
      await harness.answerPermissionPrompt(true);
    },
    async grant(tab) {
      const popup = await harness.openPopup(tab);
      await popup.clickText(/^Learn from/);
      await harness.allowPrompt();
      await popup.waitForText('Carryover is learning from this shop');
      await popup.close();
    },
    inExtension,
    // The event page's window, reached from the inert document (same extension process): code
    // cannot be compiled in it (its CSP), so `fn` runs here and works on the background's objects.
    inBackground: <T>(fn: string, arg?: unknown) => inert.evaluate<T>(`(async () => (${fn})(await browser.runtime.getBackgroundPage(), ${JSON.stringify(arg ?? null)}))()`),
    dump: () => inExtension(DUMP),
    setSetting: (key, value) => inExtension(SET_SETTING, [key, value]),
    async stopBackground() {
      // An event that arrives while the page is suspending (a catalogue answer, a content script's
      // message) cancels the suspension and terminateBackground returns with the page running
      // (ext-backgroundPage.js, resetBackgroundIdle): asked again until it is stopped, as the idle
      // timer would ask again.
      await poll('the event page to stop', 15_000, async () => {
        await chrome(`if (ext.backgroundState === 'running') await ext.terminateBackground({ ignoreDevToolsAttached: true, disableResetIdleForTest: true });`);
        // 'suspending' may still turn back into 'running'; 'starting' is a new page, woken after the stop.
        return chrome<boolean>(`return ext.backgroundState === 'stopped' || ext.backgroundState === 'starting';`);
      });
    },
    backgroundRunning: () => chrome<boolean>(`return ext.backgroundState === 'running';`),
    async pageKind(tab) {
      // Asked of the content script through the extension's messaging: nothing in the page says it.
      const status = await inExtension<{ url: string; kind?: string } | null>(PAGE_STATUS, await harness.tabId(tab));
      return status && status.url === (await tab.url()) ? status.kind : undefined;
    },
    async waitForPageKind(tab, kind, timeoutMs = 15_000) {
      await poll(`the page kind ${kind}`, timeoutMs, async () => (await harness.pageKind(tab)) === kind);
    },
    async sidebar(tab): Promise<SidebarView> {
      const page = pageOf(tab);
      // Puppeteer keeps the frame's first URL (about:blank): find the frame's context in BiDi's tree.
      type Ctx = { context: string; url: string; children?: Ctx[] | null };
      const frame = async () => {
        const tree = await bidi.send('browsingContext.getTree', { root: contextOf(page) });
        const hit = (c: Ctx): Ctx | undefined => (SIDEBAR_FRAME.test(c.url) ? c : (c.children ?? []).map(hit).find(Boolean));
        const ctx = hit(tree.result.contexts[0] as Ctx);
        return ctx ? page.frames().find((f) => (f as unknown as { _id: string })._id === ctx.context && !f.detached) : undefined;
      };
      const inFrame = async <T>(empty: T, expression: string): Promise<T> => {
        const f = await frame();
        if (!f) return empty;
        try {
          return (await f.evaluate(expression)) as T;
        } catch (e) {
          if (f.detached) return empty; // the page navigated or the sidebar closed under us
          throw e;
        }
      };
      return {
        picks: () => inFrame<string[]>([], SIDEBAR_PICKS),
        photos: () => inFrame<string[]>([], SIDEBAR_PHOTOS),
        text: () => inFrame('', 'document.body?.innerText ?? ""'),
        evaluate: <T>(expression: string) => inFrame<T | undefined>(undefined, expression),
        async click(text, itemId) {
          const f = await frame();
          if (!f) throw new Error('no sidebar frame in the page');
          const [source, flags] = textPattern(text);
          const within = itemId ? `li[data-item-id="${itemId}"]` : null;
          // A trusted click at the control's centre, in the page's coordinates: puppeteer's click on an
          // element in a frame locates the frame with a BiDi locator (type "context") Firefox 140 lacks.
          // mozInnerScreenX/Y place the frame's viewport and the page's on one screen.
          // As Playwright does before a click: the control is in view, has not moved for 100 ms, and is
          // what a click at its centre hits (a re-render while the picks come in moves it).
          type Point = { x: number; y: number; hit: boolean };
          const locate = `(() => {
            const el = (${FIND_BY_TEXT})(${JSON.stringify(source)}, ${JSON.stringify(flags)}, ${JSON.stringify(within)});
            if (!el) return null;
            el.scrollIntoView({ block: 'center', inline: 'center' });
            const r = el.getBoundingClientRect();
            const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
            const top = document.elementFromPoint(cx, cy);
            return { x: mozInnerScreenX + cx, y: mozInnerScreenY + cy, hit: !!top && (el === top || el.contains(top)) };
          })()`;
          let at: Point | null = null;
          for (let attempt = 0; attempt < 50; attempt++) {
            const before = (await f.evaluate(locate)) as Point | null;
            await sleep(100);
            at = (await f.evaluate(locate)) as Point | null;
            if (before && at && at.hit && before.x === at.x && before.y === at.y) break;
          }
          if (!at) throw new Error(`no "${text}" control in the sidebar${itemId ? ` on card ${itemId}` : ''}`);
          if (!at.hit) throw new Error(`the "${text}" control in the sidebar is covered or keeps moving`);
          const top = (await page.evaluate('({ x: mozInnerScreenX, y: mozInnerScreenY })')) as { x: number; y: number };
          await page.mouse.click(at.x - top.x, at.y - top.y);
        },
      };
    },
    async clearCache() {
      await chrome(`Services.cache2.clear(); return true;`);
    },
    async extensionErrors() {
      const consoleErrors = await chrome<string[]>(`
        return Services.console.getMessageArray()
          .filter((m) => m instanceof Ci.nsIScriptError && !(m.flags & Ci.nsIScriptError.warningFlag) && (m.sourceName ?? '').startsWith(${JSON.stringify(EXT_ORIGIN)}))
          .map((m) => m.errorMessage);`);
      const log = ((await harness.dump()).log ?? []) as { level: string; source: string; message: string }[];
      return [...consoleErrors, ...log.filter((l) => l.level === 'error').map((l) => `${l.source}: ${l.message}`)];
    },
    async close() {
      await browser.close();
      await shops.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
  return harness;
}
