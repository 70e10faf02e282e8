// Amazon reviews layout (JSON lines): reviews.jsonl (reviewerID, asin, unixReviewTime, overall) and
// meta.jsonl (asin, title, brand, main_cat or category[]), images/<asin>.jpg when present. Each review
// is a purchase; the top category stands in for the shop.
import type { Dataset, EvalEvent, EvalItem } from '../dataset.ts';
import { localImage, readJsonLines, type Embedder } from './files.ts';
import { join } from 'node:path';

const str = (x: unknown) => (typeof x === 'string' ? x : '');

export async function loadAmazon(dir: string, embed?: Embedder): Promise<Dataset> {
  const meta = readJsonLines(join(dir, 'meta.jsonl'));
  const reviews = readJsonLines(join(dir, 'reviews.jsonl'));
  const items = new Map<string, EvalItem & { brand: string }>();
  for (const m of meta) {
    const asin = str(m.asin);
    if (!asin) continue;
    const cats = Array.isArray(m.category) ? m.category.map(str) : [];
    items.set(asin, { id: asin, shop: str(m.main_cat) || cats[0] || 'amazon', title: str(m.title), brand: str(m.brand) });
  }
  const events: EvalEvent[] = reviews.flatMap((r) => {
    const it = items.get(str(r.asin));
    const ts = Number(r.unixReviewTime);
    if (!it || !str(r.reviewerID) || !Number.isFinite(ts)) return [];
    return [{ user: str(r.reviewerID), item: it.id, shop: it.shop, type: 'purchase' as const, ts: ts * 1000 }];
  }).sort((a, b) => a.ts - b.ts);
  if (embed) {
    const vecs = await embed([...items.values()].map((it) => ({ id: it.id, text: [it.title, it.brand, it.shop].filter(Boolean).join(' '), imagePath: localImage(dir, it.id) })));
    for (const it of items.values()) Object.assign(it, vecs.get(it.id) ?? {});
  }
  return { name: `Amazon reviews layout at ${dir}`, items: [...items.values()], events };
}
