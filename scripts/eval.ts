// npm run eval [-- --quick] [-- --config world.json] [-- --seed N] [-- --search] [-- --json]
//              [-- --dataset pixelrec|amazon --data DIR [--model DIR]] [-- --out eval-results]
// Offline evaluation of cold-start recommendation: the cross-shop protocol with every ranker,
// bootstrap intervals, per-segment figures, and the warm-up, temporal and item cold-start splits.
// Writes JSON, a markdown table and an SVG chart to eval-results/; prints the table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Dataset } from '../src/eval/dataset.ts';
import { loadAmazon } from '../src/eval/loaders/amazon.ts';
import { loadPixelRec } from '../src/eval/loaders/pixelrec.ts';
import { markdown, svgChart } from '../src/eval/report.ts';
import { runEval } from '../src/eval/run.ts';
import { DEFAULT_WORLD, generateWorld, QUICK_WORLD, type WorldConfig } from '../src/eval/world.ts';
import { readWorldConfig } from './lib/eval-worlds.ts';
import { nodeEmbedder } from './lib/node-embedder.ts';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean' }, config: { type: 'string' }, seed: { type: 'string' }, search: { type: 'boolean' },
    json: { type: 'boolean' }, out: { type: 'string', default: 'eval-results' }, dataset: { type: 'string' },
    data: { type: 'string' }, model: { type: 'string' }, 'no-also': { type: 'boolean' },
  },
});
const log = (s: string) => (values.json ? process.stderr.write(`${s}\n`) : console.log(s));

function worldConfig(): WorldConfig {
  const base = values.quick ? QUICK_WORLD : DEFAULT_WORLD;
  const cfg = { ...base, ...(values.config ? readWorldConfig(values.config, `--config ${values.config}`) : {}) };
  if (values.seed) cfg.seed = Number(values.seed);
  return cfg;
}

async function dataset(): Promise<{ ds: Dataset; config: unknown; seed: number }> {
  const seed = Number(values.seed ?? 42);
  if (!values.dataset) {
    const cfg = worldConfig();
    return { ds: generateWorld(cfg), config: cfg, seed: cfg.seed };
  }
  if (!values.data) throw new Error('--dataset needs --data DIR (the folder with the dataset files)');
  const embed = values.model ? await nodeEmbedder(resolve(values.model), resolve(values.data)) : undefined;
  if (!embed) log('No --model given: rankers that need item vectors are skipped.');
  const ds = values.dataset === 'pixelrec' ? await loadPixelRec(resolve(values.data), embed)
    : values.dataset === 'amazon' ? await loadAmazon(resolve(values.data), embed)
    : (() => { throw new Error(`--dataset ${values.dataset}: choose pixelrec or amazon`); })();
  return { ds, config: { dataset: values.dataset, data: values.data, model: values.model ?? null }, seed };
}

async function main() {
  const started = performance.now();
  const { ds, config, seed } = await dataset();
  log(`Dataset: ${ds.name}: ${ds.items.length} items, ${ds.events.length} events`);
  const report = runEval(ds, { seed, config, search: values.search, also: !values['no-also'], log });
  const out = resolve(values.out!);
  mkdirSync(out, { recursive: true });
  const base = join(out, `${values.dataset ?? (values.quick ? 'synthetic-quick' : 'synthetic')}-seed${seed}`);
  writeFileSync(`${base}.json`, JSON.stringify(report, null, 2));
  writeFileSync(`${base}.md`, markdown(report));
  writeFileSync(`${base}.svg`, svgChart(report));
  if (values.json) {
    console.log(JSON.stringify({ config: report.config, seed: report.seed, tables: report.tables.map(({ protocol, cases, rankers, oracles, segments, comparisons }) => ({ protocol, cases, rankers, oracles, segments, comparisons })), search: report.search }));
  } else {
    console.log(`\n${markdown(report)}`);
    const cpu = process.cpuUsage();
    console.log(`Wrote ${base}.json, .md and .svg in ${((performance.now() - started) / 1000).toFixed(0)} s (process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s).`);
  }
}

main().catch((e: unknown) => {
  console.error(`npm run eval failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
