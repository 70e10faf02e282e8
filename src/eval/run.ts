// One evaluation run: a dataset, the cross-shop cold-start protocol on the test shoppers (with the
// warm-up, temporal and item cold-start splits beside it), every ranker; optionally a small random
// search of the extension's knobs on the validation shoppers first. Never tunes on test shoppers.
import { rng } from '../shared/random.ts';
import { DEFAULT_REC_SETTINGS, type RecSettings } from '../rec/signals.ts';
import type { TrainOptions } from '../rec/twotower.ts';
import type { Dataset } from './dataset.ts';
import { evaluate } from './evaluate.ts';
import { crossShop, itemCold, temporal, type Split } from './protocols.ts';
import { allRankers, type Knobs } from './rankers/index.ts';
import { MultiInterest, TwoTower, ContentMean } from './rankers/content.ts';
import { RandomRanker, ShopPopularity } from './rankers/baselines.ts';
import type { Ranker } from './ranker.ts';
import type { EvalReport } from './report.ts';

export interface RunOptions {
  seed: number;
  config: unknown;
  search?: boolean;
  /** Run the warm-up (1/3/5 events), temporal and item cold-start splits too. */
  also?: boolean;
  log?: (s: string) => void;
}

/** A fifth of the shoppers, chosen by a hash of their id, tune knobs; the rest are the test. */
export function isValidationUser(user: string, seed: number): boolean {
  let h = seed;
  for (let i = 0; i < user.length; i++) h = Math.imul(h ^ user.charCodeAt(i), 2654435761);
  return ((h >>> 0) % 5) === 0;
}

function usersOf(ds: Dataset, seed: number, validation: boolean): Set<string> {
  return new Set(ds.events.map((e) => e.user).filter((u) => isValidationUser(u, seed) === validation));
}

export interface SearchResult { knobs: Required<Pick<Knobs, 'rec' | 'train'>>; validationNdcg10: number; trials: { knobs: Knobs; ndcg10: number }[] }

/** Random search over the profile's and the two-tower's knobs, scored on validation shoppers only. */
export function searchKnobs(ds: Dataset, seed: number, trials = 8, log: (s: string) => void = () => {}): SearchResult {
  const split = crossShop(ds, { seed, users: usersOf(ds, seed, true) });
  const r = rng(seed + 99);
  const out: SearchResult['trials'] = [];
  let best: SearchResult | undefined;
  for (let t = 0; t < trials; t++) {
    const rec: RecSettings = { ...DEFAULT_REC_SETTINGS, halfLifeDays: t ? Math.round(7 + r() * 83) : DEFAULT_REC_SETTINGS.halfLifeDays, maxInterests: t ? 1 + Math.floor(r() * 6) : DEFAULT_REC_SETTINGS.maxInterests };
    const train: Partial<TrainOptions> = t ? { lr: 0.01 + r() * 0.09, steps: 100 + Math.floor(r() * 500) } : {};
    const ndcg = evaluate(ds, split, new TwoTower(false, rec, train), seed).metrics['ndcg@10']!.mean;
    out.push({ knobs: { rec, train }, ndcg10: ndcg });
    log(`  search ${t + 1}/${trials}: half-life ${rec.halfLifeDays} d, ≤${rec.maxInterests} interests, lr ${(train.lr ?? 0.05).toFixed(3)}, ${train.steps ?? 300} steps → validation NDCG@10 ${ndcg.toFixed(3)}`);
    if (!best || ndcg > best.validationNdcg10) best = { knobs: { rec, train }, validationNdcg10: ndcg, trials: out };
  }
  return best!;
}

function table(split: Split, ds: Dataset, rankers: Ranker[], seed: number, log: (s: string) => void) {
  const rankersOut: EvalReport['rankers'] = {};
  const segments: EvalReport['segments'] = {};
  const seconds: EvalReport['seconds'] = {};
  for (const rk of rankers) {
    if (rk.needsVectors && !ds.items.some((i) => i.vector)) {
      log(`  ${rk.name}: skipped (no item vectors; give --model DIR)`);
      continue;
    }
    const res = evaluate(ds, split, rk, seed);
    rankersOut[rk.name] = res.metrics;
    segments[rk.name] = res.segments;
    seconds[rk.name] = Math.round(res.seconds * 10) / 10;
    const m = res.metrics['ndcg@10']!;
    log(`  ${rk.name.padEnd(34)} NDCG@10 ${m.mean.toFixed(3)} [${m.lo.toFixed(3)}, ${m.hi.toFixed(3)}]  (${res.seconds.toFixed(1)} s)`);
  }
  return { rankers: rankersOut, segments, seconds };
}

export function runEval(ds: Dataset, o: RunOptions): EvalReport & { search?: SearchResult } {
  const log = o.log ?? (() => {});
  const search = o.search ? searchKnobs(ds, o.seed, 8, log) : undefined;
  const knobs: Knobs = search?.knobs ?? {};
  const test = usersOf(ds, o.seed, false);
  const split = crossShop(ds, { seed: o.seed, users: test });
  log(`${split.protocol}: ${split.cases.length} test shoppers, ${split.train.length} training events`);
  const main = table(split, ds, allRankers(knobs), o.seed, log);
  const report: EvalReport & { search?: SearchResult } = {
    protocol: split.protocol, dataset: ds.name, config: o.config, seed: o.seed, cases: split.cases.length, ...main, search,
  };
  if (o.also) {
    const few = (): Ranker[] => [new RandomRanker(), new ShopPopularity(), new ContentMean(knobs.rec), new MultiInterest(knobs.rec), new TwoTower(false, knobs.rec, knobs.train)];
    const splits: Split[] = [1, 3, 5].map((n) => crossShop(ds, { seed: o.seed, users: test, targetEvents: n }));
    splits.push(temporal(ds), itemCold(ds, { seed: o.seed }));
    report.also = splits.map((s) => {
      log(`${s.protocol}: ${s.cases.length} shoppers`);
      const t = table(s, ds, few(), o.seed, log);
      return { protocol: s.protocol, cases: s.cases.length, ndcg10: Object.fromEntries(Object.entries(t.rankers).map(([n, m]) => [n, m['ndcg@10']!])) };
    });
  }
  return report;
}
