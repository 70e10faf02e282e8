// What the sidebar of each tab is showing: which page view mounted it (its frame's token), the
// page's products and start, and its state. Kept in `storage.session` (the background may be
// stopped between the content script's question and the frame's), never where the page can read.
import browser from 'webextension-polyfill';
import type { SidebarState } from '../shared/schemas.ts';
import { t } from '../shared/i18n.ts';

export interface SidebarTab {
  token: string;
  site: string;
  pageUrls: string[];
  /** The page's time origin, epoch ms. */
  pageStart: number;
  state: SidebarState;
}

const key = (tabId: number) => `sidebarTab:${tabId}`;

export async function getSidebarTab(tabId: number): Promise<SidebarTab | undefined> {
  const k = key(tabId);
  return (await browser.storage.session.get(k))[k] as SidebarTab | undefined;
}

export async function setSidebarTab(tabId: number, rec: SidebarTab): Promise<void> {
  await browser.storage.session.set({ [key(tabId)]: rec });
}

export async function dropSidebarTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(key(tabId));
}

/** The tab's record if `token` is its current mount's; a stale or foreign frame gets nothing. */
export async function sidebarTabFor(tabId: number | undefined, token: string): Promise<SidebarTab> {
  const rec = tabId === undefined ? undefined : await getSidebarTab(tabId);
  if (!rec || rec.token !== token) throw new Error(t('errSidebarStale'));
  return rec;
}
