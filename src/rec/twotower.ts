// The two-tower ranker. User tower: a residual MLP applied to each interest centroid; item tower: a
// residual MLP applied to each item vector. Their last layers start at zero, so an untrained model
// scores max_k cos(interest_k, item) — plain content similarity, a sensible cold start rather than
// noise. A learnable gate α blends that content score with the tower score. Training is BPR on the
// shopper's own sequence (the next thing they engaged with against what was shown with it); a new
// set of weights is adopted only if it ranks the shopper's held-out recent events better (NDCG@10).
// Plain arrays and typed arrays; the same code runs in the extension and in the offline evaluator.
import { rng } from '../shared/random.ts';
import { dot } from '../shared/vector.ts';
import type { Profile } from './profile.ts';

export interface Mlp {
  /** hidden × dim, row-major */
  w1: Float32Array;
  b1: Float32Array;
  /** dim × hidden, row-major; zero at init, so the tower starts as the identity */
  w2: Float32Array;
}

export interface TowerWeights {
  version: number;
  dim: number;
  hidden: number;
  user: Mlp;
  item: Mlp;
  /** Logit of α, the tower's share of the blended score. */
  gate: number;
  trainedOn: number;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

export function initWeights(dim: number, hidden = 32, seed = 1): TowerWeights {
  const r = rng(seed);
  const mlp = (): Mlp => ({
    w1: Float32Array.from({ length: hidden * dim }, () => ((r() - 0.5) * 2) / Math.sqrt(dim)),
    b1: new Float32Array(hidden),
    w2: new Float32Array(dim * hidden),
  });
  return { version: 0, dim, hidden, user: mlp(), item: mlp(), gate: 0, trainedOn: 0 };
}

interface Pass { out: Float32Array; h: Float32Array }

function forward(m: Mlp, x: ArrayLike<number>, dim: number, hidden: number): Pass {
  const h = new Float32Array(hidden);
  for (let i = 0; i < hidden; i++) {
    let s = m.b1[i]!;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += m.w1[o + j]! * x[j]!;
    h[i] = s > 0 ? s : 0;
  }
  const out = Float32Array.from(x as ArrayLike<number>);
  let any = false;
  for (let i = 0; i < hidden && !any; i++) any = h[i] !== 0;
  if (any) {
    for (let j = 0; j < dim; j++) {
      let s = 0;
      const o = j * hidden;
      for (let i = 0; i < hidden; i++) s += m.w2[o + i]! * h[i]!;
      out[j]! += s;
    }
  }
  return { out, h };
}

/** Accumulates into `g` the gradient of `d · out` w.r.t. the MLP's parameters, scaled by `scale`. */
function backward(m: Mlp, g: Mlp, x: ArrayLike<number>, p: Pass, d: Float32Array, scale: number, dim: number, hidden: number): void {
  const dh = new Float32Array(hidden);
  for (let j = 0; j < dim; j++) {
    const dj = d[j]! * scale;
    if (dj === 0) continue;
    const o = j * hidden;
    for (let i = 0; i < hidden; i++) {
      g.w2[o + i]! += dj * p.h[i]!;
      dh[i]! += m.w2[o + i]! * dj;
    }
  }
  for (let i = 0; i < hidden; i++) {
    if (p.h[i]! <= 0 || dh[i] === 0) continue;
    g.b1[i]! += dh[i]!;
    const o = i * dim;
    for (let j = 0; j < dim; j++) g.w1[o + j]! += dh[i]! * x[j]!;
  }
}

/** Content similarity: the best match among the interests (cosine; all vectors are unit length). */
export function contentScore(p: Profile, x: ArrayLike<number>): number {
  let best = -Infinity;
  for (const i of p.interests) best = Math.max(best, dot(i.centroid, x));
  return best;
}

/** How much an item looks like something the shopper said "not for me" to: 0 (nothing alike) to 2. */
export function dismissPenalty(p: Profile, x: ArrayLike<number>): number {
  let worst = 0;
  for (const n of p.negatives) worst = Math.max(worst, dot(n.vector, x));
  return worst > 0.6 ? (2 * (worst - 0.6)) / 0.4 : 0;
}

/** A scorer for one profile: user-tower outputs computed once, item-tower outputs cached per item. */
export class TowerScorer {
  private users: Float32Array[];
  private cache = new Map<string, Float32Array>();
  readonly alpha: number;

  constructor(readonly w: TowerWeights, readonly profile: Profile) {
    this.users = profile.interests.map((i) => forward(w.user, i.centroid, w.dim, w.hidden).out);
    this.alpha = sigmoid(w.gate);
  }

  itemVector(id: string | undefined, x: ArrayLike<number>): Float32Array {
    const hit = id === undefined ? undefined : this.cache.get(id);
    if (hit) return hit;
    const v = forward(this.w.item, x, this.w.dim, this.w.hidden).out;
    if (id !== undefined) this.cache.set(id, v);
    return v;
  }

  tower(x: ArrayLike<number>, id?: string): number {
    const v = this.itemVector(id, x);
    let best = -Infinity;
    for (const u of this.users) best = Math.max(best, dot(u, v));
    return best;
  }

  /** The blended relevance, before "not for me" lowers look-alikes. */
  relevance(x: ArrayLike<number>, id?: string): number {
    return (1 - this.alpha) * contentScore(this.profile, x) + this.alpha * this.tower(x, id);
  }

  score(x: ArrayLike<number>, id?: string): number {
    return this.relevance(x, id) - dismissPenalty(this.profile, x);
  }
}

/** One training example: the profile before the interaction, what was chosen, what was shown with it. */
export interface Sample {
  profile: Profile;
  positive: Float32Array;
  negatives: Float32Array[];
}

function zerosLike(m: Mlp): Mlp {
  return { w1: new Float32Array(m.w1.length), b1: new Float32Array(m.b1.length), w2: new Float32Array(m.w2.length) };
}

function clone(w: TowerWeights): TowerWeights {
  const c = (m: Mlp): Mlp => ({ w1: m.w1.slice(), b1: m.b1.slice(), w2: m.w2.slice() });
  return { ...w, user: c(w.user), item: c(w.item) };
}

/** Gradient of one blended score w.r.t. every parameter, accumulated with `scale`. */
function scoreGrad(w: TowerWeights, p: Profile, x: Float32Array, scale: number, gu: Mlp, gi: Mlp): { score: number; dGate: number } {
  const alpha = sigmoid(w.gate);
  const passes = p.interests.map((i) => forward(w.user, i.centroid, w.dim, w.hidden));
  const item = forward(w.item, x, w.dim, w.hidden);
  let k = 0;
  let tower = -Infinity;
  passes.forEach((pass, i) => {
    const s = dot(pass.out, item.out);
    if (s > tower) {
      tower = s;
      k = i;
    }
  });
  const content = contentScore(p, x);
  backward(w.user, gu, p.interests[k]!.centroid, passes[k]!, item.out, scale * alpha, w.dim, w.hidden);
  backward(w.item, gi, x, item, passes[k]!.out, scale * alpha, w.dim, w.hidden);
  return { score: (1 - alpha) * content + alpha * tower, dGate: alpha * (1 - alpha) * (tower - content) };
}

export interface TrainOptions {
  steps: number;
  lr: number;
  l2: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainOptions = { steps: 300, lr: 0.05, l2: 1e-4, seed: 7 };

/** BPR: for a random sample and one of its shown-but-not-chosen items, push the chosen one above it. */
export function train(w0: TowerWeights, samples: readonly Sample[], o: Partial<TrainOptions> = {}): TowerWeights {
  const opt = { ...DEFAULT_TRAIN, ...o };
  const usable = samples.filter((s) => s.negatives.length && s.profile.interests.length);
  const w = clone(w0);
  if (!usable.length) return w;
  const r = rng(opt.seed);
  for (let step = 0; step < opt.steps; step++) {
    const s = usable[Math.floor(r() * usable.length)]!;
    const neg = s.negatives[Math.floor(r() * s.negatives.length)]!;
    // Score both first to get the BPR coefficient, then accumulate their gradients with it.
    const probeU = zerosLike(w.user);
    const probeI = zerosLike(w.item);
    const pos = scoreGrad(w, s.profile, s.positive, 1, probeU, probeI);
    const gu = zerosLike(w.user);
    const gi = zerosLike(w.item);
    const nScore = scoreGrad(w, s.profile, neg, -1, gu, gi);
    const coef = 1 - sigmoid(pos.score - nScore.score); // −dL/d(pos − neg)
    for (const [g, probe] of [[gu, probeU], [gi, probeI]] as const) {
      for (const key of ['w1', 'b1', 'w2'] as const) for (let i = 0; i < g[key].length; i++) g[key][i]! += probe[key][i]!;
    }
    const step1 = (m: Mlp, g: Mlp) => {
      for (const key of ['w1', 'b1', 'w2'] as const) {
        const a = m[key];
        const d = g[key];
        for (let i = 0; i < a.length; i++) a[i] = a[i]! + opt.lr * (coef * d[i]! - opt.l2 * a[i]!);
      }
    };
    step1(w.user, gu);
    step1(w.item, gi);
    w.gate += opt.lr * coef * (pos.dGate - nScore.dGate);
  }
  return { ...w, version: w0.version + 1, trainedOn: usable.length };
}

/** Mean NDCG@k of the chosen item among what was shown with it. */
export function heldOutNdcg(w: TowerWeights, samples: readonly Sample[], k = 10): number {
  const usable = samples.filter((s) => s.negatives.length && s.profile.interests.length);
  if (!usable.length) return 0;
  let sum = 0;
  for (const s of usable) {
    const scorer = new TowerScorer(w, s.profile);
    const pos = scorer.relevance(s.positive);
    const rank = s.negatives.filter((n) => scorer.relevance(n) > pos).length;
    sum += rank < k ? 1 / Math.log2(rank + 2) : 0;
  }
  return sum / usable.length;
}

export interface Adoption {
  adopted: boolean;
  before: number;
  after: number;
  weights: TowerWeights;
}

/** Trains a candidate on `train` and keeps it only if it beats the current weights on `heldOut`. */
export function trainAndMaybeAdopt(current: TowerWeights, trainSet: readonly Sample[], heldOut: readonly Sample[], o?: Partial<TrainOptions>): Adoption {
  const candidate = train(current, trainSet, o);
  return adoptIfBetter(current, candidate, heldOut);
}

export function adoptIfBetter(current: TowerWeights, candidate: TowerWeights, heldOut: readonly Sample[]): Adoption {
  const before = heldOutNdcg(current, heldOut);
  const after = heldOutNdcg(candidate, heldOut);
  const adopted = after > before;
  return { adopted, before, after, weights: adopted ? candidate : current };
}
