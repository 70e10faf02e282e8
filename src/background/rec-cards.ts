// What of a ranking is shown to the shopper as picks, and how: weak matches are left out, and a
// sale's crossed-out price is kept as the shop showed it.
import type { Ranked } from '../rec/rank.ts';
import type { ItemRecord } from './schema.ts';

/** Below this (on the match scale, where the best pick is 1) a product is too weak a match to be
 * presented as a pick: a short list that means something beats a full one. */
export const MIN_MATCH = 0.35;

export const presentable = (ranked: readonly Ranked[]): Ranked[] => ranked.filter((r) => r.match >= MIN_MATCH);

/** The shop's former price, only where it is above the current one (a sale). */
export function salePriceOf(item: Pick<ItemRecord, 'price' | 'listPrice'>): number | undefined {
  return item.listPrice !== undefined && item.price !== undefined && item.listPrice > item.price ? item.listPrice : undefined;
}
