// npm run bench -- --fuzz [N] [--json]   (the extractor's fuzz run only; see scripts/bench/fuzz-run.ts)
// npm run bench [-- --json] [-- --model DIR] [-- --backend wasm|auto|webgpu] [-- --images N] [-- --titles N] [-- --stops N]
//               [-- --idle S] [-- --no-fp32] [-- --no-isolation] [-- --skip embedding,native,coldStart,catalogue,ranking,scoring,soak]
// Measures, in one run on this machine, every row of issue 17's table, each against a baseline
// measured in the same run and in process CPU seconds (from /proc) beside wall time:
//  embedding — load, photos and titles through the extension's whole pipeline in Chromium against
//              the same loaded model's bare session.run, and against native ONNX Runtime on the
//              same files (onnxruntime-node, 1 and 2 threads); the extension process's memory;
//  ranking   — top-20 over 1k/10k/100k items against the exact JS float32 scan (rec/topk.ts);
//  scoring   — the two-tower over 300/2k/5k candidates with the listing the shopper is on, against
//              the same without a page (rec/twotower.ts scoreList);
//  coldStart — a never-used shop's listing load to the ranked sidebar, in the extension (ms);
//  catalogue — a never-used shop's whole catalogue of 1,000 and 2,000 products (issue #14): first
//              ranking from titles, the top 100's photos, the crawler's requests per second;
//  soak      — the background stopped at random points (--stops, 50) while listings are captured and
//              embedded (test model): products stored once, impressions once, every job done, nothing lost.
// The model is the real-size twin (npm run make-twin-model) when it is there, else the test model.
// The backend is WebAssembly unless asked: WebGPU here is SwiftShader, a CPU emulation that takes
// many minutes at real size. Never a pass/fail: the numbers are for reading. --no-isolation measures
// the build without the Chrome manifest's cross-origin isolation, i.e. ONNX Runtime on one thread
// (what Firefox runs, and the baseline for the threads' gain).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { TWIN_DIR, twinIsCurrent } from './make-twin-model.ts';
import { benchColdStart, type ColdStart } from './bench/cold-start.ts';
import { benchCatalogue, type CatalogueRow } from './bench/catalogue.ts';
import { benchEmbedding, type EmbeddingBench } from './bench/embedding.ts';
import { benchNative, type NativeRow } from './bench/native.ts';
import { benchRanking, type RankingRow } from './bench/ranking.ts';
import { benchScoring, type ScoringRow } from './bench/scoring.ts';
import { benchSoak, type Soak } from './bench/soak.ts';
import { printTable } from './bench/table.ts';

// `npm run bench -- --fuzz [N]` (issue 12): the extractor's fuzz run, N generated pages (100,000 unless
// given), the same run as `npm run bench:extract -- --fuzz N`; nothing else of the bench runs.
const fuzzAt = process.argv.indexOf('--fuzz');
if (fuzzAt >= 0) {
  const n = Number(process.argv[fuzzAt + 1]);
  const { runFuzz } = await import('./bench/fuzz-run.ts');
  runFuzz(Number.isInteger(n) && n > 0 ? n : 100_000, { json: process.argv.includes('--json'), seed: 1312 });
  process.exit(0);
}

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    model: { type: 'string' },
    backend: { type: 'string', default: 'wasm' },
    images: { type: 'string', default: '48' },
    titles: { type: 'string', default: '128' },
    batch: { type: 'string', default: '32' },
    idle: { type: 'string', default: '60' },
    'no-fp32': { type: 'boolean' },
    'no-isolation': { type: 'boolean' },
    skip: { type: 'string', default: '' },
    stops: { type: 'string', default: '50' },
  },
});
const log = (s: string) => (values.json ? process.stderr.write(`${s}\n`) : console.log(s));
const TOKENS = [8, 24, 40];

function modelDir(): string | undefined {
  if (values.model) return resolve(values.model);
  if (twinIsCurrent()) return TWIN_DIR;
  log('No real-size twin model (npm run make-twin-model writes it): measuring the 60 KB test model, whose figures say little.');
  return undefined;
}

async function buildFor(model: string | undefined): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'carryover-bench-'));
  // The model is named for this build only: the soak's build after it must get the test model.
  const before = process.env.CARRYOVER_MODEL;
  if (model) process.env.CARRYOVER_MODEL = model;
  else delete process.env.CARRYOVER_MODEL;
  log(`Building the test build with ${model ?? 'the test model'}…`);
  try {
    await build({ mode: 'chrome-test', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  } finally {
    if (before === undefined) delete process.env.CARRYOVER_MODEL;
    else process.env.CARRYOVER_MODEL = before;
  }
  if (values['no-isolation']) {
    const file = join(out, 'manifest.json');
    const m = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    delete m.cross_origin_embedder_policy;
    delete m.cross_origin_opener_policy;
    writeFileSync(file, JSON.stringify(m, null, 2));
    log('Without cross-origin isolation: ONNX Runtime on one thread.');
  }
  return out;
}

export interface BenchReport { model?: string; native?: NativeRow[]; embedding?: EmbeddingBench; ranking?: RankingRow[]; scoring?: ScoringRow[]; coldStart?: ColdStart; catalogue?: CatalogueRow[]; soak?: Soak }

async function main() {
  const skip = new Set(values.skip!.split(',').filter(Boolean));
  const model = modelDir();
  const report: BenchReport = { model: model ?? 'carryover-test-clip' };
  if (model && !skip.has('native') && existsSync(join(model, 'onnx'))) {
    log('\nNative ONNX Runtime (onnxruntime-node) on the same files, q8:');
    report.native = [];
    for (const threads of [1, 2]) {
      const r = await benchNative(model, 'q8', TOKENS, threads);
      report.native.push(r);
      log(`  ${threads} thread(s): load ${r.loadS.toFixed(2)} s, ${r.msPerPhoto.toFixed(0)} ms per photo (${r.cpuMsPerPhoto.toFixed(0)} ms CPU), titles/s ${TOKENS.map((t) => r.titlesPerSec[t]!.toFixed(0)).join(' / ')} at ${TOKENS.join(' / ')} tokens`);
    }
  }
  const out = skip.has('embedding') && skip.has('coldStart') && skip.has('catalogue') ? undefined : await buildFor(model);
  try {
    if (out && !skip.has('embedding')) {
      log(`\nEmbedding in Chromium (${values.backend}):`);
      report.embedding = await benchEmbedding(out, {
        backend: values.backend!, images: Number(values.images), batch: Number(values.batch), tokenLengths: TOKENS, titles: Number(values.titles),
        idleS: Number(values.idle), fp32: !values['no-fp32'], log,
      });
    }
    if (out && !skip.has('coldStart')) {
      log('\nCold start — listing load to ranked sidebar on a never-used shop, model loaded…');
      report.coldStart = await benchColdStart(out);
    }
    if (out && !skip.has('catalogue')) {
      log('\nA never-used shop\'s whole catalogue (Shopify-like fixture, 1 request/s, its 429 included):');
      report.catalogue = [];
      for (const n of [1000, 2000]) report.catalogue.push(await benchCatalogue(out, n, log));
    }
  } finally {
    if (out) rmSync(out, { recursive: true, force: true });
  }
  if (!skip.has('soak')) {
    // The soak is about surviving stops, not model speed: it runs the test model's build.
    const soakOut = await buildFor(undefined);
    try {
      report.soak = await benchSoak(soakOut, { stops: Number(values.stops), log });
    } finally {
      rmSync(soakOut, { recursive: true, force: true });
    }
    const k = report.soak;
    log(`\nSoak — background stopped ${k.stops} times while capturing and embedding (${k.seconds} s): ${k.itemsStored}/${k.productsShown} products stored, ${k.impressionsStored}/${k.impressionsExpected} impressions over ${k.pageViews} page views, jobs ${k.jobs.done} done / ${k.jobs.failed} failed / ${k.jobs.left} left, ${k.vectorsComplete} items with both vectors; lost ${k.lost}, duplicated ${k.duplicated}`);
  }
  if (!skip.has('ranking')) report.ranking = benchRanking(log);
  if (!skip.has('scoring')) report.scoring = benchScoring(log);
  printTable(report, log);
  if (values.json) console.log(JSON.stringify(report));
}

main().catch((e: unknown) => {
  console.error(`npm run bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
