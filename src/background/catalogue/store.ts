// The crawl's state and the catalogue's products in IndexedDB, written together: after any stop,
// what is stored is a state and the products it has counted, never one without the other.
import { hashId } from '../../shared/hash.ts';
import { canonicalUrl } from '../../shared/site.ts';
import type { Product } from '../../shared/schemas.ts';
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Db } from '../db.ts';
import type { CarryoverDB, CatalogueRecord } from '../schema.ts';
import type { CrawlStore } from './crawler.ts';
import type { CrawlState } from './state.ts';

/** A status the shopper set meanwhile (stopped, or the shop's data deleted) wins over the crawl's
 * own copy, which was read before the request went out. */
async function putState(store: { get(k: string): Promise<CrawlState | undefined>; put(v: CrawlState): Promise<unknown> }, state: CrawlState): Promise<boolean> {
  const current = await store.get(state.site);
  if (!current) return false;
  if (current.status !== 'running' && state.status === 'running') state.status = current.status;
  await store.put(state);
  return true;
}

/** `onStored`: the ids of the products each answer stored (to queue their embedding). */
export function idbCrawlStore(d: Db, onStored?: (ids: string[]) => void): CrawlStore {
  return {
    load: (site) => d.get('crawls', site),
    async save(state) {
      const tx = d.transaction('crawls', 'readwrite');
      await putState(tx.store, state);
      await tx.done;
    },
    async commit(state: CrawlState, products: Product[], source) {
      const keyed = await Promise.all(products.map(async (p) => ({ p, url: canonicalUrl(p.url), id: await hashId(canonicalUrl(p.url)) })));
      const tx = d.transaction(['crawls', 'catalogue'], 'readwrite');
      const store = tx.objectStore('catalogue');
      const now = state.updatedAt;
      let added = 0;
      const stored: string[] = [];
      // The shop's data was deleted while the answer travelled: nothing of it is written back.
      if (!(await tx.objectStore('crawls').get(state.site))) {
        await tx.done;
        return 0;
      }
      for (const { p, url, id } of keyed) {
        const old = await store.get(id);
        if (!old && state.found >= state.limit) continue;
        const { confidence: _c, sources: _s, ...fields } = p;
        // A product page fills in what a sitemap entry left out; what it does not state is kept.
        const rec: CatalogueRecord = { ...old, ...fields, id, site: state.site, url, source, rank: old?.rank ?? state.found + 1, firstSeen: old?.firstSeen ?? now, lastSeen: now };
        await store.put(rec);
        stored.push(id);
        if (!old) {
          added++;
          state.found++;
        }
      }
      await putState(tx.objectStore('crawls'), state);
      await tx.done;
      if (stored.length) onStored?.(stored);
      return added;
    },
  };
}

type CatalogueStores = 'catalogue' | 'vectors' | 'thumbs' | 'jobs' | 'items';

/** One catalogue product with its vector, thumbnail and jobs; a product also kept as an item (the
 * shopper saw it) keeps its vector with the item. */
export async function removeCatalogueProduct<S extends StoreNames<CarryoverDB>>(tx: IDBPTransaction<CarryoverDB, (S | CatalogueStores)[], 'readwrite'>, id: string): Promise<void> {
  await tx.objectStore('catalogue').delete(id);
  if (await tx.objectStore('items').getKey(id)) return;
  await tx.objectStore('vectors').delete(id);
  await tx.objectStore('thumbs').delete(id);
  for (const j of await tx.objectStore('jobs').index('itemId').getAllKeys(id)) await tx.objectStore('jobs').delete(j);
}

/** Everything of a shop's catalogue: its products with their vectors, thumbnails and jobs, and its
 * crawl (which stops: its next step finds no state). Part of deleting the shop's data. */
export async function deleteCatalogue(d: Db, site: string): Promise<number> {
  const tx = d.transaction(['crawls', 'catalogue', 'vectors', 'thumbs', 'jobs', 'items'], 'readwrite');
  const keys = await tx.objectStore('catalogue').index('site').getAllKeys(site);
  for (const k of keys) await removeCatalogueProduct(tx, k);
  await tx.objectStore('crawls').delete(site);
  await tx.done;
  return keys.length;
}
