// The orders the history can be listed in. The background lists newest first; the page sorts what it
// was given (10,000 rows sort in milliseconds), so a change of order asks the background nothing.
export const HISTORY_ORDERS = ['newest', 'oldest', 'most', 'title', 'shop'] as const;
export type HistoryOrder = (typeof HISTORY_ORDERS)[number];

interface Sortable { title: string; site: string; lastSeen: number; events: Partial<Record<string, number>> }

const interactions = (r: Sortable) => Object.values(r.events).reduce<number>((a, n) => a + (n ?? 0), 0);

/** A new array in that order; ties keep the newest first. `shopOf`: the name a shop is shown by
 * (its own, else its host), so that "Shop, A to Z" follows what the list says. */
export function sortHistory<T extends Sortable>(rows: readonly T[], order: HistoryOrder, locale?: string, shopOf: (site: string) => string = (s) => s): T[] {
  const newest = (a: T, b: T) => b.lastSeen - a.lastSeen;
  const text = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const by: Record<HistoryOrder, (a: T, b: T) => number> = {
    newest,
    oldest: (a, b) => a.lastSeen - b.lastSeen,
    most: (a, b) => interactions(b) - interactions(a) || newest(a, b),
    title: (a, b) => text.compare(a.title, b.title) || newest(a, b),
    shop: (a, b) => text.compare(shopOf(a.site), shopOf(b.site)) || newest(a, b),
  };
  return [...rows].sort(by[order]);
}
