// Prints issue 17's table from one bench run: each row's figure, its baseline from the same run
// (as a ratio), and the goal, with whether it is met.
import type { BenchReport } from '../bench.ts';

const f = (x: number, d = 0) => x.toFixed(d);
const mark = (ok: boolean | undefined) => (ok === undefined ? '' : ok ? ' ✓' : ' ✗');

export function tableRows(r: BenchReport): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const e = r.embedding;
  const n1 = r.native?.find((n) => n.threads === 1);
  const n2 = r.native?.find((n) => n.threads === 2);
  if (e) {
    const pipe = e.images.pipeline.cpuS / e.images.pipeline.count;
    const raw = e.images.raw.cpuS / e.images.raw.count;
    const overhead = 100 * (pipe / raw - 1);
    // On SwiftShader the model's work is in the GPU process: the extension's CPU is not its cost, and
    // an emulation's speed is held to no goal (it shows the path works at this size).
    const goal = (ok: boolean | undefined) => (e.emulated ? ' (not held to it: an emulation)' : mark(ok));
    rows.push(['pipeline overhead over bare session.run (process CPU)', `${f(overhead, 1)}% (${f(1000 * (pipe - raw), 1)} ms CPU per photo)`, `≤ 15%${goal(overhead <= 15)}`]);
    const wall = (1000 * e.images.pipeline.wallS) / e.images.pipeline.count;
    const vsNative = n1 ? ` = ${f(1000 * pipe / n1.cpuMsPerPhoto, 2)}× native 1-thread CPU (${f(n1.cpuMsPerPhoto)} ms; native 2 threads ${f(n2?.msPerPhoto ?? NaN)} ms wall)` : '';
    rows.push([`photo embedding, ${e.backend}`, `${f(1000 * pipe)} ms CPU, ${f(wall)} ms wall per photo${vsNative}`, `≤ 1.5× native per thread${goal(n1 ? (1000 * pipe) / n1.cpuMsPerPhoto <= 1.5 : undefined)}`]);
    const was: Record<number, number> = { 8: 58, 24: 24, 40: 18 };
    const titles = e.titles.map((t) => {
      const perS = t.pipeline.count / t.pipeline.wallS;
      const nat = n1?.titlesPerSec[t.tokens];
      return { t: t.tokens, perS, perCpu: t.pipeline.count / t.pipeline.cpuS, nat, ok: was[t.tokens] ? perS >= 2 * was[t.tokens]! : undefined };
    });
    rows.push([`title embedding at ${titles.map((t) => t.t).join(' / ')} tokens`, `${titles.map((t) => f(t.perS, t.perS < 10 ? 1 : 0)).join(' / ')} per s wall (${titles.map((t) => f(t.perCpu)).join(' / ')} per CPU-s)${n1 ? `; native 1 thread ${titles.map((t) => f(t.nat ?? NaN)).join(' / ')}` : ''}`, `≥ 2× 58 / 24 / 18${goal(titles.every((t) => t.ok !== false))}`]);
    // The text tower is built first: a page's titles can be embedded from then on.
    const load = e.load.map((l) => `${l.dtype} ${f(l.wallS, 1)} s${l.steps.text !== undefined ? ` (titles from ${f(l.steps.text / 1000, 1)} s)` : ''} (peak ${f(l.peakPssMb)} MB PSS)`).join(', ');
    const q8 = e.load.find((l) => l.dtype === 'q8');
    const fp32 = e.load.find((l) => l.dtype === 'fp32');
    rows.push(['model load', `${load}${n1 ? `; native ${f(n1.loadS, 2)} s` : ''}`, `≤ 2 s q8${mark(q8 ? q8.wallS <= 2 : undefined)}, fp32 peak ≤ 2 GB${mark(fp32 ? fp32.peakPssMb <= 2048 : undefined)}`]);
    const m = e.memoryMb;
    rows.push(['extension process memory (PSS)', `no model ${f(m.beforeLoad)} MB; loaded ${f(m.loaded)} MB (${f(m.loaded / m.beforeLoad, 1)}×); after a batch ${f(m.afterBatch)} MB; after ${m.idleS} s idle ${f(m.afterIdle)} MB`, `≤ 400 MB in use${mark(m.afterBatch <= 400)}, near no-model after idle${mark(m.afterIdle <= 1.5 * m.beforeLoad)}`]);
  }
  const c = r.coldStart;
  if (c) rows.push([`never-used shop, ${c.candidates} products → first ranked sidebar, model loaded`, `median ${c.medianMs} ms (min ${c.minMs}, max ${c.maxMs}, ${c.loads} loads)`, `≤ 1500 ms${mark(c.medianMs <= 1500)}`]);
  if (c) rows.push(['never-used shop\'s listing → first ranked sidebar, model not loaded', `${c.modelNotLoadedMs} ms (one visit: the load, its titles, the ranking)`, '—']);
  if (c?.pagePhotos) rows.push([`same visit → all its ${c.pagePhotos.photos} photos embedded`, `${c.pagePhotos.ms} ms (the page's photos before any other)`, '—']);
  if (c) {
    const b = c.behindPhotos;
    rows.push(['never-used shop\'s listing → first ranked sidebar, other pages\' photos being embedded', b ? `${b.ms} ms (one visit; ${b.photosWaiting} photos waiting or running)` : 'not measured: the photos were all done before a batch of them was seen running', '≤ 1500 ms' + mark(b ? b.ms <= 1500 : undefined)]);
  }
  for (const k of r.catalogue ?? []) {
    rows.push([`whole catalogue, ${k.products} products (${k.stored} stored): yes → first ranked sidebar from titles / top 100 photos`, `${f(k.firstRankedS, 1)} s / ${f(k.photosS, 1)} s (crawl ${f(k.crawlS, 1)} s, all titles ${f(k.titlesS, 1)} s, ${k.photosRead} photos read)`, '—']);
    rows.push([`whole catalogue, ${k.products} products: requests to the shop`, `${k.requests} at ${f(k.requestsPerS, 2)} per s, ${k.refused429}× 429`, `≤ 1 per s${mark(k.requestsPerS <= 1.01)}`]);
  }
  const big = r.ranking?.filter((x) => x.n === 100_000);
  const idx = big?.find((x) => x.kind.startsWith('int8 WASM'));
  const base = big?.find((x) => x.kind.startsWith('float32'));
  if (idx && base) rows.push(['top-20 of 100,000 512-d items', `${idx.medianMs} ms, recall@20 ${idx.recallAt20} (JS float32 scan ${base.medianMs} ms: ×${idx.speedup})`, `≤ 10 ms${mark(idx.medianMs <= 10)}, recall ≥ 0.99${mark(idx.recallAt20 >= 0.99)}`]);
  const sc = r.scoring?.filter((x) => x.n === Math.max(...r.scoring!.map((y) => y.n)));
  const [noPage, withPage] = [sc?.find((x) => !x.page), sc?.find((x) => x.page)];
  if (noPage && withPage) rows.push([`two-tower scoring of ${noPage.n.toLocaleString('en')} candidates, with a ${withPage.page}-product page`, `${withPage.medianMs} ms (without a page ${noPage.medianMs} ms: ×${withPage.ratio})`, '—']);
  return rows;
}

export function printTable(r: BenchReport, log: (s: string) => void): void {
  log(`\n| what (${r.model}) | measured | goal |\n|---|---|---|`);
  for (const [a, b, c] of tableRows(r)) log(`| ${a} | ${b} | ${c} |`);
}
