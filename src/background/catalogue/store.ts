// The crawl's state and the catalogue's products in IndexedDB, written together: after any stop,
// what is stored is a state and the products it has counted, never one without the other.
import { hashId } from '../../shared/hash.ts';
import { canonicalUrl } from '../../shared/site.ts';
import type { Product } from '../../shared/schemas.ts';
import type { Db } from '../db.ts';
import type { CatalogueRecord } from '../schema.ts';
import type { CrawlStore } from './crawler.ts';
import type { CrawlState } from './state.ts';

export function idbCrawlStore(d: Db): CrawlStore {
  return {
    load: (site) => d.get('crawls', site),
    save: async (state) => void (await d.put('crawls', state)),
    async commit(state: CrawlState, products: Product[], source) {
      const keyed = await Promise.all(products.map(async (p) => ({ p, url: canonicalUrl(p.url), id: await hashId(canonicalUrl(p.url)) })));
      const tx = d.transaction(['crawls', 'catalogue'], 'readwrite');
      const store = tx.objectStore('catalogue');
      const now = state.updatedAt;
      let added = 0;
      for (const { p, url, id } of keyed) {
        const old = await store.get(id);
        if (!old && state.found >= state.limit) continue;
        const { confidence: _c, sources: _s, ...fields } = p;
        // A product page fills in what a sitemap entry left out; what it does not state is kept.
        const rec: CatalogueRecord = { ...old, ...fields, id, site: state.site, url, source, rank: old?.rank ?? state.found + 1, firstSeen: old?.firstSeen ?? now, lastSeen: now };
        await store.put(rec);
        if (!old) {
          added++;
          state.found++;
        }
      }
      await tx.objectStore('crawls').put(state);
      await tx.done;
      return added;
    },
  };
}

/** Everything of a shop's catalogue: its products and its crawl (with the shop's data, on request). */
export async function deleteCatalogue(d: Db, site: string): Promise<number> {
  const tx = d.transaction(['crawls', 'catalogue'], 'readwrite');
  const keys = await tx.objectStore('catalogue').index('site').getAllKeys(site);
  await Promise.all(keys.map((k) => tx.objectStore('catalogue').delete(k)));
  await tx.objectStore('crawls').delete(site);
  await tx.done;
  return keys.length;
}
