// npm run bench [-- --json] [-- --model DIR] [-- --backend auto|webgpu|wasm] [-- --images N] [-- --stops N] [-- --skip embedding,coldStart,ranking,soak]
// Measures, in one run on this machine, with ratios against baselines measured in the same run:
//  embedding — images/s and titles/s through the extension's whole pipeline in Chromium (fetch,
//              decode, preprocess, run, normalise) against the same loaded model's bare session.run;
//  ranking   — top-20 over 1k/10k/100k items, float32 and int8, against exact float32 (rec/topk.ts);
//  coldStart — a never-used shop's listing load to the ranked sidebar, in the extension (ms);
//  soak      — the background stopped at random points (--stops, 50) while listings are captured and
//              embedded: products stored once, impressions once, every job done, nothing lost.
// Never a pass/fail: the numbers are for reading.
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { launch } from '../tests/e2e/harness.ts';
import { benchColdStart, type ColdStart } from './bench/cold-start.ts';
import { benchRanking, type RankingRow } from './bench/ranking.ts';
import { benchSoak, type Soak } from './bench/soak.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean' },
    model: { type: 'string' },
    backend: { type: 'string', default: 'auto' },
    images: { type: 'string', default: '96' },
    batch: { type: 'string', default: '32' },
    skip: { type: 'string', default: '' },
    stops: { type: 'string', default: '50' },
  },
});
const log = (s: string) => (values.json ? process.stderr.write(`${s}\n`) : console.log(s));

async function buildFor(): Promise<string> {
  const out = mkdtempSync(join(tmpdir(), 'carryover-bench-'));
  const model = values.model ? resolve(values.model) : undefined;
  if (model) process.env.CARRYOVER_MODEL = model;
  log(`Building the test build with ${model ?? 'the test model'}…`);
  await build({ mode: 'chrome-test', logLevel: 'warn', build: { outDir: out, emptyOutDir: true } });
  return out;
}

async function benchEmbedding(out: string) {
  const h = await launch({ dist: out, webgpu: values.backend !== 'wasm' });
  try {
    const options = await h.openOptions(); // starts the offscreen document
    await options.getByTestId('backend-name').waitFor({ timeout: 60_000 });
    const n = Number(values.images);
    const products = Array.from({ length: n }, (_, i) => h.shops.catalog[i % h.shops.catalog.length]!);
    const imageUrls = products.map((p, i) => `${h.shops.imageUrl(p)}?n=${i}`); // distinct URLs: no cache hits
    // The fixture server draws each photo on its first request; that is the server's time, not ours.
    // (Node does not resolve *.localhost as Chromium does: ask 127.0.0.1 with the Host header.)
    await Promise.all(products.map((p) => warm(h.shops.imageUrl(p))));
    const titles = Array.from({ length: n * 4 }, (_, i) => h.shops.catalog[i % h.shops.catalog.length]!.title);
    const sw = await h.sw();
    const r = await sw.evaluate(async (args) => {
      const index = await (await fetch(chrome.runtime.getURL('models/index.json'))).json();
      const reply = await chrome.runtime.sendMessage({ type: 'ml/bench', target: 'ml', model: index.model, ...args });
      if (!reply?.ok) throw new Error(reply?.error ?? 'no answer from the model runtime');
      return reply.value;
    }, { override: values.backend, imageUrls, titles, batch: Number(values.batch) });
    await options.close();
    const overheadPct = (100 * (r.rawImagesPerSec - r.pipelineImagesPerSec)) / r.rawImagesPerSec;
    return {
      model: r.modelId as string,
      backend: `${r.backend.backend} (${r.backend.dtype})`,
      reason: r.backend.reason as string,
      images: r.images as number,
      requestSize: r.requestSize as number,
      subBatch: r.subBatch as number,
      imageErrors: r.imageErrors as number,
      pipelineImagesPerSec: round(r.pipelineImagesPerSec),
      rawImagesPerSec: round(r.rawImagesPerSec),
      pipelineTitlesPerSec: round(r.pipelineTitlesPerSec),
      rawTitlesPerSec: round(r.rawTitlesPerSec),
      overheadPct: round(overheadPct),
    };
  } finally {
    await h.close();
  }
}

function warm(url: string): Promise<void> {
  const u = new URL(url);
  return new Promise((res, rej) => {
    get({ host: '127.0.0.1', port: u.port, path: u.pathname, headers: { host: u.host } }, (r) => r.resume().on('end', res)).on('error', rej);
  });
}

const round = (x: number) => Math.round(x * 10) / 10;

async function main() {
  const skip = new Set(values.skip!.split(',').filter(Boolean));
  const result: { embedding?: Awaited<ReturnType<typeof benchEmbedding>>; ranking?: RankingRow[]; coldStart?: ColdStart; soak?: Soak } = {};
  const out = skip.has('embedding') && skip.has('coldStart') && skip.has('soak') ? undefined : await buildFor();
  if (out && !skip.has('embedding')) {
    result.embedding = await benchEmbedding(out);
    const e = result.embedding;
    log(`\nEmbedding — ${e.model} on ${e.backend}: ${e.reason}`);
    log(`  images: pipeline ${e.pipelineImagesPerSec}/s, bare session.run ${e.rawImagesPerSec}/s (pipeline adds ${e.overheadPct}%)`);
    log(`  titles: pipeline ${e.pipelineTitlesPerSec}/s, bare session.run ${e.rawTitlesPerSec}/s`);
  }
  if (out && !skip.has('coldStart')) {
    result.coldStart = await benchColdStart(out);
    const c = result.coldStart;
    log(`\nCold start — listing load to ranked sidebar on a never-used shop (${c.candidates} candidates, ${c.loads} loads): median ${c.medianMs} ms (min ${c.minMs}, max ${c.maxMs}); target ≤ 1500 ms`);
  }
  if (out && !skip.has('soak')) {
    result.soak = await benchSoak(out, { stops: Number(values.stops), log });
    const s = result.soak;
    log(`\nSoak — background stopped ${s.stops} times while capturing and embedding (${s.seconds} s): ${s.itemsStored}/${s.productsShown} products stored, ${s.impressionsStored}/${s.impressionsExpected} impressions over ${s.pageViews} page views, jobs ${s.jobs.done} done / ${s.jobs.failed} failed / ${s.jobs.left} left, ${s.vectorsComplete} items with both vectors; lost ${s.lost}, duplicated ${s.duplicated}`);
  }
  if (out) rmSync(out, { recursive: true, force: true });
  if (!skip.has('ranking')) {
    result.ranking = benchRanking(log);
  }
  if (values.json) console.log(JSON.stringify(result));
}

main().catch((e: unknown) => {
  console.error(`npm run bench failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
  process.exit(1);
});
