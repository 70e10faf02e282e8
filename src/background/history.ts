// The history for the options page: every captured product with its shop, price, interactions and
// dates, filtered by words, shop and interaction type; under their own filter, the products read
// from shops' catalogues (candidates, not history); and deleting products with all they carry.
import type { EventType } from '../shared/schemas.ts';
import { removeCatalogueProduct } from './catalogue/store.ts';
import { ITEM_STORES, removeItem } from './capture-store.ts';
import { db, type Db } from './db.ts';

export interface HistoryRow {
  id: string;
  title: string;
  site: string;
  url: string;
  price?: number;
  currency?: string;
  imageUrl?: string;
  events: Partial<Record<EventType, number>>;
  firstSeen: number;
  lastSeen: number;
  /** Read from the shop's catalogue, never shown to the shopper: it has no interactions. */
  catalogue?: boolean;
}

/** `catalogue`: the products read from shops' catalogues instead (their own filter: not history). */
export interface HistoryQuery { text?: string; site?: string; type?: EventType; engaged?: boolean; catalogue?: boolean }

/** Seen, not done: a product in a listing or in the picks. Everything else is the shopper's doing. */
const PASSIVE: ReadonlySet<EventType> = new Set(['impression', 'rec_impression']);
const engagedWith = (c: Partial<Record<EventType, number>> | undefined) => !!c && Object.keys(c).some((k) => !PASSIVE.has(k as EventType));

/** The search's words, and whether a product's title, brand or shop holds every one of them. */
const wordsOf = (q: HistoryQuery) => (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
const matches = (words: readonly string[], p: { title: string; brand?: string; site: string }) =>
  words.every((w) => `${p.title} ${p.brand ?? ''} ${p.site}`.toLowerCase().includes(w));

export async function historyRows(q: HistoryQuery, given?: Db): Promise<{ total: number; rows: HistoryRow[]; sites: string[] }> {
  const d = given ?? (await db());
  if (q.catalogue) return catalogueRows(d, q);
  const [items, events] = await Promise.all([d.getAll('items'), d.getAll('events')]);
  const counts = new Map<string, Partial<Record<EventType, number>>>();
  for (const e of events) {
    const c = counts.get(e.itemId) ?? counts.set(e.itemId, {}).get(e.itemId)!;
    c[e.type] = (c[e.type] ?? 0) + 1;
  }
  const words = wordsOf(q);
  const rows = items
    .filter((i) => (!q.site || i.site === q.site) && (!q.type || counts.get(i.id)?.[q.type]) && (!q.engaged || engagedWith(counts.get(i.id))))
    .filter((i) => matches(words, i))
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .map((i): HistoryRow => ({
      id: i.id, title: i.title, site: i.site, url: i.url, price: i.price, currency: i.currency, imageUrl: i.imageUrl,
      events: counts.get(i.id) ?? {}, firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    }));
  return { total: items.length, rows, sites: [...new Set(items.map((i) => i.site))].sort() };
}

/** The catalogue products not also kept as items (those are in the history proper), by words and shop. */
async function catalogueRows(d: Db, q: HistoryQuery): Promise<{ total: number; rows: HistoryRow[]; sites: string[] }> {
  const tx = d.transaction(['catalogue', 'items']);
  const kept = new Set(await tx.objectStore('items').getAllKeys());
  const all = (await tx.objectStore('catalogue').getAll()).filter((c) => !kept.has(c.id));
  await tx.done;
  const words = wordsOf(q);
  const rows = all
    .filter((c) => (!q.site || c.site === q.site) && matches(words, c))
    .sort((a, b) => a.site.localeCompare(b.site) || a.rank - b.rank)
    .map((c): HistoryRow => ({
      id: c.id, title: c.title, site: c.site, url: c.url, price: c.price, currency: c.currency, imageUrl: c.imageUrl,
      events: {}, firstSeen: c.firstSeen, lastSeen: c.lastSeen, catalogue: true,
    }));
  return { total: all.length, rows, sites: [...new Set(all.map((c) => c.site))].sort() };
}

/** Deletes kept products with everything they carry, and catalogue products with their vectors. */
export async function deleteItems(ids: readonly string[], given?: Db): Promise<{ items: number; events: number }> {
  const d = given ?? (await db());
  const stores: ('catalogue' | (typeof ITEM_STORES)[number])[] = [...ITEM_STORES, 'catalogue'];
  const tx = d.transaction(stores, 'readwrite');
  let events = 0;
  for (const id of ids) {
    if (await tx.objectStore('items').getKey(id)) events += await removeItem(tx, id);
    else await removeCatalogueProduct(tx, id);
  }
  await tx.done;
  return { items: ids.length, events };
}
