// The content script, injected only into sites the shopper has granted. It reads the page, sends
// what it found to the background and listens for interactions until told to stop (consent
// revoked, capture paused) or the page navigates (history API in single-page shops).
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { BackgroundToContentSchema } from '../shared/messages.ts';
import { shopName, siteOf } from '../shared/site.ts';
import { mountSidebar, type SidebarHandle } from '../sidebar/mount.tsx';
import { extractPage } from './extract/index.ts';
import { normaliseProduct } from '../shared/normalise-product.ts';
import type { Product } from '../shared/schemas.ts';
import { LIMITS } from './extract/types.ts';
import { report, send } from './channel.ts';
import { newViewId } from '../shared/view-id.ts';
import { trackCardClicks, trackDwell, trackProductActions } from './signals.ts';

declare global {
  interface Window {
    __carryoverCapture?: { stop(): void };
  }
}

let sidebar: SidebarHandle | undefined;
let lastPage: { urls: string[]; signal: AbortSignal } | undefined;

/** One page view: extract, send, listen; everything hangs off `signal`. */
async function capturePage(signal: AbortSignal): Promise<void> {
  const started = performance.now();
  // Bounded on the shop's main thread: a huge page stops cleanly with what was found (issue 12.13).
  const page = extractPage(document, location.href, { budgetMs: LIMITS.pageBudgetMs });
  if (signal.aborted) return;
  // Normalised here and again in the background; the view id makes a retried send count once.
  const products = page.products.map(normaliseProduct).filter((p): p is Product => !!p);
  await send({ type: 'capture/page', url: location.href, view: newViewId(), kind: page.kind, products });
  const main = page.products[0];
  if (page.kind === 'product' && main) {
    trackDwell(main, signal);
    trackProductActions(main, signal);
  } else if (page.kind === 'listing') trackCardClicks(page.products, signal);
  document.documentElement.dataset.carryoverKind = page.kind;
  document.documentElement.dataset.carryoverMs = String(Math.round(performance.now() - started));
  lastPage = { urls: products.map((p) => p.url), signal };
  sidebar = undefined;
  // Picks for this shop beside its listings and product pages (not in the basket or at checkout).
  if (page.kind === 'listing' || page.kind === 'product') sidebar = mountSidebar(shopName(siteOf(location.href)), lastPage.urls, signal, { started });
}

function showSidebar(toggle: boolean): void {
  if (sidebar) return toggle ? sidebar.toggle() : sidebar.open();
  if (lastPage && !lastPage.signal.aborted) sidebar = mountSidebar(shopName(siteOf(location.href)), lastPage.urls, lastPage.signal, { force: true });
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
    delete document.documentElement.dataset.carryoverKind;
  };
  window.__carryoverCapture = { stop };

  const onMessage = (raw: unknown) => {
    const msg = v.safeParse(BackgroundToContentSchema, raw);
    if (!msg.success) return;
    if (msg.output.type === 'capture/stop') stop();
    else showSidebar(msg.output.type === 'sidebar/toggle');
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
