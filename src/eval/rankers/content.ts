// Rankers over item vectors, all from the extension's own src/rec code: content-mean (the weighted
// history mean, cosine), multi-interest (the profile's best interest), two-tower (the extension's
// ranker, trained per shopper on their own sequence as on the device; and a variant pre-trained on
// all training shoppers), and a GraphSAGE-style variant that first smooths every item vector over
// an item graph built from co-views.
import { buildProfile, type Profile } from '../../rec/profile.ts';
import { samplesFrom, type SequenceEvent } from '../../rec/samples.ts';
import { DEFAULT_REC_SETTINGS, type RecSettings } from '../../rec/signals.ts';
import { contentScore, dismissPenalty, initWeights, TowerScorer, trainAndMaybeAdopt, type TowerWeights, type TrainOptions } from '../../rec/twotower.ts';
import { dot, normalize } from '../../shared/vector.ts';
import { isPositive, type EvalEvent, type EvalItem } from '../dataset.ts';
import type { Query, Ranker, TrainView } from '../ranker.ts';

const seq = (events: readonly EvalEvent[]): SequenceEvent[] => events.map((e) => ({ itemId: e.item, type: e.type, ts: e.ts, site: e.shop, shown: e.shown }));

abstract class VectorRanker implements Ranker {
  abstract readonly name: string;
  readonly needsVectors = true;
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

/** The extension's ranker. `pretrained`: one set of weights trained on every training shopper's
 * sequence, then each shopper's own training on top; otherwise from the untrained initialisation. */
export class TwoTower extends VectorRanker {
  readonly name: string;
  private base: TowerWeights | undefined;
  private trainEvents: readonly EvalEvent[] = [];
  lastAdoptions = { tried: 0, adopted: 0 };

  constructor(private pretrained: boolean, settings?: RecSettings, private train: Partial<TrainOptions> = {}) {
    super(settings);
    this.name = pretrained ? 'two-tower (pre-trained + own)' : 'two-tower (own sequence)';
  }

  override fit(train: TrainView): void {
    super.fit(train);
    this.trainEvents = train.events;
    const dim = [...train.items.values()].find((i) => i.vector)?.vector?.length ?? 0;
    this.base = initWeights(dim, 32, 1);
    if (!this.pretrained) return;
    const byUser = new Map<string, EvalEvent[]>();
    for (const e of train.events) (byUser.get(e.user) ?? byUser.set(e.user, []).get(e.user)!).push(e);
    const samples = [...byUser.values()].flatMap((events) => samplesFrom(seq(events), (id) => this.vec(id), this.settings));
    const cut = Math.floor(samples.length * 0.8);
    this.base = trainAndMaybeAdopt(this.base, samples.slice(0, cut), samples.slice(cut), { steps: 1000, ...this.train }).weights;
  }

  /** As on the device: the shopper's own samples, newest fifth held out, adopted only if better. */
  private weightsFor(q: Query): TowerWeights {
    const samples = samplesFrom(seq(q.history), (id) => this.vec(id), this.settings);
    if (samples.length < 10) return this.base!;
    const cut = Math.floor(samples.length * 0.8);
    const a = trainAndMaybeAdopt(this.base!, samples.slice(0, cut), samples.slice(cut), this.train);
    this.lastAdoptions.tried++;
    if (a.adopted) this.lastAdoptions.adopted++;
    return a.weights;
  }

  score(q: Query, c: readonly EvalItem[]): Float64Array {
    const p = this.profile(q);
    if (!p) return new Float64Array(c.length);
    const scorer = new TowerScorer(this.weightsFor(q), p);
    return Float64Array.from(c, (it) => {
      const x = this.vec(it.id);
      return x ? scorer.score(x, it.id) : -Infinity;
    });
  }

  get trainingEvents(): number {
    return this.trainEvents.length;
  }
}

/** Smooths each item vector towards its co-viewed neighbours (one GraphSAGE-style mean-aggregation
 * layer without learned weights), then ranks like multi-interest on the smoothed vectors. */
export class GraphSmoothed extends MultiInterest {
  override readonly name = 'graph-smoothed (GraphSAGE-style)';
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
