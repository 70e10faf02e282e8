// "Find similar in my shops" on images, only on shops the shopper allowed (documentUrlPatterns), kept
// in line with consent; a click opens the results page for that image.
import { t } from '../shared/i18n.ts';
import browser from 'webextension-polyfill';
import { hostsOfSite, patternsFor } from '../shared/site.ts';
import { db } from './db.ts';

export const MENU_ID = 'find-similar';

export async function syncContextMenu(): Promise<void> {
  const sites = (await (await db()).getAll('sites')).filter((s) => s.granted);
  await browser.contextMenus.removeAll();
  if (!sites.length) return;
  browser.contextMenus.create({
    id: MENU_ID,
    title: t('findSimilar'),
    contexts: ['image'],
    documentUrlPatterns: patternsFor(sites.flatMap((s) => hostsOfSite(s.site))),
  });
}

export function openSimilar(srcUrl: string): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL(`src/options/similar.html?src=${encodeURIComponent(srcUrl)}`) });
}
