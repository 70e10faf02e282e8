// Low-rank matrix factorisation trained with BPR on every shopper's positive events: a shopper's
// factors come from their history on other shops, a target shop's item factors from other shoppers.
import { rng } from '../../shared/random.ts';
import { isPositive, type EvalItem } from '../dataset.ts';
import type { Query, Ranker, TrainView } from '../ranker.ts';

export class BprMf implements Ranker {
  readonly name = 'matrix factorisation (BPR)';
  readonly needsVectors = false;
  readonly oracle = true;
  private U = new Map<string, Float64Array>();
  private V = new Map<string, Float64Array>();
  constructor(private o = { factors: 24, epochs: 20, lr: 0.05, reg: 0.01, seed: 3 }) {}

  fit(train: TrainView): void {
    const r = rng(this.o.seed);
    const init = () => Float64Array.from({ length: this.o.factors }, () => (r() - 0.5) * 0.1);
    const pairs = [...new Set(train.events.filter(isPositive).map((e) => `${e.user}\u0000${e.item}`))].map((s) => s.split('\u0000') as [string, string]);
    const byShop = new Map<string, string[]>();
    for (const it of train.items.values()) (byShop.get(it.shop) ?? byShop.set(it.shop, []).get(it.shop)!).push(it.id);
    const have = new Set(pairs.map(([u, i]) => `${u}\u0000${i}`));
    for (const [u, i] of pairs) {
      if (!this.U.has(u)) this.U.set(u, init());
      if (!this.V.has(i)) this.V.set(i, init());
    }
    for (const it of train.items.keys()) if (!this.V.has(it)) this.V.set(it, init());
    const { lr, reg, factors } = this.o;
    for (let epoch = 0; epoch < this.o.epochs; epoch++) {
      for (let n = 0; n < pairs.length; n++) {
        const [u, i] = pairs[Math.floor(r() * pairs.length)]!;
        const pool = byShop.get(train.items.get(i)?.shop ?? '') ?? [];
        const j = pool[Math.floor(r() * pool.length)];
        if (!j || have.has(`${u}\u0000${j}`)) continue;
        const pu = this.U.get(u)!;
        const qi = this.V.get(i)!;
        const qj = this.V.get(j)!;
        let x = 0;
        for (let f = 0; f < factors; f++) x += pu[f]! * (qi[f]! - qj[f]!);
        const g = 1 / (1 + Math.exp(x));
        for (let f = 0; f < factors; f++) {
          const a = pu[f]!;
          pu[f] = a + lr * (g * (qi[f]! - qj[f]!) - reg * a);
          qi[f] = qi[f]! + lr * (g * a - reg * qi[f]!);
          qj[f] = qj[f]! + lr * (-g * a - reg * qj[f]!);
        }
      }
    }
  }

  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const pu = this.U.get(q.user);
    return Float64Array.from(c, (it) => {
      const qi = this.V.get(it.id);
      if (!pu || !qi) return 0;
      let s = 0;
      for (let f = 0; f < pu.length; f++) s += pu[f]! * qi[f]!;
      return s;
    });
  }
}
