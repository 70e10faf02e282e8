// Shopper journeys written once against the cross-browser harness (harness/api.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_MODEL_NAME, writeTestModel } from '../../scripts/make-test-model.ts';
import { startHub } from '../fixtures/hub/server.ts';
import type { Product, Shop } from '../fixtures/shops/catalog.ts';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type BrowserName, type Harness, type Tab } from './harness/index.ts';
import { PAGE_STATUS } from './harness/in-extension.ts';
import type { CaptureStatus } from '../../src/shared/messages.ts';

/** The hub repository the tests download the test model from. */
export const TEST_MODEL_REPO = 'carryover/carryover-test-clip';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it gives a truthy value. A probe that throws is tried again (a page may be
 * re-rendering under it); at the deadline the last error is part of the message, and `what` may be a
 * function to say what was last seen. */
export async function until<T>(what: string | (() => string), timeoutMs: number, probe: () => Promise<T | undefined | null | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'function' ? what() : what}${last ? ` (last error: ${last instanceof Error ? last.message : String(last)})` : ''}`);
    await sleep(250);
  }
}

/** What the content script of `tab` saw on this page view (asked through the extension's messaging,
 * never read from the page); undefined where none runs or it has not read the current URL yet. */
export async function pageStatus(h: Harness, tab: Tab): Promise<CaptureStatus | undefined> {
  const status = await h.inExtension<CaptureStatus | null>(PAGE_STATUS, await h.tabId(tab));
  return status && status.url === (await tab.url()) ? status : undefined;
}

/** Milliseconds from the page's start to ranked picks on screen in the sidebar's frame. */
export async function sidebarMs(h: Harness, tab: Tab, timeoutMs = 60_000): Promise<number> {
  return until('ranked picks on screen', timeoutMs, async () => (await pageStatus(h, tab))?.sidebarMs);
}

/** Milliseconds from reading the page to its products sent and its listeners set. */
export async function captureMs(h: Harness, tab: Tab, timeoutMs = 15_000): Promise<number> {
  return until('the page to be read', timeoutMs, async () => (await pageStatus(h, tab))?.captureMs);
}

/** Consent on `shop` (unless given already), then each product's page and "Add to basket". */
export async function cartOn(h: Harness, shop: Shop, products: Product[], opts: { granted?: boolean } = {}): Promise<void> {
  const tab = await h.shopTab(shop.id, '/');
  if (!opts.granted) await h.grant(tab);
  for (const item of products) {
    await tab.goto(h.shops.url(shop.id, `/p/${item.slug}`));
    await h.waitForPageKind(tab, 'product');
    await tab.clickText('Add to basket');
    await tab.waitFor('location.pathname === "/cart"');
  }
  await tab.close();
}

/** Two red plain and two striped (not red) products of a shop: the taste the tests carry over. */
export function redAndStriped(h: Harness, shop: Shop): Product[] {
  const own = h.shops.catalog.filter((x) => x.shop === shop.id);
  return [...own.filter((x) => x.colour === 'red' && x.pattern === 'plain').slice(0, 2), ...own.filter((x) => x.pattern === 'striped' && x.colour !== 'red').slice(0, 2)];
}

export const taste = (p: Product) => p.colour === 'red' || p.pattern === 'striped';

/** Waits until every item of `site` has a photo vector. 240 s: room for the queue's 30 s watchdog
 * alarm to restart a queue the browser stopped (seen intermittently in Firefox's event page). */
export async function embeddedSite(h: Harness, site: string, timeoutMs = 240_000): Promise<void> {
  try {
    await until(`every item of ${site} embedded`, timeoutMs, async () => {
      const d = await h.dump();
      const items = (d.items as { id: string; site: string }[]).filter((i) => i.site === site);
      const vecs = new Set((d.vectors as { itemId: string; image?: unknown }[]).filter((v) => v.image).map((v) => v.itemId));
      return items.length > 0 && items.every((i) => vecs.has(i.id));
    });
  } catch (e) {
    // What the queue was doing: the jobs of the site's items by state, and what the background logged.
    const d = await h.dump();
    const ids = new Set((d.items as { id: string; site: string }[]).filter((i) => i.site === site).map((i) => i.id));
    const jobs = (d.jobs as { itemId: string; kind: string; state: string; attempts: number; nextAt: number; error?: string }[]).filter((j) => ids.has(j.itemId));
    const states = jobs.reduce<Record<string, number>>((a, j) => ((a[`${j.kind}:${j.state}`] = (a[`${j.kind}:${j.state}`] ?? 0) + 1), a), {});
    const errors = [...new Set(jobs.map((j) => j.error).filter(Boolean))].slice(0, 3);
    throw new Error(`${(e as Error).message}; ${ids.size} items; jobs ${JSON.stringify(states)}; job errors ${JSON.stringify(errors)}; alarms ${JSON.stringify(await h.inExtension('() => (globalThis.browser ?? chrome).alarms.getAll()'))}; logged: ${(await h.extensionErrors()).slice(-5).join(' | ')}`);
  }
}

/** The fixture products behind item ids. */
export async function truthOf(h: Harness, ids: string[]): Promise<Product[]> {
  const items = new Map(((await h.dump()).items as { id: string; url: string }[]).map((i) => [i.id, i]));
  return ids.map((id) => {
    const url = items.get(id)!.url;
    return h.shops.catalog.find((p) => h.shops.url(p.shop, `/p/${p.slug}`) === url)!;
  });
}

/** The sidebar's picks once the shop's photos are all read (the final ranking). */
export async function finalPicks(h: Harness, tab: Tab, timeoutMs = 90_000): Promise<string[]> {
  const view = await h.sidebar(tab);
  try {
    return await until('the final ranking in the sidebar', timeoutMs, async () => {
      const picks = await view.picks();
      return !(await view.text()).includes('Still reading') && picks.length >= 5 && picks;
    });
  } catch (e) {
    // What the sidebar said and what the queue held: a stuck ranking and a stuck queue look alike.
    const jobs = ((await h.dump()).jobs as { kind: string; state: string }[]).reduce<Record<string, number>>((a, j) => ((a[`${j.kind}:${j.state}`] = (a[`${j.kind}:${j.state}`] ?? 0) + 1), a), {});
    throw new Error(`${(e as Error).message}; the sidebar says: ${(await view.text()).slice(0, 300)}; jobs ${JSON.stringify(jobs)}; logged: ${(await h.extensionErrors()).slice(-5).join(' | ')}`);
  }
}

/** The headline journey: carts of red and striped things on shops A and B, then shop C, never used. */
export async function cartThenNewShop(h: Harness): Promise<{ tab: Tab; top5: Product[]; baseRate: number }> {
  const [a, b, c] = [SHOPS[0]!, SHOPS[1]!, SHOPS[2]!];
  const granted = new Set(((await h.dump()).sites as { site: string; granted: boolean }[]).filter((s) => s.granted).map((s) => s.site));
  for (const shop of [a, b]) await cartOn(h, shop, redAndStriped(h, shop), { granted: granted.has(shop.host) });
  await embeddedSite(h, a.host);
  await embeddedSite(h, b.host);
  const tab = await h.shopTab(c.id, '/');
  await h.grant(tab);
  const top5 = await truthOf(h, (await finalPicks(h, tab)).slice(0, 5));
  const listed = h.shops.catalog.filter((p) => p.shop === c.id).slice(0, 24);
  const baseRate = listed.filter(taste).length / listed.length;
  console.log(`[${h.browser}] shop C: top 5 ${top5.map((p) => `${p.colour}/${p.pattern}/${p.category}`).join(', ')}; base rate ${baseRate.toFixed(2)}`);
  return { tab, top5, baseRate };
}

/** The extension's messages in `lang` (`public/_locales`): what a scenario clicks and waits for, in
 * the language the browser shows. */
export type Messages = Record<string, { message: string }>;
export const messagesIn = (lang: string): Messages => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;

/**
 * A shipped build has no model until the shopper downloads one from the options page: this does it
 * from `hubUrl` (a local hub serving the test model), answering the browser's permission prompt.
 * `words`: the options page's language (English unless the browser was started in another).
 */
export async function downloadModel(h: Harness, hubUrl: string, repo: string, words: Messages = messagesIn('en')): Promise<string> {
  const say = (key: string) => words[key]!.message;
  const options = await h.extensionPage('src/options/options.html');
  await options.clickText(say('dlWhereFrom'));
  await options.fill(say('dlHub'), hubUrl);
  await options.fill(say('dlModel'), repo);
  await options.clickText(say('dlDownload'));
  const prompt = await h.answerPermissionPrompt(true);
  try {
    await options.waitForText(say('dlDone').split('.')[0]!, 60_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}; the page says: ${(await options.evaluate<string>('[...document.querySelectorAll("[role=alert], progress, .error")].map((e) => e.textContent).join(" | ")'))}; errors: ${(await h.extensionErrors()).join(' | ')}`);
  }
  await options.close();
  return prompt;
}

const LANGUAGE_FILES: Record<BrowserName, (lang: string) => string> = {
  chromium: () => 'its locale files (Debian: apt-get install chromium-l10n)',
  firefox: (lang) => `its language pack (Debian: apt-get install firefox-esr-l10n-${lang})`,
};

/**
 * The browser as a shopper has it, ready for a journey: Firefox runs the shipped build (its prompt is
 * answered); Chromium runs the test build (its dialog cannot be answered). With `model`, a shipped
 * build first downloads the test model from a local hub, as a shopper would from the options page.
 * `lang`: the browser's UI language (the options page is then read in it).
 */
export async function shopperHarness(browser: BrowserName, opts: { model?: boolean; webgpu?: boolean; lang?: string } = {}): Promise<Harness> {
  const build = browser === 'firefox' ? 'shipped' : 'test';
  const h = await launch(browser, { build, webgpu: opts.webgpu, lang: opts.lang });
  if (opts.lang) {
    const ui = await h.inExtension<string>('async () => (globalThis.browser ?? chrome).i18n.getUILanguage()');
    if (!ui.startsWith(opts.lang)) {
      await h.close();
      throw new Error(`${browser}'s UI language is ${ui}, not ${opts.lang}: install ${LANGUAGE_FILES[browser](opts.lang)}`);
    }
  }
  if (build === 'test' || opts.model === false) return h;
  const root = mkdtempSync(join(tmpdir(), 'carryover-hub-model-'));
  writeTestModel(join(root, TEST_MODEL_NAME));
  const hub = await startHub(TEST_MODEL_REPO, join(root, TEST_MODEL_NAME));
  const close = h.close.bind(h);
  h.close = async () => {
    await close();
    await hub.close();
    rmSync(root, { recursive: true, force: true });
  };
  try {
    await downloadModel(h, hub.url.replace('127.0.0.1', 'hub.localhost'), TEST_MODEL_REPO, messagesIn(opts.lang ?? 'en'));
  } catch (e) {
    await h.close();
    throw e;
  }
  return h;
}
