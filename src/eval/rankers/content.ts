// Rankers over item vectors, all from the extension's own src/rec code: content-mean (the weighted
// history mean, cosine), multi-interest (the profile's best interest), the two-tower (the
// extension's ranker: trained per shopper on their own choices on every shop, as on the device), the
// same two-tower's list as the sidebar shows it (its small preference for the page's products and
// MMR, rank.ts), and
// a GraphSAGE-style variant that first smooths every item vector over an item graph built from every
// shopper's co-views (an oracle: the device has no other shopper's co-views).
import { buildProfile, type Profile } from '../../rec/profile.ts';
import type { ItemSignals } from '../../rec/features.ts';
import { sequenceOf, type SequenceEvent } from '../../rec/samples.ts';
import { DEFAULT_REC_SETTINGS, type RecSettings } from '../../rec/signals.ts';
import { PAGE_BONUS, rank, SIDEBAR_PICKS, type Candidate } from '../../rec/rank.ts';
import { contentScore, dismissPenalty, scoreList, train as trainTower, type TowerWeights, type TrainOptions } from '../../rec/twotower.ts';
import { dot, normalize } from '../../shared/vector.ts';
import { isPositive, type EvalEvent, type EvalItem } from '../dataset.ts';
import type { Query, Ranker, TrainView } from '../ranker.ts';

const seq = (events: readonly EvalEvent[]): SequenceEvent[] => events.map((e) => ({ itemId: e.item, type: e.type, ts: e.ts, site: e.shop }));

abstract class VectorRanker implements Ranker {
  abstract readonly name: string;
  readonly needsVectors = true;
  readonly oracle: boolean = false;
  protected items: ReadonlyMap<string, EvalItem> = new Map();
  constructor(protected settings: RecSettings = DEFAULT_REC_SETTINGS) {}
  fit(train: TrainView): void {
    this.items = train.items;
  }
  protected vec(id: string): Float32Array | undefined {
    return this.items.get(id)?.vector;
  }
  protected profile(q: Query): Profile | undefined {
    const vectors = new Map<string, Float32Array>();
    for (const e of q.history) {
      const v = this.vec(e.item);
      if (v) vectors.set(e.item, v);
    }
    return buildProfile(seq(q.history), vectors, q.now, this.settings);
  }
  abstract score(q: Query, c: readonly EvalItem[]): Float64Array;
}

export class ContentMean extends VectorRanker {
  readonly name: string = 'content-mean';
  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const p = this.profile(q);
    return Float64Array.from(c, (it) => (p && this.vec(it.id) ? dot(p.mean, this.vec(it.id)!) : 0));
  }
}

export class MultiInterest extends VectorRanker {
  readonly name: string = 'multi-interest';
  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const p = this.profile(q);
    return Float64Array.from(c, (it) => {
      const x = this.vec(it.id);
      return p && x ? contentScore(p, x) - dismissPenalty(p, x) : 0;
    });
  }
}

/** The extension's ranker, as on the device: fitted to this shopper's own choices on every shop of
 * their history (listwise, against what the device knew on that shop then), from the prior. */
export class TwoTower extends VectorRanker {
  readonly name: string = 'two-tower';
  private byShop = new Map<string, EvalItem[]>();
  last: TowerWeights | undefined;

  constructor(settings?: RecSettings, private trainOpts: Partial<TrainOptions> = {}) {
    super(settings);
  }

  override fit(train: TrainView): void {
    super.fit(train);
    this.byShop = new Map();
    for (const it of train.items.values()) (this.byShop.get(it.shop) ?? this.byShop.set(it.shop, []).get(it.shop)!).push(it);
  }

  protected signals(it: EvalItem): ItemSignals | undefined {
    return it.vector ? { id: it.id, vector: it.vector, listPosition: it.listPosition, reviewCount: it.reviewCount, rating: it.rating, price: it.price, brand: it.brand } : undefined;
  }

  /** The weights the device would hold for this shopper now. */
  weightsFor(q: Query): TowerWeights {
    const events = seq(q.history);
    let pool: (site: string, ts: number) => ItemSignals[];
    if (q.knows === 'seen') {
      // Only what the shopper was shown (or chose) on that shop before the choice.
      const seen = new Map<string, { ts: number; it: ItemSignals }[]>();
      const first = new Map<string, number>();
      for (const e of q.history) if (!first.has(e.item)) {
        first.set(e.item, e.ts);
        const s = this.items.get(e.item);
        const sig = s && this.signals(s);
        if (sig) (seen.get(e.shop) ?? seen.set(e.shop, []).get(e.shop)!).push({ ts: e.ts, it: sig });
      }
      pool = (site, ts) => (seen.get(site) ?? []).filter((x) => x.ts <= ts).map((x) => x.it);
    } else {
      const cache = new Map<string, ItemSignals[]>();
      pool = (site) => cache.get(site) ?? cache.set(site, (this.byShop.get(site) ?? []).flatMap((it) => this.signals(it) ?? [])).get(site)!;
    }
    const s = sequenceOf(events, (id) => {
      const it = this.items.get(id);
      return it && this.signals(it);
    }, pool, this.settings);
    return trainTower(s.samples, s.user, this.trainOpts);
  }

  /** The shopper's profile and weights, each candidate's signals (undefined without a vector) and
   * the scores of those that have them, in order; undefined without a profile. */
  protected scored(q: Query, c: readonly EvalItem[]) {
    const profile = this.profile(q);
    if (!profile) return undefined;
    const weights = (this.last = this.weightsFor(q));
    const signals = c.map((it) => this.signals(it));
    const present = signals.flatMap((x) => x ?? []);
    const page = q.page?.flatMap((id) => this.vec(id) ?? []);
    return { profile, weights, signals, present, scores: scoreList(weights, profile, present, page) };
  }

  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const s = this.scored(q, c);
    return s ? spread(s.signals, s.scores) : new Float64Array(c.length);
  }
}

/** Scores of the candidates that have signals, back in the candidates' order (−∞ for the others). */
function spread(signals: readonly (ItemSignals | undefined)[], scores: ArrayLike<number>): Float64Array {
  const out = new Float64Array(signals.length).fill(-Infinity);
  let j = 0;
  signals.forEach((x, i) => {
    if (x) out[i] = scores[j++]!;
  });
  return out;
}

/** What the shopper sees: the two-tower's scores, then the sidebar's own steps (rank.ts, called as
 * background/recommend.ts calls it): bought products left out, the page's products preferred when
 * scores are close, MMR over the picks. The sidebar shows SIDEBAR_PICKS; MMR picks greedily, so the
 * first of a longer list are exactly those, and the list is made ten long for NDCG@10. Below it,
 * the scores' own order. The eval's other rankers are scored as ranked lists; this row says what
 * diversifying costs or gains on what the shopper is shown. */
export class TwoTowerShown extends TwoTower {
  static readonly NAME = 'two-tower, as the sidebar shows it';
  static readonly LIST = Math.max(10, SIDEBAR_PICKS);
  override readonly name = TwoTowerShown.NAME;

  override score(q: Query, c: readonly EvalItem[]): Float64Array {
    const s = this.scored(q, c);
    if (!s) return new Float64Array(c.length);
    const out = spread(s.signals, s.scores);
    const onPage = new Set(q.page ?? []);
    const candidates: Candidate[] = s.present.map((x) => ({ ...x, onPage: onPage.has(x.id) }));
    const bought = new Set(q.history.filter((e) => e.type === 'purchase').map((e) => e.item));
    const shown = rank(s.weights, s.profile, candidates, [], { k: TwoTowerShown.LIST, mmrLambda: this.settings.mmrLambda, exclude: bought, pageBonus: PAGE_BONUS }, s.scores);
    // The shown list above everything else, in its order.
    const top = Math.max(...s.scores);
    const at = new Map(c.map((it, i) => [it.id, i]));
    shown.forEach((r, j) => {
      out[at.get(r.id)!] = top + 1 + (shown.length - j);
    });
    return out;
  }
}

/** Smooths each item vector towards its co-viewed neighbours (one GraphSAGE-style mean-aggregation
 * layer without learned weights), then ranks like multi-interest on the smoothed vectors. */
export class GraphSmoothed extends MultiInterest {
  override readonly name = 'graph-smoothed (GraphSAGE-style)';
  override readonly oracle = true;
  private smoothed = new Map<string, Float32Array>();
  constructor(private beta = 0.5, settings?: RecSettings) {
    super(settings);
  }
  override fit(train: TrainView): void {
    super.fit(train);
    // Co-view graph: items a shopper engaged with in the same shop within an hour.
    const neighbours = new Map<string, Set<string>>();
    const recent = new Map<string, EvalEvent[]>();
    for (const e of train.events) {
      if (!isPositive(e)) continue;
      const key = `${e.user}|${e.shop}`;
      const window = (recent.get(key) ?? []).filter((x) => e.ts - x.ts < 3_600_000);
      for (const x of window) {
        if (x.item === e.item) continue;
        (neighbours.get(x.item) ?? neighbours.set(x.item, new Set()).get(x.item)!).add(e.item);
        (neighbours.get(e.item) ?? neighbours.set(e.item, new Set()).get(e.item)!).add(x.item);
      }
      window.push(e);
      recent.set(key, window);
    }
    for (const [id, it] of train.items) {
      if (!it.vector) continue;
      const ns = [...(neighbours.get(id) ?? [])].flatMap((n) => train.items.get(n)?.vector ?? []);
      if (!ns.length) {
        this.smoothed.set(id, it.vector);
        continue;
      }
      const agg = new Float32Array(it.vector.length);
      for (const n of ns) for (let j = 0; j < agg.length; j++) agg[j]! += n[j]! / ns.length;
      this.smoothed.set(id, normalize(Array.from(it.vector, (x, j) => x + this.beta * agg[j]!)));
    }
  }
  protected override vec(id: string): Float32Array | undefined {
    return this.smoothed.get(id) ?? super.vec(id);
  }
}
