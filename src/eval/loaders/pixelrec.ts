// PixelRec layout: interactions.csv (item_id,user_id,timestamp), item_info.csv (item_id and any of
// title, tag, description, shop/category), images/<item_id>.jpg. PixelRec comes from one platform;
// a `shop` column, else `category` or `tag`, stands in for the shop so that the cross-shop protocol
// has shops to hold out (the README says so).
import type { Dataset, EvalEvent, EvalItem } from '../dataset.ts';
import { localImage, readCsv, type Embedder } from './files.ts';
import { join } from 'node:path';

export async function loadPixelRec(dir: string, embed?: Embedder): Promise<Dataset> {
  const info = readCsv(join(dir, 'item_info.csv'));
  const inter = readCsv(join(dir, 'interactions.csv'));
  for (const need of ['item_id', 'user_id', 'timestamp']) if (inter[0] && !(need in inter[0])) throw new Error(`interactions.csv has no ${need} column`);
  if (info[0] && !('item_id' in info[0])) throw new Error('item_info.csv has no item_id column');
  const items = new Map<string, EvalItem>(info.map((r) => [r.item_id!, {
    id: r.item_id!, shop: r.shop || r.category || r.tag || 'pixelrec', title: r.title || r.description || '',
  }]));
  const events: EvalEvent[] = inter.flatMap((r) => {
    const it = items.get(r.item_id!);
    const ts = Number(r.timestamp);
    if (!it || !Number.isFinite(ts)) return [];
    return [{ user: r.user_id!, item: it.id, shop: it.shop, type: 'click' as const, ts: ts < 1e11 ? ts * 1000 : ts }];
  }).sort((a, b) => a.ts - b.ts);
  if (embed) {
    const vecs = await embed([...items.values()].map((it) => ({ id: it.id, text: [it.title, it.shop].filter(Boolean).join(' '), imagePath: localImage(dir, it.id) })));
    for (const it of items.values()) Object.assign(it, vecs.get(it.id) ?? {});
  }
  return { name: `PixelRec layout at ${dir}`, items: [...items.values()], events };
}
