// Runs rankers over a split and reports every metric with a bootstrap 95% interval, overall and per
// history-length segment, plus catalogue coverage, intra-list diversity and novelty.
import { dot } from '../shared/vector.ts';
import { isPositive, type Dataset, type EvalItem } from './dataset.ts';
import { bootstrap, metricsAt, type Interval, type ListMetrics } from './metrics.ts';
import type { Split } from './protocols.ts';
import { recommend, type Ranker } from './ranker.ts';

export const KS = [5, 10, 20] as const;
export type MetricName = `${keyof ListMetrics}@${(typeof KS)[number]}` | 'coverage@10' | 'diversity@10' | 'novelty@10';

export interface RankerResult {
  metrics: Partial<Record<MetricName, Interval>>;
  segments: Record<string, { cases: number; 'ndcg@10': Interval }>;
  cases: number;
  /** NDCG@10 per case, in the split's case order (for paired comparisons). */
  perCase: number[];
  /** Segment of each case, in the same order. */
  caseSegments: string[];
  seconds: number;
}

const NAMES: (keyof ListMetrics)[] = ['precision', 'recall', 'f1', 'ndcg', 'map', 'mrr', 'hit'];

export function evaluate(ds: Dataset, split: Split, ranker: Ranker, seed: number): RankerResult {
  const started = performance.now();
  const items = new Map(ds.items.map((i) => [i.id, i]));
  ranker.fit({ items, events: split.train });
  // Popularity in training, for novelty (self-information of what is recommended).
  const pop = new Map<string, number>();
  let total = 0;
  for (const e of split.train) if (isPositive(e)) {
    pop.set(e.item, (pop.get(e.item) ?? 0) + 1);
    total++;
  }
  const per: Record<string, number[]> = {};
  const push = (k: string, v: number) => (per[k] ??= []).push(v);
  const recommended = new Set<string>();
  const catalogue = new Set<string>();
  const bySegment = new Map<string, number[]>();
  const perCase: number[] = [];
  for (const c of split.cases) {
    for (const it of c.candidates) catalogue.add(it.id);
    const known = new Set(c.history.filter((e) => e.type === 'purchase').map((e) => e.item));
    const list = recommend(ranker, { user: c.user, history: c.history, now: c.now, knows: split.knows, page: c.page }, c.candidates, 20, known);
    for (const k of KS) {
      const m = metricsAt(list, c.truth, k);
      for (const n of NAMES) push(`${n}@${k}`, m[n]);
    }
    const top10 = list.slice(0, 10);
    top10.forEach((id) => recommended.add(id));
    const vecs = top10.map((id) => items.get(id)?.vector).filter((v): v is Float32Array => !!v);
    if (vecs.length > 1) {
      let s = 0;
      let n = 0;
      for (let i = 0; i < vecs.length; i++) for (let j = i + 1; j < vecs.length; j++, n++) s += dot(vecs[i]!, vecs[j]!);
      push('diversity@10', 1 - s / n);
    }
    if (top10.length) push('novelty@10', top10.reduce((a, id) => a - Math.log2(((pop.get(id) ?? 0) + 1) / (total + catalogue.size)), 0) / top10.length);
    const ndcg = metricsAt(list, c.truth, 10).ndcg;
    perCase.push(ndcg);
    (bySegment.get(c.segment) ?? bySegment.set(c.segment, []).get(c.segment)!).push(ndcg);
  }
  const metrics: RankerResult['metrics'] = {};
  for (const [k, values] of Object.entries(per)) metrics[k as MetricName] = bootstrap(values, { seed });
  const cov = catalogue.size ? recommended.size / catalogue.size : 0;
  metrics['coverage@10'] = { mean: cov, lo: cov, hi: cov };
  const segments: RankerResult['segments'] = {};
  for (const [s, values] of [...bySegment].sort()) segments[s] = { cases: values.length, 'ndcg@10': bootstrap(values, { seed }) };
  return { metrics, segments, cases: split.cases.length, perCase, caseSegments: split.cases.map((c) => c.segment), seconds: (performance.now() - started) / 1000 };
}

export type { EvalItem };
