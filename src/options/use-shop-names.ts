// The shops' own names for the options pages (shop-label.tsx shows them).
import { useMemo } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { namesOf, NO_NAMES, type ShopNames } from './shop-label.tsx';

/** The shops' own names, loaded again when the page's data changes; none until they come (or if
 * they cannot: the hosts still name every shop). */
export function useShopNames(version: number): ShopNames {
  const [sites] = useLoad(() => ask({ type: 'sites/list' }), [version]);
  // The same map until the list is loaded again: the history sorts by it, and re-renders as it scrolls.
  return useMemo(() => (sites.state === 'ready' ? namesOf(sites.value) : NO_NAMES), [sites]);
}
