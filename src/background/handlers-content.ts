// Answers for content scripts. The site is always taken from the sender (the tab's real URL),
// never from the payload, and nothing is stored for a site without consent or while paused.
import type { ContentMessage } from '../shared/messages.ts';
import { siteOf } from '../shared/site.ts';
import { normaliseProduct } from '../shared/normalise-product.ts';
import type { PageKind, Product } from '../shared/schemas.ts';
import type { HandlerTable, Sender } from './router.ts';
import { recordEvent, recordPage } from './capture-store.ts';
import { isNewShop } from './recommend.ts';
import { dropSidebarTab, setSidebarTab } from './sidebar-tabs.ts';
import { isCapturing } from './consent.ts';
import { db } from './db.ts';
import { queueItems } from './embedding.ts';
import { logFailure, reportError } from './log.ts';
import { setBadge } from './badge.ts';
import { noteWritten } from './storage-health.ts';
import { extractElsewhere } from './ml-host.ts';

function normaliseAll(raw: readonly unknown[]): { kept: Product[]; dropped: number } {
  const kept = raw.map(normaliseProduct).filter((p): p is Product => !!p);
  return { kept, dropped: raw.length - kept.length };
}

export function senderSite(sender: Sender): string {
  const url = sender.url ?? sender.tab?.url;
  if (!url || !/^https?:/.test(url)) throw new Error('content message from a page that is not http(s)');  // not shown to the shopper
  return siteOf(url);
}

export async function capturingSite(sender: Sender): Promise<string | undefined> {
  const site = senderSite(sender);
  return (await isCapturing(site)) ? site : undefined;
}

/** What a page shows, stored: its products one by one (one odd field costs that field, not the
 * page), its events under the page view's id; then the new products queued for the model. */
async function storePage(site: string, kind: PageKind, raw: readonly unknown[], view: string | undefined, at = Date.now()) {
  const products = normaliseAll(raw);
  const page = await recordPage(await db(), site, kind, products.kept, at, view);
  noteWritten();
  if (products.dropped || page.refused) {
    await logFailure('warn', `content:${site}`, `${kind} page: ${products.dropped} products without a usable URL or title, ${page.refused} not on ${site}; the others were kept`);  // not shown to the shopper
  }
  // Embedding runs after the answer: the page is not kept waiting for the model.
  queueItems(page.ids, { page: true }).catch((e) => reportError('queue items', e));
  return { items: page.items, events: page.events };
}

export const contentHandlers = {
  'capture/extract': async (m, sender) => {
    // Read only for a page being captured: a paused or forgotten site's markup is not parsed.
    const site = await capturingSite(sender);
    if (!site) return { page: undefined };
    const page = await extractElsewhere({ html: m.html, images: m.images, imageCount: m.imageCount }, m.url, m.budgetMs);
    // Stored as seen when the snapshot was taken (a choice made on the next page while this one
    // was read comes after it), within the last minute whatever the page says.
    const now = Date.now();
    if (m.store) await storePage(site, page.kind, page.products, m.view, Math.min(now, Math.max(now - 60_000, m.at)));
    return { page };
  },
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
    return { stored: true, ...(await storePage(site, m.kind, m.products, m.view)) };
  },
  'capture/event': async (m, sender) => {
    const site = await capturingSite(sender);
    if (!site) return { stored: false };
    const product = normaliseProduct(m.product);
    if (!product) return { stored: false };
    const { stored, id } = await recordEvent(await db(), site, m.event, product, m.value, Date.now(), m.view);
    noteWritten();
    if (id) queueItems([id], { page: true }).catch((e) => reportError('queue items', e));
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
