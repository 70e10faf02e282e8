// Answers for content scripts. The site is always taken from the sender (the tab's real URL),
// never from the payload, and nothing is stored for a site without consent or while paused.
import type { ContentMessage } from '../shared/messages.ts';
import { siteOf } from '../shared/site.ts';
import type { HandlerTable, Sender } from './router.ts';
import { recordEvent, recordPage } from './capture-store.ts';
import { isNewShop } from './recommend.ts';
import { dropSidebarTab, setSidebarTab } from './sidebar-tabs.ts';
import { isCapturing } from './consent.ts';
import { db } from './db.ts';
import { queueItems } from './embedding.ts';
import { logFailure, reportError } from './log.ts';

export function senderSite(sender: Sender): string {
  const url = sender.url ?? sender.tab?.url;
  if (!url || !/^https?:/.test(url)) throw new Error('content message from a page that is not http(s)');
  return siteOf(url);
}

export async function capturingSite(sender: Sender): Promise<string | undefined> {
  const site = senderSite(sender);
  return (await isCapturing(site)) ? site : undefined;
}

export const contentHandlers = {
  'capture/state': async (_m, sender) => ({ capture: !!(await capturingSite(sender)) }),
  'capture/page': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const page = await recordPage(await db(), site, m.kind, m.products);
    // Embedding runs after the answer: the page is not kept waiting for the model.
    queueItems(page.ids).catch((e) => reportError('queue items', e));
    return { stored: true, items: page.items, events: page.events };
  },
  'capture/event': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const { stored, id } = await recordEvent(await db(), site, m.event, m.product, m.value);
    queueItems([id]).catch((e) => reportError('queue items', e));
    return { stored };
  },
  'sidebar/show': async (m, sender) => {
    const site = await capturingSite(sender);
    const tabId = sender.tab?.id;
    if (!site || tabId === undefined || sender.frameId) return { state: 'closed' as const };
    const d = await db();
    const rec = await d.get('sites', site);
    let state = m.state;
    if (state) {
      // Asked for by the shopper (popup, shortcut): remembered for this shop, as a click in it is.
      if (rec) await d.put('sites', { ...rec, sidebar: state });
    } else state = (await isNewShop(site)) ? rec?.sidebar ?? 'open' : 'closed';
    const token = crypto.randomUUID();
    if (state === 'closed') await dropSidebarTab(tabId);
    else await setSidebarTab(tabId, { token, site, pageUrls: m.pageUrls, pageStart: m.pageStart, state });
    return { state, token };
  },
  log: async (m, sender) => {
    await logFailure(m.level, `content:${senderSite(sender)}`, m.message);
    return true;
  },
} satisfies HandlerTable<ContentMessage>;
