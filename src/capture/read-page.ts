// How the content script reads the page it is on: handed off the shop's main thread when it can be
// (extract/hand-off.ts; the page pays for a snapshot of its markup; with `store`, the background
// also stores what it reads there, so a page the shopper leaves at once is still kept), in the page
// itself otherwise (a page over MAX_PAGE_HTML, or a background that did not answer), as it did
// before.
import { MAX_PAGE_HTML } from '../shared/messages.ts';
import { extractPage, type PageExtraction } from './extract/index.ts';
import { snapshotOf } from './extract/hand-off.ts';
import { report, send } from './channel.ts';

export interface PageReadResult {
  page: PageExtraction;
  /** 'hand-off': read by the background (and stored, if asked); 'page': read here, not stored. */
  by: 'hand-off' | 'page';
}

/** The page read under `budgetMs` for page view `view`; undefined when the background says this
 * site is not captured. */
export async function readPage(doc: Document, url: string, budgetMs: number, view: string, store: boolean): Promise<PageReadResult | undefined> {
  const snapshot = snapshotOf(doc);
  if (snapshot.html.length <= MAX_PAGE_HTML) {
    try {
      // Not retried for long: a page read in the page now is better than one read in half a minute.
      const reply = await send<{ page?: PageExtraction }>({ type: 'capture/extract', url, view, store, at: Date.now(), budgetMs, ...snapshot }, HAND_OFF_RETRY_MS);
      if (reply) return reply.page && { page: reply.page, by: 'hand-off' };
      report(new Error('the background did not answer the hand-off of this page; it was read in the page'));  // not shown to the shopper
    } catch (e) {
      report(e);
    }
  }
  return { page: extractPage(doc, url, { budgetMs }), by: 'page' };
}

/** The background may be starting (a stopped service worker or event page): a few quick tries. */
const HAND_OFF_RETRY_MS = [100, 250, 500, 1000];
