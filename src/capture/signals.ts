// Interaction signals on a page: dwell while the tab is visible, add-to-cart and wishlist clicks,
// clicks on product cards, counted only when the shopper made them (isTrusted). Every listener hangs off the AbortSignal, so stopping is one abort().
import type { Product } from '../shared/schemas.ts';
import { ADD_TO_CART, controlText, WISHLIST } from './extract/heuristics.ts';
import { report, send } from './channel.ts';
import { newViewId } from '../shared/view-id.ts';

/** Dwell shorter than this is a glance, not interest. */
export const MIN_DWELL_S = 2;

export function trackDwell(product: Product, signal: AbortSignal): void {
  let visibleSince = document.visibilityState === 'visible' ? performance.now() : undefined;
  let total = 0;
  const flush = () => {
    if (visibleSince !== undefined) total += (performance.now() - visibleSince) / 1000;
    visibleSince = undefined;
    if (total >= MIN_DWELL_S) {
      send({ type: 'capture/event', view: newViewId(), event: 'dwell', product, value: Math.round(total) }).catch(report);
      total = 0;
    }
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') visibleSince = performance.now();
    else flush();
  }, { signal });
  window.addEventListener('pagehide', flush, { signal });
  // Navigating away inside a single-page app also ends the dwell.
  signal.addEventListener('abort', flush, { once: true });
}

/** What a click was on, read when it happened (the page may change after): a cart or wishlist
 * control, a link. Undefined for a click a page script made (not interest). */
export interface Click {
  action?: 'cart' | 'wishlist';
  href?: string;
}

function clickOf(e: Event): Click | undefined {
  // Only the shopper's own clicks: a page script's el.click() on a hidden button is not interest.
  if (!e.isTrusted) return undefined;
  const target = e.target as Element | null;
  const control = target?.closest?.('button, input[type="submit"], input[type="button"], a, [role="button"]');
  const label = control ? controlText(control) : '';
  const action = ADD_TO_CART.test(label) ? 'cart' : WISHLIST.test(label) ? 'wishlist' : undefined;
  const a = target?.closest?.('a[href]') as HTMLAnchorElement | null | undefined;
  return { action, href: a?.href };
}

function onClicks(signal: AbortSignal, handle: (c: Click) => void): void {
  document.addEventListener('click', (e) => {
    const c = clickOf(e);
    if (c) handle(c);
  }, { capture: true, signal });
}

/** Holds the shopper's clicks from now until `take` (the page's products are known then): a click
 * on "Add to basket" while the page is still being read is counted, not lost. */
export function holdClicks(signal: AbortSignal): { take(): Click[] } {
  const held: Click[] = [];
  const stop = new AbortController();
  onClicks(AbortSignal.any([signal, stop.signal]), (c) => held.push(c));
  return {
    take() {
      stop.abort();
      return held.splice(0);
    },
  };
}

export function trackProductActions(product: Product, signal: AbortSignal, held: readonly Click[] = []): void {
  const count = (c: Click) => {
    if (c.action) send({ type: 'capture/event', view: newViewId(), event: c.action, product }).catch(report);
  };
  held.forEach(count);
  onClicks(signal, count);
}

export function trackCardClicks(products: Product[], signal: AbortSignal, held: readonly Click[] = []): void {
  const byUrl = new Map(products.map((p) => [p.url, p]));
  const count = (c: Click) => {
    const product = c.href ? byUrl.get(c.href) : undefined;
    if (product) send({ type: 'capture/event', view: newViewId(), event: 'click', product }).catch(report);
  };
  held.forEach(count);
  onClicks(signal, count);
}
