// Listings that grow after load (client-rendered grids, infinite scroll): products added to the page
// later are captured as they appear. A MutationObserver notes that elements were added; after the
// page has been quiet for `quietMs` (or at the latest `maxWaitMs` after the first change, so that a
// page that never stops changing is still read) the page is read again under the page budget, and
// only the products not seen before in this page view are handed on. Bounded: at most `maxReads`
// reads per page view, and nothing once the view's signal is aborted. A read the page's time budget
// cut short (a big listing on a busy machine) is followed by another once the page is quiet, with twice
// the budget each time (up to 8 times it), so a listing is read whole without one long block.
// Reads are one at a time: changes during a read schedule the next one.
import type { Product } from '../shared/schemas.ts';
import { extractPage, type PageExtraction } from './extract/index.ts';
import { LIMITS } from './extract/types.ts';

/** Reads the page under a time budget (ms); undefined when capture has stopped for this site. */
export type PageReader = (budgetMs: number) => Promise<PageExtraction | undefined>;

export interface ListingWatch {
  signal: AbortSignal;
  /** Products of this view already handed on (by URL). */
  seen: Iterable<string>;
  onAdded: (products: Product[]) => void;
  /** A read that failed (the page is left as it is; the next change reads again). */
  onError: (error: unknown) => void;
  /** Elements that are Carryover's own (the sidebar's holder): their changes are not the shop's. */
  ignore?: (el: Element) => boolean;
  /** The page view's first read stopped at the budget: read again when the page is quiet. */
  cut?: boolean;
  quietMs?: number;
  maxWaitMs?: number;
  maxReads?: number;
  /** How the page is read (the content script hands it off the page's thread); by default in the page. */
  read?: PageReader;
}

/** The most a re-read of a cut listing may spend, in page budgets. */
const MAX_BUDGET = 8;

export const WATCH_DEFAULTS = { quietMs: 400, maxWaitMs: 2000, maxReads: 40 } as const;

export function watchListing(doc: Document, pageUrl: () => string, w: ListingWatch): void {
  const Observer = doc.defaultView?.MutationObserver ?? globalThis.MutationObserver;
  const root = doc.body;
  if (!Observer || !root || w.signal.aborted) return;
  const quietMs = w.quietMs ?? WATCH_DEFAULTS.quietMs;
  const maxWaitMs = w.maxWaitMs ?? WATCH_DEFAULTS.maxWaitMs;
  let readsLeft = w.maxReads ?? WATCH_DEFAULTS.maxReads;
  const seen = new Set(w.seen);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChange: number | undefined;
  /** The next read's budget, in page budgets. */
  let budget = 1;
  const readPage: PageReader = w.read ?? (async (budgetMs) => extractPage(doc, pageUrl(), { budgetMs }));
  let reading = false;
  /** Changes came while a read was running: read again after it. */
  let changedMeanwhile = false;

  const read = async () => {
    timer = undefined;
    firstChange = undefined;
    if (w.signal.aborted || readsLeft <= 0) return;
    readsLeft--;
    reading = true;
    changedMeanwhile = false;
    let page: PageExtraction | undefined;
    try {
      page = await readPage(LIMITS.pageBudgetMs * budget);
    } finally {
      reading = false;
    }
    if (w.signal.aborted) return;
    if (!page) return void observer.disconnect();
    if (page.kind === 'listing') {
      const added = page.products.filter((p) => !seen.has(p.url));
      for (const p of added) seen.add(p.url);
      if (added.length) w.onAdded(added);
    }
    if (page.kind === 'listing' && page.cut && budget < MAX_BUDGET) {
      budget *= 2;
      schedule();
    } else {
      budget = 1;
      if (changedMeanwhile) schedule();
    }
    if (readsLeft <= 0) observer.disconnect();
  };
  const schedule = () => {
    if (reading) return void (changedMeanwhile = true);
    const now = Date.now();
    firstChange ??= now;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void read().catch(w.onError), Math.max(0, Math.min(quietMs, firstChange + maxWaitMs - now)));
  };

  const observer = new Observer((records) => {
    const shops = records.some((r) => [...r.addedNodes].some((n) => n.nodeType === 1 && !(w.ignore?.(n as Element))));
    if (shops) schedule();
  });
  observer.observe(root, { childList: true, subtree: true });
  if (w.cut) {
    budget = 2;
    schedule();
  }
  w.signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  }, { once: true });
}
