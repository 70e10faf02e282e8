// One evaluation run: a dataset; the cross-shop cold-start protocol (history cut at the first visit
// to the held-out shop) on the test shoppers, with the whole catalogue and with the current page as
// candidates, every ranker; the warm-up (1/3/5 events), temporal and item cold-start splits beside
// it; paired comparisons of the two-tower with the bars it is judged against. Optionally a small
// random search of the extension's knobs on the validation shoppers first. Never tunes on test shoppers.
import { rng } from '../shared/random.ts';
import { DEFAULT_REC_SETTINGS, type RecSettings } from '../rec/signals.ts';
import { DEFAULT_TRAIN, type TrainOptions } from '../rec/twotower.ts';
import type { Dataset } from './dataset.ts';
import { evaluate, type RankerResult } from './evaluate.ts';
import { pairedBootstrap } from './metrics.ts';
import { crossShop, itemCold, temporal, type Split } from './protocols.ts';
import { allRankers, type Knobs } from './rankers/index.ts';
import { ContentMean, TwoTower, TwoTowerShown } from './rankers/content.ts';
import { RandomRanker, ShopOrder, ShopPopularity } from './rankers/baselines.ts';
import type { Ranker } from './ranker.ts';
import type { Comparison, EvalReport, Table } from './report.ts';

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
export function searchKnobs(ds: Dataset, seed: number, trials = 12, log: (s: string) => void = () => {}): SearchResult {
  const split = crossShop(ds, { seed, users: usersOf(ds, seed, true) });
  const r = rng(seed + 99);
  const out: SearchResult['trials'] = [];
  let best: SearchResult | undefined;
  for (let t = 0; t < trials; t++) {
    const rec: RecSettings = { ...DEFAULT_REC_SETTINGS, halfLifeDays: t ? Math.round(7 + r() * 83) : DEFAULT_REC_SETTINGS.halfLifeDays, maxInterests: t ? 1 + Math.floor(r() * 6) : DEFAULT_REC_SETTINGS.maxInterests };
    const train: Partial<TrainOptions> = t ? { priorStrength: 0.25 * 2 ** (r() * 4), followPrior: 0.25 * 2 ** (r() * 4) } : {};
    const ndcg = evaluate(ds, split, new TwoTower(rec, train), seed).metrics['ndcg@10']!.mean;
    out.push({ knobs: { rec, train }, ndcg10: ndcg });
    log(`  search ${t + 1}/${trials}: half-life ${rec.halfLifeDays} d, ≤${rec.maxInterests} interests, prior strength ${(train.priorStrength ?? DEFAULT_TRAIN.priorStrength).toFixed(2)}, bestseller-share prior ${(train.followPrior ?? DEFAULT_TRAIN.followPrior).toFixed(2)} → validation NDCG@10 ${ndcg.toFixed(3)}`);
    if (!best || ndcg > best.validationNdcg10) best = { knobs: { rec, train }, validationNdcg10: ndcg, trials: out };
  }
  return best!;
}

/** The bars the two-tower is judged against (and its distance to the popularity oracle). */
const VERSUS = ['content-mean', "shop's own order", 'popularity (shop)'];
const SMALL = '1–5 items';
const SHOWN = TwoTowerShown.NAME;

function compare(results: Map<string, RankerResult>, seed: number): Comparison[] {
  const tt = results.get('two-tower');
  if (!tt) return [];
  const out: Comparison[] = [];
  for (const name of VERSUS) {
    const other = results.get(name);
    if (!other) continue;
    out.push({ a: 'two-tower', b: name, segment: 'all', cases: tt.perCase.length, ...pairedBootstrap(tt.perCase, other.perCase, { seed }) });
    const idx = tt.caseSegments.flatMap((s, i) => (s === SMALL ? [i] : []));
    if (idx.length) out.push({ a: 'two-tower', b: name, segment: SMALL, cases: idx.length, ...pairedBootstrap(idx.map((i) => tt.perCase[i]!), idx.map((i) => other.perCase[i]!), { seed }) });
  }
  // What the shopper is shown, against the bar and against the ranker's own list.
  const shown = results.get(SHOWN);
  for (const name of ['content-mean', 'two-tower']) {
    const other = results.get(name);
    if (shown && other) out.push({ a: SHOWN, b: name, segment: 'all', cases: shown.perCase.length, ...pairedBootstrap(shown.perCase, other.perCase, { seed }) });
  }
  return out;
}

function table(split: Split, ds: Dataset, rankers: Ranker[], seed: number, log: (s: string) => void): Table {
  log(`${split.protocol}: ${split.cases.length} test shoppers, ${split.train.length} training events (oracles only)`);
  const t: Table = { protocol: split.protocol, cases: split.cases.length, rankers: {}, oracles: [], segments: {}, seconds: {}, comparisons: [] };
  const results = new Map<string, RankerResult>();
  for (const rk of rankers) {
    if (rk.needsVectors && !ds.items.some((i) => i.vector)) {
      log(`  ${rk.name}: skipped (no item vectors; give --model DIR)`);
      continue;
    }
    const res = evaluate(ds, split, rk, seed);
    results.set(rk.name, res);
    t.rankers[rk.name] = res.metrics;
    if (rk.oracle) t.oracles.push(rk.name);
    t.segments[rk.name] = res.segments;
    t.seconds[rk.name] = Math.round(res.seconds * 10) / 10;
    const m = res.metrics['ndcg@10']!;
    log(`  ${`${rk.name}${rk.oracle ? ' [oracle]' : ''}`.padEnd(42)} NDCG@10 ${m.mean.toFixed(3)} [${m.lo.toFixed(3)}, ${m.hi.toFixed(3)}]  (${res.seconds.toFixed(1)} s)`);
  }
  t.comparisons = compare(results, seed);
  return t;
}

export function runEval(ds: Dataset, o: RunOptions): EvalReport & { search?: SearchResult } {
  const log = o.log ?? (() => {});
  const search = o.search ? searchKnobs(ds, o.seed, 12, log) : undefined;
  const knobs: Knobs = search?.knobs ?? {};
  const test = usersOf(ds, o.seed, false);
  const tables = [
    table(crossShop(ds, { seed: o.seed, users: test }), ds, allRankers(knobs), o.seed, log),
    table(crossShop(ds, { seed: o.seed, users: test, candidates: 'page' }), ds, allRankers(knobs), o.seed, log),
  ];
  if (o.also) {
    const few = (): Ranker[] => [new RandomRanker(), new ShopOrder(), new ContentMean(knobs.rec), new TwoTower(knobs.rec, knobs.train), new ShopPopularity()];
    const splits: Split[] = [1, 3, 5].map((n) => crossShop(ds, { seed: o.seed, users: test, targetEvents: n }));
    splits.push(temporal(ds), itemCold(ds, { seed: o.seed }));
    for (const s of splits) tables.push(table(s, ds, few(), o.seed, log));
  }
  return { dataset: ds.name, config: o.config, seed: o.seed, tables, search };
}
