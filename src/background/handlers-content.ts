// Answers for content scripts. The site is always taken from the sender (the tab's real URL),
// never from the payload, and nothing is stored for a site without consent or while paused.
import type { ContentMessage } from '../shared/messages.ts';
import { siteOf } from '../shared/site.ts';
import { normaliseProduct } from '../shared/normalise-product.ts';
import type { Product } from '../shared/schemas.ts';
import type { HandlerTable, Sender } from './router.ts';
import { itemIdFor, recordEvent, recordPage } from './capture-store.ts';
import { recommend } from './recommend.ts';
import { maybeTrain } from './training.ts';
import { isCapturing } from './consent.ts';
import { db } from './db.ts';
import { queueItems } from './embedding.ts';
import { logFailure, reportError } from './log.ts';
import { setBadge } from './badge.ts';
import { noteWritten } from './storage-health.ts';

function normaliseAll(raw: readonly unknown[]): { kept: Product[]; dropped: number } {
  const kept = raw.map(normaliseProduct).filter((p): p is Product => !!p);
  return { kept, dropped: raw.length - kept.length };
}

function senderSite(sender: Sender): string {
  const url = sender.url ?? sender.tab?.url;
  if (!url || !/^https?:/.test(url)) throw new Error('content message from a page that is not http(s)');
  return siteOf(url);
}

async function capturingSite(sender: Sender): Promise<string | undefined> {
  const site = senderSite(sender);
  return (await isCapturing(site)) ? site : undefined;
}

export const contentHandlers = {
  'capture/state': async (_m, sender) => {
    const site = senderSite(sender);
    const capture = await isCapturing(site);
    // The content script runs only on consented shops: not capturing there means paused.
    setBadge(sender.tab?.id, { kind: capture ? 'learning' : 'paused' }).catch((e) => reportError('badge', e));
    return { capture };
  },
  'capture/page': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const products = normaliseAll(m.products);
    const page = await recordPage(await db(), site, m.kind, products.kept, Date.now(), m.view);
    noteWritten();
    if (products.dropped || page.refused) {
      await logFailure('warn', `content:${site}`, `${m.kind} page: ${products.dropped} products without a usable URL or title, ${page.refused} not on ${site}; the others were kept`);
    }
    // Embedding runs after the answer: the page is not kept waiting for the model.
    queueItems(page.ids).catch((e) => reportError('queue items', e));
    return { stored: true, items: page.items, events: page.events };
  },
  'capture/event': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const product = normaliseProduct(m.product);
    if (!product) return { stored: false };
    const { stored, id } = await recordEvent(await db(), site, m.event, product, m.value, Date.now(), m.view);
    noteWritten();
    if (id) queueItems([id]).catch((e) => reportError('queue items', e));
    return { stored };
  },
  'rec/get': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return undefined;
    const result = await recommend(site, await Promise.all(m.pageUrls.map(itemIdFor)), 8, Date.now(), { onlyIfNew: !m.all });
    const rec = await (await db()).get('sites', site);
    if (result.items.length && rec?.sidebar !== 'closed') setBadge(sender.tab?.id, { kind: 'picks', count: result.items.length }).catch((e) => reportError('badge', e));
    // Training runs after the answer, off the page's path; it decides for itself whether it is due.
    maybeTrain().catch((e) => reportError('training', e));
    return { ...result, sidebar: rec?.sidebar };
  },
  'rec/feedback': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const d = await db();
    const item = await d.get('items', m.itemId);
    // Only products of this very shop can be acted on from its pages.
    if (!item || item.site !== site) throw new Error('no such product on this shop');
    const type = ({ impression: 'rec_impression', click: 'rec_click', like: 'like', dismiss: 'dismiss' } as const)[m.action];
    await d.add('events', { itemId: item.id, site, type, ts: Date.now() });
    return { stored: true };
  },
  'rec/sidebar': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return false;
    const d = await db();
    const rec = await d.get('sites', site);
    if (rec) await d.put('sites', { ...rec, sidebar: m.state });
    return true;
  },
  log: async (m, sender) => {
    await logFailure(m.level, `content:${senderSite(sender)}`, m.message);
    return true;
  },
} satisfies HandlerTable<ContentMessage>;
