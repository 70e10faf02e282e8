// How the tests see what Carryover does in a shop's tab, without anything the page could see:
// - the sidebar is read inside its frame (an extension page; Playwright reaches cross-origin
//   frames, the shop's page cannot), found by its path under the extension's scheme;
// - the page's kind and timings are asked of the content script through the extension's own
//   messaging (`capture/status`, sent from the background), never read from the page's DOM.
// One module for every caller, so that the Firefox harness has one thing to port.
import type { Frame, Page } from 'playwright-core';
import type { CaptureStatus } from '../../src/shared/messages.ts';
import type { Harness } from './harness.ts';

const FRAME = /^(chrome|moz)-extension:\/\/[^/]+\/src\/sidebar\/frame\.html/;

/** The sidebar's frame in `page`, if one is mounted. */
export function sidebarFrame(page: Page): Frame | undefined {
  return page.frames().find((f) => FRAME.test(f.url()));
}

export interface SidebarView {
  /** Item ids of the picks, in rank order (empty when no sidebar is shown). */
  picks(): Promise<string[]>;
  /** The `src` of each pick's photo, in rank order ('' where there is none). */
  photos(): Promise<string[]>;
  /** Clicks the button or link with this text on the card of `itemId` (or anywhere, without). */
  click(text: string, itemId?: string): Promise<void>;
  /** The sidebar's text. */
  text(): Promise<string>;
  close(): Promise<void>;
}

const exact = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** Reads and clicks the sidebar as a person sees it, inside its frame. */
export async function sidebarOf(page: Page): Promise<SidebarView> {
  const inFrame = async <T>(empty: T, f: (frame: Frame) => Promise<T>): Promise<T> => {
    const frame = sidebarFrame(page);
    if (!frame || frame.isDetached()) return empty;
    try {
      return await f(frame);
    } catch (e) {
      // The frame went away under us (the page navigated, the sidebar was closed): nothing shown.
      if (frame.isDetached()) return empty;
      throw e;
    }
  };
  return {
    picks: () => inFrame<string[]>([], (f) => f.locator('li[data-item-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id')!))),
    photos: () => inFrame<string[]>([], (f) => f.locator('li[data-item-id]').evaluateAll((els) => els.map((e) => e.querySelector('img')?.getAttribute('src') ?? ''))),
    async click(text, itemId) {
      const frame = sidebarFrame(page);
      if (!frame) throw new Error('no sidebar frame in the page');
      const scope = itemId ? frame.locator(`li[data-item-id="${itemId}"]`) : frame.locator('body');
      const control = scope.locator('button, a').filter({ hasText: exact(text) }).first();
      if (!(await control.count())) throw new Error(`no "${text}" control in the sidebar${itemId ? ` on card ${itemId}` : ''}`);
      await control.click();
    },
    text: () => inFrame('', (f) => f.locator('body').innerText()),
    close: async () => {},
  };
}

/** What the content script in `page`'s tab saw on this page view; undefined where none runs. */
export async function pageStatus(h: Harness, page: Page): Promise<CaptureStatus | undefined> {
  const tabId = await h.tabIdOf(page);
  return (await h.sw()).evaluate(async (id) => {
    try {
      return (await chrome.tabs.sendMessage(id, { type: 'capture/status' }, { frameId: 0 })) as CaptureStatus | undefined;
    } catch (e) {
      // "Receiving end does not exist": no content script in the tab (no consent, or torn down).
      if (/Receiving end does not exist|Could not establish connection/.test(String(e))) return undefined;
      throw e;
    }
  }, tabId);
}

/** The kind the content script read the current page as; undefined where none runs. */
export async function kindOf(h: Harness, page: Page): Promise<string | undefined> {
  const s = await pageStatus(h, page);
  return s && s.url === page.url() ? s.kind : undefined;
}

async function until<T>(what: string, timeoutMs: number, f: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await f().catch((e: unknown) => {
      // The tab is between two documents (tabIdOf finds no tab at the page's URL yet): ask again.
      if (/expected one tab/.test(String(e))) return undefined;
      throw e;
    });
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until the content script has read the current page as `kind`. */
export async function waitForKind(h: Harness, page: Page, kind: string, timeoutMs = 15_000): Promise<void> {
  await until(`the page to be read as ${kind}`, timeoutMs, async () => ((await kindOf(h, page)) === kind ? true : undefined));
}

/** Milliseconds from reading the page to its products sent and its listeners set. */
export async function captureMs(h: Harness, page: Page): Promise<number> {
  return until('the page to be read', 15_000, async () => (await pageStatus(h, page))?.captureMs);
}

/** Milliseconds from the page's start to ranked picks on screen in the sidebar's frame. */
export async function sidebarMs(h: Harness, page: Page, timeoutMs = 30_000): Promise<number> {
  return until('ranked picks on screen', timeoutMs, async () => (await pageStatus(h, page))?.sidebarMs);
}
