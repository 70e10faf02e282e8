// What a consented page tells us, written to IndexedDB: items upserted by canonical URL (linked to
// the same product on other shops by GTIN) and one event per interaction.
import type { EventType, PageKind, Product } from '../shared/schemas.ts';
import { hashId } from '../shared/hash.ts';
import { canonicalUrl } from '../shared/site.ts';
import type { IDBPTransaction } from 'idb';
import type { Db } from './db.ts';
import type { CarryoverDB, EventRecord, ItemRecord } from './schema.ts';

/** The event a page kind implies for the products it shows. */
const PAGE_EVENT: Record<PageKind, EventType | undefined> = {
  product: 'view',
  listing: 'impression',
  cart: 'cart',
  confirmation: 'purchase',
  other: undefined,
};

/** A cart or purchase seen twice within this window (button click, then the cart page) counts once. */
export const DEDUPE_MS = 30 * 60 * 1000;
const DEDUPED: ReadonlySet<EventType> = new Set(['cart', 'purchase', 'wishlist']);

export async function itemIdFor(url: string): Promise<string> {
  return hashId(canonicalUrl(url));
}

async function upsertItem(d: Db, site: string, p: Product, now: number): Promise<ItemRecord> {
  const url = canonicalUrl(p.url);
  const id = await hashId(url);
  const tx = d.transaction('items', 'readwrite');
  const old = await tx.store.get(id);
  const { confidence: _c, url: _u, ...fields } = p;
  // A later, poorer read (a listing card after the product page) must not erase what we knew.
  const merged: ItemRecord = { ...old, ...stripUndefined(fields), title: p.title, id, site, url, firstSeen: old?.firstSeen ?? now, lastSeen: now };
  if (merged.gtin && !merged.groupId) {
    const twin = (await tx.store.index('gtin').getAll(merged.gtin)).find((i) => i.site !== site);
    if (twin) merged.groupId = twin.groupId ?? twin.id;
  }
  await tx.store.put(merged);
  await tx.done;
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

async function addEvent(d: Db, e: EventRecord): Promise<boolean> {
  const tx = d.transaction('events', 'readwrite');
  if (DEDUPED.has(e.type)) {
    const recent = await tx.store.index('itemId').getAll(e.itemId);
    if (recent.some((r) => r.type === e.type && Math.abs(e.ts - r.ts) < DEDUPE_MS)) {
      await tx.done;
      return false;
    }
  }
  await tx.store.add(e);
  await tx.done;
  return true;
}

export interface PageResult {
  items: number;
  events: number;
  /** The ids of the items the page showed, for the embedding queue. */
  ids: string[];
}

export async function recordPage(d: Db, site: string, kind: PageKind, products: Product[], now = Date.now()): Promise<PageResult> {
  const type = PAGE_EVENT[kind];
  // On a product page only the main product (first) is viewed; others on it are recommendations.
  const subjects = kind === 'product' ? products.slice(0, 1) : products;
  let events = 0;
  const ids: string[] = [];
  for (const p of subjects) {
    const item = await upsertItem(d, site, p, now);
    ids.push(item.id);
    if (type && (await addEvent(d, { itemId: item.id, site, type, ts: now }))) events++;
  }
  return { items: subjects.length, events, ids };
}

export async function recordEvent(
  d: Db, site: string, type: EventType, product: Product, value?: number, now = Date.now(),
): Promise<{ stored: boolean; id: string }> {
  const item = await upsertItem(d, site, product, now);
  return { stored: await addEvent(d, { itemId: item.id, site, type, ts: now, ...(value === undefined ? {} : { value }) }), id: item.id };
}

/** A read-write transaction over everything an item carries. */
export type ItemTx = IDBPTransaction<CarryoverDB, ('items' | 'events' | 'vectors' | 'jobs' | 'thumbs')[], 'readwrite'>;
export const ITEM_STORES = ['items', 'events', 'vectors', 'jobs', 'thumbs'] as const;

/** Removes one item and what it carries (its vector, thumbnail, jobs, events); the number of events. */
export async function removeItem(tx: ItemTx, id: string): Promise<number> {
  await tx.objectStore('items').delete(id);
  await tx.objectStore('vectors').delete(id);
  await tx.objectStore('thumbs').delete(id);
  for (const job of await tx.objectStore('jobs').index('itemId').getAllKeys(id)) await tx.objectStore('jobs').delete(job);
  const events = await tx.objectStore('events').index('itemId').getAllKeys(id);
  for (const key of events) await tx.objectStore('events').delete(key);
  return events.length;
}

/** Removes a site's items, events, vectors and jobs; other sites are untouched. */
export async function deleteSiteData(d: Db, site: string): Promise<{ items: number; events: number }> {
  const tx = d.transaction([...ITEM_STORES], 'readwrite');
  const itemIds = await tx.objectStore('items').index('site').getAllKeys(site);
  const eventIds = await tx.objectStore('events').index('site').getAllKeys(site);
  for (const id of itemIds) await removeItem(tx, id);
  // Events of this site whose item is gone already go too (deleting a deleted key is a no-op).
  for (const id of eventIds) await tx.objectStore('events').delete(id);
  await tx.done;
  return { items: itemIds.length, events: eventIds.length };
}
