// The two-tower ranker, built to learn from one shopper's few choices. Item tower: a product's
// features on its shop (features.ts: likeness to the profile's mean and best interest, its place in
// the shop's own order, its reviews and rating, its price against the shop, its brand, and how much
// more of its kind the listing the shopper is on shows than the shop does: the context). User tower:
// two vectors over those features, as a multi-interest two-tower has several: a taste vector
// (content, price, brands, the page's kind) and a bestseller vector (the shop's order, reviews,
// rating), and how much the shopper follows bestsellers (the share of their choices the second
// explains). Each
// vector's score is its inner product with the item's features; the shopper's score for an item
// is log(share_taste · softmax(taste · f) + share_best · softmax(best · f)) over the shop's
// candidates: a shopper who picks by taste on some visits and takes the bestseller on others
// (the two do not add, they alternate). Ten learned numbers (six taste weights, three bestseller
// weights, the share), not thousands: a median shopper has about a dozen choices.
//
// Prior: no bestseller share, taste = content 1 and the page's kind 0.3, the rest 0: content-mean
// similarity nudged towards what the listing is about, the right cold start for a shopper with no
// choices yet. Training is listwise: each choice against everything the device
// knew on that shop then (the task: pick the chosen product out of the shop, not out of one
// listing that already favours bestsellers); EM for the share, MAP Newton steps for each vector
// with a Gaussian prior. The priors hold a shopper with few choices near content similarity, so
// there is no adoption coin-flip on five held-out samples: the evidence decides how far it moves.
// Plain arrays; the same code runs in the extension and in the offline evaluator.
import { dot } from '../shared/vector.ts';
import { featureMatrix, FEATURES, NF, type ItemSignals, type UserState } from './features.ts';
import type { Profile } from './profile.ts';

export interface TowerWeights {
  kind: 'two-mode';
  version: number;
  /** The taste vector and the bestseller vector, one weight per feature (features.ts FEATURES). */
  taste: number[];
  best: number[];
  /** Share of the shopper's choices that follow the shop's bestsellers (0 at the prior). */
  follow: number;
  /** The user tower's price level and spread (log price relative to the shop) and brand affinities. */
  priceMean: number;
  priceSpread: number;
  brands: [string, number][];
  /** Choices it was learned from. */
  trainedOn: number;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

type Feature = (typeof FEATURES)[number];
const vec = (m: Partial<Record<Feature, number>>) => FEATURES.map((f) => m[f] ?? 0);
/** Which features each vector uses (the other's are held at 0). */
const uses = (names: Feature[]) => names.map((n) => FEATURES.indexOf(n));
const TASTE = uses(['content', 'interest', 'cheaper', 'price fit', 'brand', 'page kind']);
const BEST = uses(['position', 'reviews', 'rating']);
/** The page's kind counts a little from the start: a listing the shopper opened says something
 * about what they are after on every shop (features.ts pageKind). */
const PAGE_PRIOR = 0.3;
export const PRIOR_TASTE: readonly number[] = vec({ content: 1, 'page kind': PAGE_PRIOR });
export const PRIOR_BEST: readonly number[] = vec({ position: 1 });
/** Prior precision per feature, in choices' worth of evidence: content is held hardest (the
 * product's premise, and its two features are nearly collinear). */
const PRIOR_SCALE: readonly number[] = vec({ content: 4, interest: 4, position: 1, reviews: 3, rating: 3, cheaper: 3, 'price fit': 3, brand: 3, 'page kind': 3 });
/** Prior price spread (log units): about a factor of two either way. */
export const PRIOR_SPREAD = 0.7;

export function priorWeights(): TowerWeights {
  return { kind: 'two-mode', version: 0, taste: [...PRIOR_TASTE], best: [...PRIOR_BEST], follow: 0, priceMean: 0, priceSpread: PRIOR_SPREAD, brands: [], trainedOn: 0 };
}

export const isTowerWeights = (w: unknown): w is TowerWeights => {
  const x = w as TowerWeights | undefined;
  return !!x && typeof x === 'object' && x.kind === 'two-mode' && Array.isArray(x.taste) && x.taste.length === NF && Array.isArray(x.best) && x.best.length === NF && Number.isFinite(x.follow);
};

/** Features are only ever appended: weights learned before the last ones existed (8 features before
 * 'page kind') score as learned, with the new features at their priors until the next training. */
const OLDEST_NF = 8;

/** Stored weights as the ranker can use them, or undefined (another kind, or unreadable). */
export function storedWeights(w: unknown): TowerWeights | undefined {
  if (isTowerWeights(w)) return w;
  const x = w as TowerWeights | undefined;
  const n = x && typeof x === 'object' && x.kind === 'two-mode' && Array.isArray(x.taste) && Array.isArray(x.best) ? x.taste.length : 0;
  if (n < OLDEST_NF || n >= NF || x!.best.length !== n) return undefined;
  const upgraded = { ...x!, taste: [...x!.taste, ...PRIOR_TASTE.slice(n)], best: [...x!.best, ...PRIOR_BEST.slice(n)] };
  return isTowerWeights(upgraded) ? upgraded : undefined;
}

export const userState = (w: TowerWeights, profile: Profile, page?: readonly Float32Array[]): UserState => ({ profile, priceMean: w.priceMean, priceSpread: w.priceSpread, brands: new Map(w.brands), page });

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

/** In log-probability units: a near-copy of a dismissed product falls far below anything else. */
export const DISMISS_WEIGHT = 4;

/** log softmax of θ · f over one list (n × NF features). */
function logSoftmax(theta: readonly number[], f: Float64Array, n: number): Float64Array {
  const z = new Float64Array(n);
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    let v = 0;
    for (let k = 0; k < NF; k++) v += theta[k]! * f[i * NF + k]!;
    z[i] = v;
    if (v > max) max = v;
  }
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[i]! - max);
  const lse = max + Math.log(sum);
  for (let i = 0; i < n; i++) z[i]! -= lse;
  return z;
}

/** log of the mixture of the two vectors' softmaxes, per item. */
function mixture(w: Pick<TowerWeights, 'taste' | 'best' | 'follow'>, f: Float64Array, n: number): Float64Array {
  const t = logSoftmax(w.taste, f, n);
  if (w.follow <= 0) return t;
  const b = logSoftmax(w.best, f, n);
  return Float64Array.from(t, (x, i) => Math.log((1 - w.follow) * Math.exp(x) + w.follow * Math.exp(b[i]!)));
}

/** Scores one shop's candidates for one shopper (`page`: the vectors of the listing they are looking
 * at, if any), then "not for me" lowers look-alikes. */
export function scoreList(w: TowerWeights, profile: Profile, items: readonly ItemSignals[], page?: readonly Float32Array[]): Float64Array {
  const f = featureMatrix(userState(w, profile, page), items);
  const m = mixture(w, f, items.length);
  return Float64Array.from(items, (it, i) => m[i]! - DISMISS_WEIGHT * dismissPenalty(profile, it.vector));
}

/** One choice: the features of what the device knew on that shop then, and which one was chosen. */
export interface ListSample {
  features: Float64Array;
  n: number;
  chosen: number;
}

export interface TrainOptions {
  /** Scales every prior precision (1 = as designed). */
  priorStrength: number;
  /** EM iterations. */
  steps: number;
  /** Pseudo-choices that follow taste: the bestseller share starts at 0 and needs this much evidence. */
  followPrior: number;
}

export const DEFAULT_TRAIN: TrainOptions = { priorStrength: 1, steps: 8, followPrior: 0.5 };

/** Weighted listwise log-likelihood of one vector plus its prior, over the features it uses
 * (`idx`; the others stay at 0); with grad/hess (|idx| and |idx|², in idx order), accumulates them. */
function objective(theta: readonly number[], prior: readonly number[], idx: readonly number[], samples: readonly ListSample[], weights: ArrayLike<number>, lambda: number, grad?: Float64Array, hess?: Float64Array): number {
  const m = idx.length;
  let ll = 0;
  samples.forEach((s, si) => {
    const ws = weights[si]!;
    if (ws <= 0) return;
    const z = logSoftmax(theta, s.features, s.n);
    ll += ws * z[s.chosen]!;
    if (!grad || !hess) return;
    const mean = new Float64Array(m);
    for (let i = 0; i < s.n; i++) {
      const q = Math.exp(z[i]!);
      for (let a = 0; a < m; a++) mean[a]! += q * s.features[i * NF + idx[a]!]!;
    }
    for (let a = 0; a < m; a++) grad[a]! += ws * (s.features[s.chosen * NF + idx[a]!]! - mean[a]!);
    const d = new Float64Array(m);
    for (let i = 0; i < s.n; i++) {
      const q = ws * Math.exp(z[i]!);
      if (q < 1e-12) continue;
      for (let a = 0; a < m; a++) d[a] = s.features[i * NF + idx[a]!]! - mean[a]!;
      for (let a = 0; a < m; a++) {
        if (d[a] === 0) continue;
        const qa = q * d[a]!;
        for (let b = a; b < m; b++) hess[a * m + b]! += qa * d[b]!;
      }
    }
  });
  if (hess) for (let a = 0; a < m; a++) for (let b = 0; b < a; b++) hess[a * m + b] = hess[b * m + a]!;
  let pen = 0;
  idx.forEach((k, a) => {
    const dv = theta[k]! - prior[k]!;
    const l = lambda * PRIOR_SCALE[k]!;
    pen += l * dv * dv;
    if (grad && hess) {
      grad[a]! -= l * dv;
      hess[a * m + a]! += l;
    }
  });
  return ll - 0.5 * pen;
}

/** Solves A x = b (A symmetric positive definite, small) by Gaussian elimination with pivoting. */
function solve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const x = Float64Array.from(b);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r * n + c]!) > Math.abs(m[piv * n + c]!)) piv = r;
    if (piv !== c) {
      for (let k = 0; k < n; k++) [m[c * n + k], m[piv * n + k]] = [m[piv * n + k]!, m[c * n + k]!];
      [x[c], x[piv]] = [x[piv]!, x[c]!];
    }
    const d = m[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = m[r * n + c]! / d;
      if (!f) continue;
      for (let k = c; k < n; k++) m[r * n + k]! -= f * m[c * n + k]!;
      x[r]! -= f * x[c]!;
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    let s = x[c]!;
    for (let k = c + 1; k < n; k++) s -= m[c * n + k]! * x[k]!;
    x[c] = s / m[c * n + c]!;
  }
  return x;
}

/** One damped Newton step (with step halving) on one vector's weighted MAP objective. */
function newton(theta: number[], prior: readonly number[], idx: readonly number[], samples: readonly ListSample[], weights: ArrayLike<number>, lambda: number): number[] {
  const m = idx.length;
  const g = new Float64Array(m);
  const h = new Float64Array(m * m);
  const value = objective(theta, prior, idx, samples, weights, lambda, g, h);
  const step = solve(h, g, m);
  for (let t = 1; t > 1e-3; t /= 2) {
    const next = [...theta];
    idx.forEach((k, a) => (next[k] = theta[k]! + t * step[a]!));
    if (objective(next, prior, idx, samples, weights, lambda) >= value) return next;
  }
  return theta;
}

/** Mean log-likelihood per choice (without the priors): how well the weights explain the choices. */
export function meanLogLikelihood(w: Pick<TowerWeights, 'taste' | 'best' | 'follow'>, samples: readonly ListSample[]): number {
  const usable = samples.filter((s) => s.n > 1);
  return usable.length ? usable.reduce((a, s) => a + mixture(w, s.features, s.n)[s.chosen]!, 0) / usable.length : 0;
}

/** MAP weights for the shopper's choices under the priors: EM over which vector explains each
 * choice, Newton steps for each vector. `user` carries the price level/spread and brand affinities
 * the samples were built with (the end of the sequence). */
export function train(samples: readonly ListSample[], user: Pick<TowerWeights, 'priceMean' | 'priceSpread' | 'brands'>, o: Partial<TrainOptions> = {}, version = 0): TowerWeights {
  const opt = { ...DEFAULT_TRAIN, ...o };
  const usable = samples.filter((s) => s.n > 1);
  const n = usable.length;
  let taste = [...PRIOR_TASTE];
  let best = [...PRIOR_BEST];
  let follow = n ? (0.5 * n) / (n + opt.followPrior) : 0;
  for (let it = 0; it < opt.steps && n; it++) {
    // E: how likely each choice came from the bestseller vector.
    const r = usable.map((s) => {
      const t = (1 - follow) * Math.exp(logSoftmax(taste, s.features, s.n)[s.chosen]!);
      const b = follow * Math.exp(logSoftmax(best, s.features, s.n)[s.chosen]!);
      return t + b > 0 ? b / (t + b) : 0;
    });
    // M: the share (with taste pseudo-choices), then each vector on the choices it explains.
    follow = r.reduce((a, x) => a + x, 0) / (n + opt.followPrior);
    taste = newton(taste, PRIOR_TASTE, TASTE, usable, r.map((x) => 1 - x), opt.priorStrength);
    best = newton(best, PRIOR_BEST, BEST, usable, r, opt.priorStrength);
  }
  return { kind: 'two-mode', version: version + 1, taste, best, follow, priceMean: user.priceMean, priceSpread: user.priceSpread, brands: user.brands, trainedOn: n };
}
