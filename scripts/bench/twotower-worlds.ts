// npx tsx scripts/bench/twotower-worlds.ts TAG [BASE_TAG] [--reseed N]
// The two-tower alone on the six worlds of README's "Other worlds" table (eval-worlds/*.json; the
// headline protocol, test shoppers as in `npm run eval`), in about 16 s instead of six full evals.
// Writes each world's per-shopper NDCG@10 to eval-results/twotower-TAG.json; with BASE_TAG, compares
// paired (same shoppers, same resamples) with an earlier run of another version of the code.
// --reseed N adds N to every world's seed: the same knobs with other shoppers and catalogues, to
// check that a change chosen on the table's worlds is not chosen for them (compare runs with the same N).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluate } from '../../src/eval/evaluate.ts';
import { pairedBootstrap } from '../../src/eval/metrics.ts';
import { crossShop } from '../../src/eval/protocols.ts';
import { TwoTower } from '../../src/eval/rankers/content.ts';
import { isValidationUser } from '../../src/eval/run.ts';
import { generateWorld } from '../../src/eval/world.ts';
import { tableWorlds, takeReseed } from '../lib/eval-worlds.ts';

const args = process.argv.slice(2);
const reseed = takeReseed(args);
const [tag, baseTag] = args;
if (!tag) throw new Error('usage: twotower-worlds.ts TAG [BASE_TAG] [--reseed N]');
const out = 'eval-results';
mkdirSync(out, { recursive: true });
const base = baseTag && existsSync(join(out, `twotower-${baseTag}.json`)) ? (JSON.parse(readFileSync(join(out, `twotower-${baseTag}.json`), 'utf8')) as Record<string, number[]>) : undefined;
if (baseTag && !base) throw new Error(`no ${join(out, `twotower-${baseTag}.json`)}: run with that tag first`);
const result: Record<string, number[]> = {};
for (const { file, cfg } of tableWorlds(reseed)) {
  const ds = generateWorld(cfg);
  const users = new Set(ds.events.map((e) => e.user).filter((u) => !isValidationUser(u, cfg.seed)));
  const r = evaluate(ds, crossShop(ds, { seed: cfg.seed, users }), new TwoTower(), cfg.seed);
  result[file] = r.perCase;
  let line = `${file.padEnd(28)} two-tower NDCG@10 ${r.metrics['ndcg@10']!.mean.toFixed(3)}  (${r.seconds.toFixed(1)} s)`;
  const b = base?.[file];
  if (b && b.length === r.perCase.length) {
    const p = pairedBootstrap(r.perCase, b, { seed: cfg.seed });
    line += `  − ${baseTag}: ${p.diff.mean.toFixed(3)} [${p.diff.lo.toFixed(3)}, ${p.diff.hi.toFixed(3)}]`;
  }
  console.log(line);
}
writeFileSync(join(out, `twotower-${tag}.json`), JSON.stringify(result));
