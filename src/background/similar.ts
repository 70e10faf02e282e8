// Query by image: a photo from a consented shop, embedded by the model, compared with every product
// Carryover keeps (their photo vectors where there are some, else their item vectors).
import { say } from '../shared/phrase.ts';
import { dot } from '../shared/vector.ts';
import { t } from '../shared/i18n.ts';
import { matrixOf } from '../rec/topk.ts';
import { TopKIndex } from '../rec/topk-index.ts';
import { db } from './db.ts';
import { askMl } from './ml-host.ts';
import { currentModel } from './model-source.ts';
import { getSetting } from './settings.ts';
import { keptThumbs } from './capture-store.ts';

/** A result as the page shows it: its photo is the thumbnail Carryover kept (a data: URL), never the
 * shop's image address, which the page would have to fetch from that shop. */
export interface SimilarItem { id: string; title: string; site: string; url: string; thumb?: string; price?: number; currency?: string; similarity: number }

/** The same photo, whatever its query string or fragment (the shop's resizing parameters). */
export function isTheAskedPhoto(imageUrl: string | undefined, asked: string): boolean {
  if (!imageUrl) return false;
  try {
    const [a, b] = [new URL(imageUrl), new URL(asked)];
    return a.host === b.host && a.pathname === b.pathname;
  } catch {
    return imageUrl === asked;
  }
}

export async function similarTo(url: string, k = 20): Promise<SimilarItem[]> {
  const choice = await currentModel();
  if (!choice) throw new Error(t('errSimilarNoModel'));
  const answer = await askMl('ml/embed', { model: choice.model, override: await getSetting('backend'), texts: [], images: [{ id: 'query', url }] });
  const r = answer.images[0];
  if (!r || !('vector' in r)) throw new Error(t('errSimilarUnreadable', r && 'error' in r ? say(r.error) : '—'));
  const q = Float32Array.from(r.vector);
  const d = await db();
  const ids: string[] = [];
  const rows: Float32Array[] = [];
  for (const v of await d.getAll('vectors')) {
    if (v.modelId !== choice.model.id) continue;
    ids.push(v.itemId);
    rows.push(v.image ?? v.fused);
  }
  if (!rows.length) return [];
  // The int8 SIMD scan with an exact re-score (rec/topk-index.ts) instead of sorting every score.
  const m = matrixOf(rows, q.length);
  const out: SimilarItem[] = [];
  // One more than asked: the product whose photo was asked about is not its own "100% alike" result.
  for (const i of new TopKIndex(m).search(q, k + 1)) {
    const id = ids[i]!;
    const s = dot(q, rows[i]!);
    const item = await d.get('items', id);
    if (item && !isTheAskedPhoto(item.imageUrl, url) && out.length < k) out.push({ id, title: item.title, site: item.site, url: item.url, price: item.price, currency: item.currency, similarity: s });
  }
  const thumbs = await keptThumbs(d, out.map((o) => o.id));
  return out.map((o) => ({ ...o, thumb: thumbs.get(o.id) }));
}
