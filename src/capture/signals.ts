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

export function trackProductActions(product: Product, signal: AbortSignal): void {
  document.addEventListener('click', (e) => {
    // Only the shopper's own clicks: a page script's el.click() on a hidden button is not interest.
    if (!e.isTrusted) return;
    const control = (e.target as Element | null)?.closest?.('button, input[type="submit"], input[type="button"], a, [role="button"]');
    if (!control) return;
    const label = controlText(control);
    const event = ADD_TO_CART.test(label) ? 'cart' : WISHLIST.test(label) ? 'wishlist' : undefined;
    if (event) send({ type: 'capture/event', view: newViewId(), event, product }).catch(report);
  }, { capture: true, signal });
}

export function trackCardClicks(products: Product[], signal: AbortSignal): void {
  const byUrl = new Map(products.map((p) => [p.url, p]));
  document.addEventListener('click', (e) => {
    if (!e.isTrusted) return;
    const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
    const product = a ? byUrl.get(a.href) : undefined;
    if (product) send({ type: 'capture/event', view: newViewId(), event: 'click', product }).catch(report);
  }, { capture: true, signal });
}
