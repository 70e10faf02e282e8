// Ranking metrics for one shopper's list against the set of items they really engaged with, and a
// bootstrap interval over shoppers. Conventions: a list's duplicates count once; a shopper with no
// relevant item scores 0 on every metric (callers decide whether to leave such shoppers out).
import { rng } from '../shared/random.ts';

export interface ListMetrics {
  precision: number;
  recall: number;
  f1: number;
  ndcg: number;
  map: number;
  mrr: number;
  hit: number;
}

/** Metrics at cut-off k for one ranked list. */
export function metricsAt(ranked: readonly string[], relevant: ReadonlySet<string>, k: number): ListMetrics {
  const top: string[] = [];
  const seen = new Set<string>();
  for (const id of ranked) {
    if (top.length === k) break;
    if (!seen.has(id)) {
      seen.add(id);
      top.push(id);
    }
  }
  if (relevant.size === 0) return { precision: 0, recall: 0, f1: 0, ndcg: 0, map: 0, mrr: 0, hit: 0 };
  let hits = 0;
  let dcg = 0;
  let apSum = 0;
  let firstHit = 0;
  top.forEach((id, i) => {
    if (!relevant.has(id)) return;
    hits++;
    dcg += 1 / Math.log2(i + 2);
    apSum += hits / (i + 1);
    if (!firstHit) firstHit = i + 1;
  });
  let idcg = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) idcg += 1 / Math.log2(i + 2);
  const precision = hits / k;
  const recall = hits / relevant.size;
  return {
    precision,
    recall,
    f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    ndcg: dcg / idcg,
    // Average precision normalised by what could have been found in k places.
    map: apSum / Math.min(k, relevant.size),
    mrr: firstHit ? 1 / firstHit : 0,
    hit: hits > 0 ? 1 : 0,
  };
}

export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

/** Mean with a percentile bootstrap 95% interval, seeded so that runs repeat exactly. */
export function bootstrap(values: readonly number[], opts: { resamples?: number; seed?: number } = {}): Interval {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN };
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const resamples = opts.resamples ?? 1000;
  const rand = rng(opts.seed ?? 1);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rand() * n)]!;
    means[r] = sum / n;
  }
  means.sort();
  return { mean, lo: means[Math.floor(0.025 * (resamples - 1))]!, hi: means[Math.ceil(0.975 * (resamples - 1))]! };
}

export interface Paired {
  /** mean(a) − mean(b), with its interval */
  diff: Interval;
  /** mean(a) / mean(b), with its interval */
  ratio: Interval;
}

/** Paired bootstrap over the same cases: each resample draws the same shoppers for a and b. */
export function pairedBootstrap(a: readonly number[], b: readonly number[], opts: { resamples?: number; seed?: number } = {}): Paired {
  const n = a.length;
  if (n === 0 || b.length !== n) return { diff: { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN }, ratio: { mean: Number.NaN, lo: Number.NaN, hi: Number.NaN } };
  const resamples = opts.resamples ?? 1000;
  const rand = rng(opts.seed ?? 1);
  const diffs = new Float64Array(resamples);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sa = 0;
    let sb = 0;
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rand() * n);
      sa += a[j]!;
      sb += b[j]!;
    }
    diffs[r] = (sa - sb) / n;
    ratios[r] = sb ? sa / sb : Number.POSITIVE_INFINITY;
  }
  diffs.sort();
  ratios.sort();
  const ma = a.reduce((x, y) => x + y, 0) / n;
  const mb = b.reduce((x, y) => x + y, 0) / n;
  const lo = Math.floor(0.025 * (resamples - 1));
  const hi = Math.ceil(0.975 * (resamples - 1));
  return { diff: { mean: ma - mb, lo: diffs[lo]!, hi: diffs[hi]! }, ratio: { mean: mb ? ma / mb : Number.POSITIVE_INFINITY, lo: ratios[lo]!, hi: ratios[hi]! } };
}
