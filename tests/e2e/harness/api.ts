// The one interface every cross-browser scenario talks to. A Chromium implementation (playwright-core)
// and a Firefox one (puppeteer-core over WebDriver BiDi) stand behind it, so a scenario is written
// once and runs in both browsers (STYLE.md §14). Code passed to a browser is a string: tsx rewrites
// functions (it adds `__name`), and Firefox's BiDi returns typed arrays as undefined, so anything
// typed is serialised inside the browser.
import type { ShopServer } from '../../fixtures/shops/server.ts';

export type BrowserName = 'chromium' | 'firefox';

/** shipped: dist/<browser> exactly as users install it. test: the differences listed in tests/e2e/harness/builds.ts. */
export type BuildKind = 'shipped' | 'test';

export interface Tab {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  /** Evaluates an expression (an async IIFE is fine) in the page; the result must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** Polls an expression in the page until it is truthy. */
  waitFor(expression: string, timeoutMs?: number): Promise<void>;
  /** A trusted click (real input events) on the first visible element matching `selector`. */
  click(selector: string): Promise<void>;
  /** A trusted click on the button, link or label whose visible text matches. */
  clickText(text: string | RegExp, within?: string): Promise<void>;
  /** Types `value` into the input whose label's text matches (replacing what is there). */
  fill(label: string | RegExp, value: string): Promise<void>;
  /** Clicks the control with this text, and returns the path of the file the click downloaded. */
  download(text: string | RegExp): Promise<string>;
  /** Chooses `path` in the file input whose label's text matches. */
  upload(label: string | RegExp, path: string): Promise<void>;
  /** From now on, accepts every confirm()/alert() the page opens. */
  acceptDialogs(): void;
  /** Waits until the page's visible text matches. */
  waitForText(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** The page's visible text. */
  text(): Promise<string>;
  setViewport(width: number, height: number): Promise<void>;
  /** prefers-color-scheme as this page sees it (and the frames in it). Firefox has no per-page
   * emulation over BiDi: there it is the content-wide pref, so it holds for every page until changed. */
  colorScheme(scheme: 'light' | 'dark'): Promise<void>;
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

export interface SidebarView {
  /** Item ids of the picks, in rank order (empty when no sidebar is shown). */
  picks(): Promise<string[]>;
  /** The `src` of each pick's photo, in rank order ('' where there is none). */
  photos(): Promise<string[]>;
  /** Clicks the control with this text on the card of `itemId` (or anywhere). */
  click(text: string, itemId?: string): Promise<void>;
  text(): Promise<string>;
  /** Evaluates an expression inside the sidebar's frame (undefined when none is shown); e.g. its
   * `innerWidth`, which is the frame's width in the page. The result must be JSON. */
  evaluate<T>(expression: string): Promise<T | undefined>;
}

export interface Harness {
  readonly browser: BrowserName;
  readonly build: BuildKind;
  readonly shops: ShopServer;
  /** What the welcome page, opened by the install, said (the harness closes that tab at launch). */
  readonly welcomeText: string;
  /** The browser's id of a tab (brought to the front to find it). */
  tabId(tab: Tab): Promise<number>;
  /** A new tab on a fixture shop. */
  shopTab(shopId: string, path?: string): Promise<Tab>;
  /** A new tab on an extension page (path inside the build, e.g. src/options/options.html). */
  extensionPage(path: string): Promise<Tab>;
  /**
   * Clicks Carryover's toolbar button on `tab` as a shopper does (the browser grants activeTab for it),
   * then shows the popup's page for that tab in a tab of its own: a test cannot reach the popup's panel.
   */
  openPopup(tab: Tab): Promise<Tab>;
  /** Answers the browser's own permission prompt, and returns the text it showed. Throws where the
   * browser gives a test no way to answer it (Chromium's dialog). */
  answerPermissionPrompt(allow: boolean, timeoutMs?: number): Promise<string>;
  /** Allow in the permission prompt a click just opened: answered in Firefox; in Chromium's test build
   * there is none (its hosts are held from install); Chromium's shipped build throws. */
  allowPrompt(): Promise<void>;
  /** "Learn from <shop>" in the popup, and Allow in the browser's prompt where there is one. */
  grant(tab: Tab): Promise<void>;
  /** Runs `fn` (source of a function taking one JSON argument) in an extension context that is not a
   * UI page: the service worker in Chromium, an inert extension document in Firefox. */
  inExtension<T>(fn: string, arg?: unknown): Promise<T>;
  /** Runs `fn` (source of a function `(g, arg) => …`) with `g` the background's own global: the
   * service worker in Chromium, the event page's window in Firefox (runtime.getBackgroundPage, which
   * wakes it). For what must happen in the background itself, e.g. replacing one of its built-ins. */
  inBackground<T>(fn: string, arg?: unknown): Promise<T>;
  /** Every record of every store. */
  dump(): Promise<Record<string, unknown[]>>;
  setSetting(key: string, value: unknown): Promise<void>;
  /** Stops the background as the browser does when it is idle; the next event wakes it. */
  stopBackground(): Promise<void>;
  /** Whether the background is running now. */
  backgroundRunning(): Promise<boolean>;
  /** The page kind the content script found on `tab` (undefined: no capture there). */
  pageKind(tab: Tab): Promise<string | undefined>;
  waitForPageKind(tab: Tab, kind: string, timeoutMs?: number): Promise<void>;
  sidebar(tab: Tab): Promise<SidebarView>;
  /** Empties the browser's HTTP cache (so that a photo shown from a shop would reach its server). */
  clearCache(): Promise<void>;
  /** Errors the extension reported (console errors of its contexts). */
  extensionErrors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  build?: BuildKind;
  headless?: boolean;
  /** Another build directory than `build`'s (a variant a file builds for itself). */
  dist?: string;
  /** Chromium: start with --enable-unsafe-webgpu. */
  webgpu?: boolean;
  /** The browser's UI language (what `i18n.getUILanguage()` answers), e.g. 'de'. Needs the
   * language's files: Chromium's locale file (Debian: chromium-l10n), Firefox's language pack
   * (Debian: firefox-esr-l10n-de). */
  lang?: string;
  /** Products per catalogue fixture shop (E2E_CATALOGUE_SIZE unless given; the bench measures 1,000 and 2,000). */
  catalogueSize?: number;
}
