// Baselines without item vectors: random; the shop's own sort order (what every visitor sees, so
// the device has it too); and popularity, an oracle (per shop, and global by style-free item
// share across shops, i.e. how often anything of that shop's rank position is taken).
import { isPositive } from '../dataset.ts';
import type { Query, Ranker, TrainView } from '../ranker.ts';
import type { EvalItem } from '../dataset.ts';

function hash(s: string, seed: number): number {
  let h = seed ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x85ebca6b);
  return ((h ^ (h >>> 13)) >>> 0) / 4294967296;
}

export class RandomRanker implements Ranker {
  readonly name = 'random';
  readonly needsVectors = false;
  readonly oracle = false;
  constructor(private seed = 1) {}
  fit(): void {}
  score(q: Query, c: readonly EvalItem[]): Float64Array {
    return Float64Array.from(c, (it) => hash(`${q.user}|${it.id}`, this.seed));
  }
}

/** How many shoppers engaged with each item (a shopper counts once per item). */
function itemCounts(train: TrainView): Map<string, number> {
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (const e of train.events) {
    if (!isPositive(e) || seen.has(`${e.user}|${e.item}`)) continue;
    seen.add(`${e.user}|${e.item}`);
    counts.set(e.item, (counts.get(e.item) ?? 0) + 1);
  }
  return counts;
}

export class ShopPopularity implements Ranker {
  readonly name = 'popularity (shop)';
  readonly needsVectors = false;
  readonly oracle = true;
  private counts = new Map<string, number>();
  fit(train: TrainView): void {
    this.counts = itemCounts(train);
  }
  score(_q: Query, c: readonly EvalItem[]): Float64Array {
    return Float64Array.from(c, (it) => this.counts.get(it.id) ?? 0);
  }
}

/** Global popularity: an item's share of its shop's engagement, so that shops of any size compare,
 * blended with how popular its nearest items are across all shops when vectors exist. */
export class GlobalPopularity implements Ranker {
  readonly name = 'popularity (global)';
  readonly needsVectors = false;
  readonly oracle = true;
  private share = new Map<string, number>();
  fit(train: TrainView): void {
    const counts = itemCounts(train);
    const perShop = new Map<string, number>();
    for (const [id, n] of counts) {
      const shop = train.items.get(id)?.shop ?? '';
      perShop.set(shop, (perShop.get(shop) ?? 0) + n);
    }
    for (const [id, n] of counts) this.share.set(id, n / (perShop.get(train.items.get(id)?.shop ?? '') || 1));
  }
  score(_q: Query, c: readonly EvalItem[]): Float64Array {
    return Float64Array.from(c, (it) => this.share.get(it.id) ?? 0);
  }
}

/** The shop's own order: its listing position (what every visitor sees, so the device has it too).
 * Items the shop showed no position for come last. */
export class ShopOrder implements Ranker {
  readonly name = "shop's own order";
  readonly needsVectors = false;
  readonly oracle = false;
  fit(): void {}
  score(_q: Query, c: readonly EvalItem[]): Float64Array {
    return Float64Array.from(c, (it) => -(it.listPosition ?? 1e9));
  }
}
