// What a consented page tells us, written to IndexedDB: items upserted by canonical URL (linked to
// the same product on other shops by GTIN) and one event per interaction.
import type { EventType, PageKind, Product } from '../shared/schemas.ts';
import { hashId } from '../shared/hash.ts';
import { canonicalUrl, hostsOfSite, siteOf } from '../shared/site.ts';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Db } from './db.ts';
import type { CarryoverDB, EventRecord, ItemRecord } from './schema.ts';
import { deleteCatalogue } from './catalogue/store.ts';

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

type CaptureTx = IDBPTransaction<CarryoverDB, ('items' | 'events')[], 'readwrite'>;

/** True when `url` is a page of `site` (its own host, or www. of it): the only items a shop's pages
 * may create or change. A listing naming another shop's product URLs changes nothing of that shop. */
export function onSite(url: string, site: string): boolean {
  return siteOf(url) === site || hostsOfSite(site).includes(new URL(url).hostname.toLowerCase());
}

/** A product with its canonical URL and id, worked out before a transaction opens. */
interface Keyed { p: Product; url: string; id: string }
async function keyed(p: Product): Promise<Keyed> {
  const url = canonicalUrl(p.url);
  return { p, url, id: await hashId(url) };
}

async function upsertItem(tx: CaptureTx, site: string, { p, url, id }: Keyed, now: number): Promise<ItemRecord | undefined> {
  const items = tx.objectStore('items');
  const old = await items.get(id);
  // Another shop's item (stored before this rule, or by a twin URL) is never taken over.
  if (old && old.site !== site) return undefined;
  const { confidence: _c, url: _u, ...fields } = p;
  // A later, poorer read (a listing card after the product page) must not erase what we knew.
  const merged: ItemRecord = { ...old, ...stripUndefined(fields), title: p.title, id, site, url, firstSeen: old?.firstSeen ?? now, lastSeen: now };
  if (merged.gtin && !merged.groupId) {
    const twin = (await items.index('gtin').getAll(merged.gtin)).find((i) => i.site !== site);
    if (twin) merged.groupId = twin.groupId ?? twin.id;
  }
  await items.put(merged);
  return merged;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** How far back a retried message can have been stored first (the content script gives up sooner). */
const RETRY_WINDOW_MS = 10 * 60 * 1000;

/** `itemId|type` of the events this view already stored: a retry after a stopped background finds
 * them here. Read from the site's recent events (bounded by recent activity, not by history). */
async function storedByView(tx: CaptureTx, site: string, view: string | undefined, now: number): Promise<Set<string>> {
  if (!view) return new Set();
  const recent = await tx.objectStore('events').index('site_ts').getAll(IDBKeyRange.bound([site, now - RETRY_WINDOW_MS], [site, Infinity]));
  return new Set(recent.filter((r) => r.view === view).map((r) => `${r.itemId}|${r.type}`));
}

async function addEvent(tx: CaptureTx, e: EventRecord, byView: Set<string>): Promise<boolean> {
  const events = tx.objectStore('events');
  // The same page view or interaction sent twice (a retry after the background stopped) counts once.
  if (byView.has(`${e.itemId}|${e.type}`)) return false;
  if (DEDUPED.has(e.type)) {
    const recent = await events.index('itemId').getAll(e.itemId);
    if (recent.some((r) => r.type === e.type && Math.abs(e.ts - r.ts) < DEDUPE_MS)) return false;
  }
  await events.add(e);
  byView.add(`${e.itemId}|${e.type}`);
  return true;
}

/** Runs the writes and commits, or aborts the transaction on the first failure (a full disk), so
 * that nothing of a page is left half-written. */
async function whole(tx: CaptureTx, writes: () => Promise<void>): Promise<void> {
  try {
    await writes();
  } catch (e) {
    try {
      tx.abort();
    } catch (abortError) {
      // Already finished or aborted by the browser itself: nothing more to undo.
      console.warn('Carryover: abort after a failed write', abortError);
    }
    await tx.done.catch(() => undefined); // the abort's own rejection; `e` is the reason to report
    throw e;
  }
  await tx.done;
}

export interface PageResult {
  items: number;
  events: number;
  /** The ids of the items the page showed, for the embedding queue. */
  ids: string[];
  /** Products refused because their URL is not on the page's site. */
  refused: number;
}

/** A page's products and their events, in one transaction: a page is stored whole or not at all. */
export async function recordPage(d: Db, site: string, kind: PageKind, products: Product[], now = Date.now(), view?: string): Promise<PageResult> {
  const type = PAGE_EVENT[kind];
  // On a product page only the main product (first) is viewed; others on it are recommendations.
  const subjects = (kind === 'product' ? products.slice(0, 1) : products);
  // Ids first: hashing is asynchronous and would let the transaction commit under us.
  const own = await Promise.all(subjects.filter((p) => onSite(p.url, site)).map(keyed));
  const tx = d.transaction(['items', 'events'], 'readwrite');
  let events = 0;
  const ids: string[] = [];
  await whole(tx, async () => {
    const byView = await storedByView(tx, site, view, now);
    for (const p of own) {
      const item = await upsertItem(tx, site, p, now);
      if (!item) continue;
      ids.push(item.id);
      if (type && (await addEvent(tx, { itemId: item.id, site, type, ts: now, ...(view ? { view } : {}) }, byView))) events++;
    }
  });
  return { items: ids.length, events, ids, refused: subjects.length - ids.length };
}

export async function recordEvent(
  d: Db, site: string, type: EventType, product: Product, value?: number, now = Date.now(), view?: string,
): Promise<{ stored: boolean; id?: string }> {
  if (!onSite(product.url, site)) return { stored: false };
  const k = await keyed(product);
  const tx = d.transaction(['items', 'events'], 'readwrite');
  let item: ItemRecord | undefined;
  let stored = false;
  await whole(tx, async () => {
    const byView = await storedByView(tx, site, view, now);
    item = await upsertItem(tx, site, k, now);
    stored = !!item && (await addEvent(tx, { itemId: item.id, site, type, ts: now, ...(value === undefined ? {} : { value }), ...(view ? { view } : {}) }, byView));
  });
  return { stored, id: item?.id };
}

/** A read-write transaction over everything an item carries. */
export type ItemTx<S extends StoreNames<CarryoverDB> = never> = IDBPTransaction<CarryoverDB, (S | 'items' | 'events' | 'vectors' | 'jobs' | 'thumbs')[], 'readwrite'>;
export const ITEM_STORES = ['items', 'events', 'vectors', 'jobs', 'thumbs'] as const;

/** The thumbnails kept for these items (data: URLs), by id; an item with none is not in the map.
 * Everything that shows a product's photo reads it from here, never from the shop. */
export async function keptThumbs(d: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const store = d.transaction('thumbs').store;
  const found = await Promise.all(ids.map(async (id) => [id, (await store.get(id))?.dataUrl] as const));
  return new Map(found.filter((f): f is readonly [string, string] => f[1] !== undefined));
}

/** Removes one item and what it carries (its vector, thumbnail, jobs, events); the number of events. */
export async function removeItem<S extends StoreNames<CarryoverDB> = never>(tx: ItemTx<S>, id: string): Promise<number> {
  await tx.objectStore('items').delete(id);
  await tx.objectStore('vectors').delete(id);
  await tx.objectStore('thumbs').delete(id);
  for (const job of await tx.objectStore('jobs').index('itemId').getAllKeys(id)) await tx.objectStore('jobs').delete(job);
  const events = await tx.objectStore('events').index('itemId').getAllKeys(id);
  for (const key of events) await tx.objectStore('events').delete(key);
  return events.length;
}

/** Removes a site's items, events, vectors and jobs; other sites are untouched. */
export async function deleteSiteData(d: Db, site: string): Promise<{ items: number; events: number; catalogue: number }> {
  const tx = d.transaction([...ITEM_STORES], 'readwrite');
  const itemIds = await tx.objectStore('items').index('site').getAllKeys(site);
  const eventIds = await tx.objectStore('events').index('site').getAllKeys(site);
  for (const id of itemIds) await removeItem(tx, id);
  // Events of this site whose item is gone already go too (deleting a deleted key is a no-op).
  for (const id of eventIds) await tx.objectStore('events').delete(id);
  await tx.done;
  // The shop's catalogue goes with its data, and its crawl stops.
  const catalogue = await deleteCatalogue(d, site);
  return { items: itemIds.length, events: eventIds.length, catalogue };
}
