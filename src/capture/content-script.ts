// The content script, injected only into sites the shopper has granted. It reads the page, sends
// what it found to the background and listens for interactions until told to stop (consent
// revoked, capture paused) or the page navigates (history API in single-page shops).
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { BackgroundToContentSchema, type BackgroundToContent, type CaptureStatus } from '../shared/messages.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { shopName, siteOf } from '../shared/site.ts';
import { HOLDER_TAG, mountHolder, mountState, type SidebarHolder } from '../sidebar/holder.ts';
import { readPage } from './read-page.ts';
import { normaliseProduct } from '../shared/normalise-product.ts';
import type { Product } from '../shared/schemas.ts';
import { LIMITS } from './extract/types.ts';
import { report, send } from './channel.ts';
import { newViewId } from '../shared/view-id.ts';
import { holdClicks, trackCardClicks, trackDwell, trackProductActions } from './signals.ts';
import { watchListing } from './listing-watch.ts';

declare global {
  interface Window {
    __carryoverCapture?: { stop(): void };
  }
}

let holder: SidebarHolder | undefined;
let lastPage: { urls: string[]; signal: AbortSignal } | undefined;
/** What this page view got to; answered to the extension (capture/status), never written into the page. */
let status: CaptureStatus = { url: location.href };

/** One page view: extract, send, listen; everything hangs off `signal`. */
async function capturePage(signal: AbortSignal): Promise<void> {
  const started = performance.now();
  status = { url: location.href };
  // Read off the shop's main thread where it can be (read-page.ts), bounded either way: a huge page
  // stops cleanly with what was found (issue 12.13).
  // The view id makes a retried send, or a listing read again, count once.
  const view = newViewId();
  // The shopper's clicks while the page is being read are counted once its products are known.
  const early = holdClicks(signal);
  const read = await readPage(document, location.href, LIMITS.pageBudgetMs, view, true);
  const held = early.take();
  if (signal.aborted) return;
  // The site stopped being captured meanwhile (paused, consent withdrawn): as capture/state says so.
  if (!read) return window.__carryoverCapture?.stop();
  const { page } = read;
  // Normalised here and again in the background.
  const products = page.products.map(normaliseProduct).filter((p): p is Product => !!p);
  // Read in the page (the fallback): sent now. Handed off: the background has stored it already.
  if (read.by === 'page') await send({ type: 'capture/page', url: location.href, view, kind: page.kind, products });
  const main = page.products[0];
  if (page.kind === 'product' && main) {
    trackDwell(main, signal);
    trackProductActions(main, signal, held);
  } else if (page.kind === 'listing') {
    trackCardClicks(page.products, signal, held);
    // Cards the shop adds later (infinite scroll, a grid rendered after load) belong to the same
    // page view: same view id, so the background counts each product's impression once.
    watchListing(document, () => location.href, {
      signal, seen: page.products.map((p) => p.url), cut: page.cut, ignore: (el) => el.tagName === HOLDER_TAG,
      // Read again without storing: only the products new to this view are sent, below.
      read: async (budgetMs) => (await readPage(document, location.href, budgetMs, view, false))?.page,
      onError: report,
      onAdded: (added) => {
        const more = added.map(normaliseProduct).filter((p): p is Product => !!p);
        if (!more.length || signal.aborted) return;
        trackCardClicks(added, signal);
        send({ type: 'capture/page', url: location.href, view, kind: 'listing', products: more }).catch(report);
      },
    });
  }
  status = { ...status, kind: page.kind, captureMs: Math.round(performance.now() - started), readBy: read.by };
  lastPage = { urls: products.map((p) => p.url), signal };
  holder?.remove();
  holder = undefined;
  // Picks for this shop beside its listings and product pages (not in the basket or at checkout).
  if (page.kind === 'listing' || page.kind === 'product') await showSidebar();
}

/** Asks the background whether (or, with `state`, tells it how) the sidebar shows, and mounts its
 * holder; the picks go straight from the background to the frame. */
async function showSidebar(state?: SidebarState): Promise<void> {
  const page = lastPage;
  if (!page || page.signal.aborted) return;
  const reply = await send<{ state: SidebarState; token?: string }>({ type: 'sidebar/show', pageUrls: page.urls, pageStart: performance.timeOrigin, state });
  if (page.signal.aborted || page !== lastPage) return;
  holder?.remove();
  holder = undefined;
  const shown = mountState(reply?.state ?? 'closed', state !== undefined, innerWidth);
  status = { ...status, sidebar: shown };
  if (reply?.token && shown !== 'closed') holder = mountHolder(reply.token, shown, shopName(siteOf(location.href)), page.signal);
}

function onLayout(msg: Extract<BackgroundToContent, { type: 'sidebar/layout' }>): void {
  if (!holder || holder.token !== msg.token) return;
  holder.layout(msg.state, msg.width, msg.height);
  if (msg.state === 'closed') holder = undefined;
  status = { ...status, sidebar: msg.state };
  // The first ranked picks on screen: from the page's start (both clocks are epoch-based).
  if (msg.shownAt !== undefined && status.sidebarMs === undefined) status.sidebarMs = Math.round(msg.shownAt - performance.timeOrigin);
}

function toggleSidebar(toggle: boolean): Promise<void> {
  const open = holder?.state === 'open';
  if (open && !toggle) return Promise.resolve();
  return showSidebar(open ? 'collapsed' : 'open');
}

function start(): void {
  // Injected twice (registered script + injection into an open tab): the first one stays.
  if (window.__carryoverCapture) return;
  const life = new AbortController();
  let view = new AbortController();
  const stop = () => {
    view.abort();
    life.abort();
    delete window.__carryoverCapture;
    holder = undefined;
    lastPage = undefined;
  };
  window.__carryoverCapture = { stop };

  const onMessage = (raw: unknown): Promise<unknown> | undefined => {
    const msg = v.safeParse(BackgroundToContentSchema, raw);
    if (!msg.success) return undefined;
    const m = msg.output;
    if (m.type === 'capture/stop') stop();
    else if (m.type === 'capture/status') return Promise.resolve(status);
    else if (m.type === 'sidebar/layout') onLayout(m);
    else toggleSidebar(m.type === 'sidebar/toggle').catch(report);
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);
  life.signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(onMessage));

  const run = () => {
    view.abort();
    view = new AbortController();
    const signal = view.signal;
    send<{ capture: boolean }>({ type: 'capture/state' })
      .then((state) => (state?.capture ? capturePage(signal) : stop()))
      .catch(report);
  };

  // Single-page shops change the URL with the history API; each new URL is a new page view.
  let lastUrl = location.href;
  const onNavigate = () => {
    if (location.href === lastUrl) return;
    lastUrl = location.href;
    // Let the shop render the new view first.
    setTimeout(() => !life.signal.aborted && run(), 300);
  };
  window.addEventListener('popstate', onNavigate, { signal: life.signal });
  const nav = (window as { navigation?: EventTarget }).navigation;
  if (nav) nav.addEventListener('navigatesuccess', onNavigate, { signal: life.signal });
  else {
    const timer = setInterval(onNavigate, 1000);
    life.signal.addEventListener('abort', () => clearInterval(timer));
  }
  run();
}

try {
  start();
} catch (e) {
  report(e);
}
