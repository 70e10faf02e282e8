// Collaborative neighbours from co-occurrence: item-kNN (items engaged with by the same shoppers)
// and user-kNN (shoppers who engaged with the same items). Across shops they work only through
// shoppers who used both shops.
import { isPositive, type EvalItem } from '../dataset.ts';
import type { Query, Ranker, TrainView } from '../ranker.ts';

function userSets(train: TrainView): Map<string, Set<string>> {
  const sets = new Map<string, Set<string>>();
  for (const e of train.events) if (isPositive(e)) (sets.get(e.user) ?? sets.set(e.user, new Set()).get(e.user)!).add(e.item);
  return sets;
}

const positives = (q: Query) => new Set(q.history.filter(isPositive).map((e) => e.item));

export class ItemKnn implements Ranker {
  readonly name = 'item-kNN';
  readonly needsVectors = false;
  readonly oracle = true;
  private co = new Map<string, Map<string, number>>();
  private n = new Map<string, number>();
  fit(train: TrainView): void {
    for (const set of userSets(train).values()) {
      const items = [...set];
      for (const a of items) {
        this.n.set(a, (this.n.get(a) ?? 0) + 1);
        const row = this.co.get(a) ?? this.co.set(a, new Map()).get(a)!;
        for (const b of items) if (a !== b) row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
  }
  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const hist = positives(q);
    return Float64Array.from(c, (it) => {
      let s = 0;
      for (const h of hist) s += (this.co.get(h)?.get(it.id) ?? 0) / Math.sqrt((this.n.get(h) ?? 1) * (this.n.get(it.id) ?? 1));
      return s;
    });
  }
}

export class UserKnn implements Ranker {
  readonly name = 'user-kNN';
  readonly needsVectors = false;
  readonly oracle = true;
  private sets = new Map<string, Set<string>>();
  constructor(private k = 30) {}
  fit(train: TrainView): void {
    this.sets = userSets(train);
  }
  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const mine = positives(q);
    const sims: [string, number][] = [];
    for (const [u, set] of this.sets) {
      if (u === q.user) continue;
      let both = 0;
      for (const i of mine) if (set.has(i)) both++;
      if (both) sims.push([u, both / Math.sqrt(mine.size * set.size)]);
    }
    const top = sims.sort((a, b) => b[1] - a[1]).slice(0, this.k);
    return Float64Array.from(c, (it) => top.reduce((s, [u, w]) => s + (this.sets.get(u)!.has(it.id) ? w : 0), 0));
  }
}
