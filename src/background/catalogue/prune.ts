// Catalogue products are candidates: one not seen in the shop's catalogue for 30 days goes, with its
// vector, thumbnail and jobs, unless the shopper engaged with it (then it is also an item, and stays).
import type { Db } from '../db.ts';

export const CATALOGUE_KEEP_DAYS = 30;

export async function pruneCatalogue(d: Db, now = Date.now()): Promise<number> {
  const cutoff = now - CATALOGUE_KEEP_DAYS * 86_400_000;
  const tx = d.transaction(['catalogue', 'vectors', 'thumbs', 'jobs', 'items'], 'readwrite');
  let pruned = 0;
  for (const rec of await tx.objectStore('catalogue').index('lastSeen').getAll(IDBKeyRange.upperBound(cutoff, true))) {
    if (rec.engagedAt) continue;
    await tx.objectStore('catalogue').delete(rec.id);
    pruned++;
    if (await tx.objectStore('items').getKey(rec.id)) continue;
    await tx.objectStore('vectors').delete(rec.id);
    await tx.objectStore('thumbs').delete(rec.id);
    for (const j of await tx.objectStore('jobs').index('itemId').getAllKeys(rec.id)) await tx.objectStore('jobs').delete(j);
  }
  await tx.done;
  return pruned;
}

/** The shopper acted on a catalogue product (opened, liked, turned down): from now on it is theirs,
 * an item like any product seen on the shop, and the catalogue copy is kept past the 30 days. */
export async function promoteEngaged(d: Db, id: string, site: string, now = Date.now()): Promise<boolean> {
  const tx = d.transaction(['catalogue', 'items'], 'readwrite');
  const rec = await tx.objectStore('catalogue').get(id);
  if (!rec || rec.site !== site) {
    await tx.done;
    return false;
  }
  await tx.objectStore('catalogue').put({ ...rec, engagedAt: now });
  if (!(await tx.objectStore('items').get(id))) {
    const { source: _s, rank: _r, engagedAt: _e, photo: _p, ...item } = rec;
    await tx.objectStore('items').put({ ...item, firstSeen: now, lastSeen: now });
  }
  await tx.done;
  return true;
}
