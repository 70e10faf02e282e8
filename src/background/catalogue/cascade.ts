// The cost cascade: every catalogue title is embedded (cheap), and only the products whose titles
// score best for the shopper get their photo read (dear): N = 100 by default. Re-run at every
// ranking, so that the pick follows the scores as photos arrive and re-rank the shop.
import type { Db } from '../db.ts';

export const PHOTO_BUDGET = 100;
/** Re-ranking may bring new products into the best N; the photos read stay bounded all the same. */
const MAX_PHOTOS = 2 * PHOTO_BUDGET;

/** Marks the best-scored catalogue products for their photo; the ids newly marked (to queue). */
export async function pickPhotos(d: Db, site: string, scored: readonly { id: string; score: number }[], n = PHOTO_BUDGET): Promise<string[]> {
  const best = [...scored].sort((a, b) => b.score - a.score).slice(0, n);
  if (!best.length) return [];
  const tx = d.transaction('catalogue', 'readwrite');
  let marked = (await tx.store.index('site').getAll(site)).filter((r) => r.photo).length;
  const added: string[] = [];
  for (const { id } of best) {
    if (marked >= MAX_PHOTOS) break;
    const rec = await tx.store.get(id);
    if (!rec || rec.photo || !rec.imageUrl) continue;
    await tx.store.put({ ...rec, photo: true });
    added.push(id);
    marked++;
  }
  await tx.done;
  return added;
}
