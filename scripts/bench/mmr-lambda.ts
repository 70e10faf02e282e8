// npx tsx scripts/bench/mmr-lambda.ts [--reseed N]
// Chooses the sidebar's MMR λ (rank.ts; DEFAULT_REC_SETTINGS.mmrLambda) by a measurement and a
// stated rule, on the validation shoppers of the six worlds of README's "Other worlds" table
// (eval-worlds/*.json), never the test shoppers the tables report.
//
// For each λ on the grid, the list the sidebar shows ("two-tower, as the sidebar shows it") is
// scored on both headline protocols (whole catalogue, current page); each shopper's NDCG@10 is
// pooled over the worlds and paired against the best λ of that protocol (same shoppers, same
// resamples). The worlds' truth is one interest per visit, so they cannot say what variety is worth
// to a shopper, only what it costs; the rule therefore takes as much variety as costs nothing
// measurable: the smallest λ whose paired 95% interval against the best still includes 0 on both
// protocols. Writes the figures and the choice to eval-results/mmr-lambda[-rN].json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/eval/evaluate.ts';
import { pairedBootstrap } from '../../src/eval/metrics.ts';
import { crossShop } from '../../src/eval/protocols.ts';
import { TwoTowerShown } from '../../src/eval/rankers/content.ts';
import { isValidationUser } from '../../src/eval/run.ts';
import { generateWorld } from '../../src/eval/world.ts';
import { DEFAULT_REC_SETTINGS } from '../../src/rec/signals.ts';
import { tableWorlds, takeReseed } from '../lib/eval-worlds.ts';

const args = process.argv.slice(2);
const reseed = takeReseed(args);
if (args.length) throw new Error('usage: mmr-lambda.ts [--reseed N]');

const GRID = [0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1];
const PROTOCOLS = ['catalogue', 'page'] as const;
type Protocol = (typeof PROTOCOLS)[number];
const mean = (a: readonly number[]) => a.reduce((x, y) => x + y, 0) / a.length;

const perCase: Record<Protocol, number[][]> = { catalogue: GRID.map(() => []), page: GRID.map(() => []) };
const worlds: Record<string, Record<Protocol, { cases: number; ndcg10: number[]; diversity10: number[] }>> = {};
for (const { file, cfg } of tableWorlds(reseed)) {
  const ds = generateWorld(cfg);
  const users = new Set(ds.events.map((e) => e.user).filter((u) => isValidationUser(u, cfg.seed)));
  const row = {} as (typeof worlds)[string];
  for (const protocol of PROTOCOLS) {
    const split = crossShop(ds, { seed: cfg.seed, users, candidates: protocol });
    const runs = GRID.map((mmrLambda) => evaluate(ds, split, new TwoTowerShown({ ...DEFAULT_REC_SETTINGS, mmrLambda }), cfg.seed));
    runs.forEach((r, i) => perCase[protocol][i]!.push(...r.perCase));
    row[protocol] = { cases: split.cases.length, ndcg10: runs.map((r) => r.metrics['ndcg@10']!.mean), diversity10: runs.map((r) => r.metrics['diversity@10']!.mean) };
    console.log(`${file.padEnd(28)} ${protocol.padEnd(9)} ${String(split.cases.length).padStart(3)} shoppers  ` + GRID.map((l, i) => `λ ${l}: ${row[protocol].ndcg10[i]!.toFixed(3)}`).join('  '));
  }
  worlds[file] = row;
}

const pooled = {} as Record<Protocol, { best: number; lambda: number; ndcg10: number; diff: number; lo: number; hi: number }[]>;
for (const protocol of PROTOCOLS) {
  const cases = perCase[protocol];
  const best = cases.reduce((b, c, i) => (mean(c) > mean(cases[b]!) ? i : b), 0);
  pooled[protocol] = GRID.map((lambda, i) => {
    const p = pairedBootstrap(cases[i]!, cases[best]!, { seed: 1 });
    return { best: GRID[best]!, lambda, ndcg10: mean(cases[i]!), diff: p.diff.mean, lo: p.diff.lo, hi: p.diff.hi };
  });
  console.log(`pooled ${protocol} (${cases[0]!.length} validation shoppers), against the best λ ${GRID[best]}: ` + pooled[protocol].map((x) => `λ ${x.lambda} ${x.diff.toFixed(4)} [${x.lo.toFixed(4)}, ${x.hi.toFixed(4)}]`).join('; '));
}
const free = (i: number) => PROTOCOLS.every((p) => pooled[p][i]!.hi >= 0);
const at0 = GRID.findIndex((_, i) => free(i));
// The best λ of one protocol may cost something measurable on the other: then no λ is free of cost.
if (at0 < 0) throw new Error('no λ on the grid is within noise of the best on both protocols: widen the grid or choose per protocol');
const chosen = GRID[at0]!;
console.log(`chosen λ ${chosen} (the smallest whose paired interval against the best includes 0 on both protocols; the product's is ${DEFAULT_REC_SETTINGS.mmrLambda})`);
mkdirSync('eval-results', { recursive: true });
const out = join('eval-results', `mmr-lambda${reseed ? `-r${reseed}` : ''}.json`);
writeFileSync(out, JSON.stringify({ reseed, grid: GRID, worlds, pooled, chosen, product: DEFAULT_REC_SETTINGS.mmrLambda }, null, 2));
console.log(`wrote ${out}`);
