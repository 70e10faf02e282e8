// Answers for the sidebar's frame: an extension page inside a consented shop's tab. The shop is the
// tab's (never the payload's), the frame must hold its mount's token, and what goes back to the
// holder in the page is the frame's state and box only: the picks stay in the frame.
import browser from 'webextension-polyfill';
import type { BackgroundToContent, SidebarMessage } from '../shared/messages.ts';
import { siteOf } from '../shared/site.ts';
import { t } from '../shared/i18n.ts';
import type { HandlerTable, Sender } from './router.ts';
import { isCapturing } from './consent.ts';
import { db } from './db.ts';
import { itemIdFor } from './capture-store.ts';
import { reportError } from './log.ts';
import { setBadge } from './badge.ts';
import { recommend } from './recommend.ts';
import { SIDEBAR_PICKS } from '../rec/rank.ts';
import { shopNames } from './shop-names.ts';
import { setSidebarTab, sidebarTabFor, type SidebarTab } from './sidebar-tabs.ts';
import { maybeTrain } from './training.ts';
import { promoteEngaged } from './catalogue/prune.ts';
import { crawlStatus, startCrawl, stopCrawl } from './catalogue/run.ts';
import { getSetting } from './settings.ts';

/** The tab's record, for a frame of a shop Carryover is reading now. */
async function frameTab(sender: Sender, token: string): Promise<SidebarTab & { tabId: number }> {
  const url = sender.tab?.url;
  if (!url || !/^https?:/.test(url)) throw new Error(t('errShopOnly'));
  const rec = await sidebarTabFor(sender.tab?.id, token);
  if (rec.site !== siteOf(url) || !(await isCapturing(rec.site))) throw new Error(t('errNotReading'));
  return { ...rec, tabId: sender.tab!.id! };
}

export const sidebarHandlers = {
  'sidebar/get': async (m, sender) => {
    const tab = await frameTab(sender, m.token);
    const ids = await Promise.all(tab.pageUrls.map(itemIdFor));
    const result = await recommend(tab.site, ids, SIDEBAR_PICKS, Date.now());
    // The options page's default, once the shopper chose it: a new shop's catalogue is read unasked.
    if (result.newShop && (await getSetting('catalogueAuto')) && (await crawlStatus(tab.site)).status === 'none') {
      startCrawl(tab.site, new URL(sender.tab!.url!).origin).catch((e) => reportError('catalogue', e));
    }
    if (result.items.length && tab.state !== 'closed') setBadge(tab.tabId, { kind: 'picks', count: result.items.length }).catch((e) => reportError('badge', e));
    // Training runs after the answer, off the page's path; it decides for itself whether it is due.
    maybeTrain().catch((e) => reportError('training', e));
    return { shop: (await shopNames(await db()))(tab.site), site: tab.site, state: tab.state, result };
  },
  'sidebar/feedback': async (m, sender) => {
    const tab = await frameTab(sender, m.token);
    const d = await db();
    // A pick from the shop's catalogue is a candidate, not history: being shown records nothing;
    // acting on it makes it one of the shopper's items.
    if (!(await d.getKey('items', m.itemId)) && (await d.getKey('catalogue', m.itemId))) {
      if (m.action === 'impression') return { stored: false };
      await promoteEngaged(d, m.itemId, tab.site);
    }
    const item = await d.get('items', m.itemId);
    // Only products of this very shop can be acted on from its pages.
    if (!item || item.site !== tab.site) throw new Error(t('errNoSuchProduct'));
    const type = ({ impression: 'rec_impression', click: 'rec_click', like: 'like', dismiss: 'dismiss' } as const)[m.action];
    const eventId = await d.add('events', { itemId: item.id, site: tab.site, type, ts: Date.now() });
    return { stored: true, eventId };
  },
  'sidebar/undo': async (m, sender) => {
    const tab = await frameTab(sender, m.token);
    const d = await db();
    // Only the "not for me" of this product on this shop can be taken back, never other history.
    const events = await Promise.all(m.eventIds.map((id) => d.get('events', id)));
    if (events.some((e) => !e || e.type !== 'dismiss' || e.itemId !== m.itemId || e.site !== tab.site)) throw new Error(t('errNothingToUndo'));
    const tx = d.transaction('events', 'readwrite');
    await Promise.all([...m.eventIds.map((id) => tx.store.delete(id)), tx.done]);
    return { undone: m.eventIds.length };
  },
  'sidebar/catalogue': async (m, sender) => {
    const tab = await frameTab(sender, m.token);
    if (m.action === 'start') await startCrawl(tab.site, new URL(sender.tab!.url!).origin);
    if (m.action === 'stop') await stopCrawl(tab.site);
    return crawlStatus(tab.site);
  },
  'sidebar/state': async (m, sender) => {
    const tab = await frameTab(sender, m.token);
    const { tabId, ...rec } = tab;
    await setSidebarTab(tabId, { ...rec, state: m.state });
    if (m.byShopper) {
      const d = await db();
      const site = await d.get('sites', tab.site);
      if (site) await d.put('sites', { ...site, sidebar: m.state });
    }
    const layout: BackgroundToContent = { type: 'sidebar/layout', token: m.token, state: m.state, width: m.width, height: m.height, shownAt: m.shownAt };
    // The holder is the content script in the tab's top frame.
    await browser.tabs.sendMessage(tabId, layout, { frameId: 0 });
    return true;
  },
} satisfies HandlerTable<SidebarMessage>;
