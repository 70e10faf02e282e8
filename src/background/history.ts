// The history for the options page: every captured product with its shop, price, interactions and
// dates, filtered by words, shop and interaction type; and deleting products with all they carry.
import type { EventType } from '../shared/schemas.ts';
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
}

export interface HistoryQuery { text?: string; site?: string; type?: EventType; engaged?: boolean }

/** Seen, not done: a product in a listing or in the picks. Everything else is the shopper's doing. */
const PASSIVE: ReadonlySet<EventType> = new Set(['impression', 'rec_impression']);
const engagedWith = (c: Partial<Record<EventType, number>> | undefined) => !!c && Object.keys(c).some((k) => !PASSIVE.has(k as EventType));

export async function historyRows(q: HistoryQuery, given?: Db): Promise<{ total: number; rows: HistoryRow[]; sites: string[] }> {
  const d = given ?? (await db());
  const [items, events] = await Promise.all([d.getAll('items'), d.getAll('events')]);
  const counts = new Map<string, Partial<Record<EventType, number>>>();
  for (const e of events) {
    const c = counts.get(e.itemId) ?? counts.set(e.itemId, {}).get(e.itemId)!;
    c[e.type] = (c[e.type] ?? 0) + 1;
  }
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const rows = items
    .filter((i) => (!q.site || i.site === q.site) && (!q.type || counts.get(i.id)?.[q.type]) && (!q.engaged || engagedWith(counts.get(i.id))))
    .filter((i) => words.every((w) => `${i.title} ${i.brand ?? ''} ${i.site}`.toLowerCase().includes(w)))
    .sort((a, b) => b.lastSeen - a.lastSeen)
    .map((i): HistoryRow => ({
      id: i.id, title: i.title, site: i.site, url: i.url, price: i.price, currency: i.currency, imageUrl: i.imageUrl,
      events: counts.get(i.id) ?? {}, firstSeen: i.firstSeen, lastSeen: i.lastSeen,
    }));
  return { total: items.length, rows, sites: [...new Set(items.map((i) => i.site))].sort() };
}

export async function deleteItems(ids: readonly string[]): Promise<{ items: number; events: number }> {
  const tx = (await db()).transaction([...ITEM_STORES], 'readwrite');
  let events = 0;
  for (const id of ids) events += await removeItem(tx, id);
  await tx.done;
  return { items: ids.length, events };
}
