// bench:extract --pages DIR --in-page: what the shopper pays. Each page is opened in Chromium at its
// own address (page-server.ts), its own scripts off, and the extractor runs in the live page as the
// content script calls it (in-page-entry.ts); a fresh navigation per run, so every run is a first
// run on that document, as on a real page view. Beside each run, in the same page and the same run:
// a baseline walk over every element (what any script touching the page pays), the renderer main
// thread's CPU time (/proc/<pid>/schedstat, ns), and the same extractor in Node (linkedom, parse
// excluded). Wall figures swing with other load on a shared machine; the CPU time and the ratio to
// the baseline much less.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseHTML } from 'linkedom';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { extractPage } from '../../src/capture/extract/index.ts';
import { findChromium } from '../lib/browser.ts';
import { descendants } from './proc.ts';
import { InPageProfiler, type ProfileSummary } from './in-page-profile.ts';
import type { InPageRun } from './in-page-entry.ts';
import { servePages, servedUrls } from './page-server.ts';
import { median, quantile, round } from './stats.ts';

export interface InPagePage {
  file: string;
  kind: string;
  /** Medians over the runs. The read in the live page (the content script's fallback): */
  ms: number;
  cpuMs: number;
  baselineMs: number;
  nodeMs: number;
  /** The hand-off, on a fresh load of its own: the page's part (snapshot and message)… */
  handOffMs: number;
  handOffCpuMs: number;
  /** …and the extension document's part (decode, parse, read), off the page's thread. */
  elsewhereMs: number;
  /** The hand-off's output is the live read's, byte for byte (first run). */
  sameOutput: boolean;
}

export interface InPageReport {
  browser: string;
  runs: number;
  pages: InPagePage[];
  /** Over the pages: median and p95 of each page's median. */
  summary: {
    ms: { median: number; p95: number };
    cpuMs: { median: number; p95: number };
    baselineMs: { median: number; p95: number };
    nodeMs: { median: number; p95: number };
    /** Extractor over the baseline walk on the same page, median over pages. */
    vsBaseline: { wall: number; cpu: number };
    handOffMs: { median: number; p95: number };
    handOffCpuMs: { median: number; p95: number };
    elsewhereMs: { median: number; p95: number };
    /** Pages whose hand-off output equals the live read's. */
    sameOutput: number;
    /** Summed over every run of every page. */
    totalWallS: number;
    totalCpuS: number;
  };
  /** Judged on what the shop's page pays as shipped: the hand-off's part, wall ms. */
  goal: { medianMs: number; p95Ms: number; met: boolean };
  /** Requests the pages made that the server answered with 404 (their scripts, styles, photos). */
  refusedRequests: number;
  /** With --profile: the profiled pass (in-page-profile.ts). */
  profile?: ProfileSummary;
}

/** The in-page entry as one script; unminified (function names kept) for the profiler. */
async function bundle(minify = true): Promise<string> {
  const out = await build({
    configFile: false, logLevel: 'warn',
    build: {
      write: false, minify,
      lib: { entry: resolve(import.meta.dirname, 'in-page-entry.ts'), formats: ['iife'], name: 'carryoverBench' },
    },
  });
  const chunk = (Array.isArray(out) ? out : [out]).flatMap((o) => ('output' in o ? o.output : [])).find((c) => c.type === 'chunk');
  if (!chunk || chunk.type !== 'chunk') throw new Error('the in-page bundle came out empty');
  // Named, so that the profiles' frames point into it.
  return `${chunk.code}\n//# sourceURL=carryover-in-page${minify ? '.min' : ''}.js`;
}

/** CPU ns of the renderers' main threads (the thread that runs the page's JavaScript), by pid. */
function rendererCpuNs(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of descendants(process.pid)) {
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // exited while listed
    }
    if (!/--type=renderer/.test(cmd) || /--extension-process/.test(cmd)) continue;
    try {
      out.set(pid, Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]));
    } catch {
      // exited between listing and reading: it ran nothing of ours
    }
  }
  return out;
}

/** `run`'s value and the renderers' main-thread CPU ns spent while it ran. */
async function withRendererCpu<T>(run: () => Promise<T>): Promise<{ value: T; cpuNs: number }> {
  const before = rendererCpuNs();
  const value = await run();
  let cpuNs = 0;
  for (const [pid, ns] of rendererCpuNs()) cpuNs += ns - (before.get(pid) ?? ns);
  return { value, cpuNs };
}

function nodeMs(html: string, url: string): number {
  const { document } = parseHTML(html);
  const t0 = performance.now();
  extractPage(document as unknown as Document, url);
  return performance.now() - t0;
}

const summary = (xs: number[]) => ({ median: round(median(xs)), p95: round(quantile(xs, 0.95)) });

export interface InPageOptions {
  /** Also profile each page once after its timed runs (in-page-profile.ts), writing there. */
  profileDir?: string;
  /** Each page's whole output (first run) as JSON text, by file, for comparing a change's output
   * in the live page as scripts/bench/extract-dump.ts compares it in Node. */
  outputs?: Record<string, string>;
}

export async function benchInPage(dir: string, truths: { file: string; page_url: string }[], runs: number, log: (s: string) => void, opts: InPageOptions = {}): Promise<InPageReport> {
  const found = findChromium();
  if (!found) throw new Error('no Chromium found (set CHROME_PATH)');
  const code = await bundle();
  const profiledCode = opts.profileDir ? await bundle(false) : undefined;
  const urls = servedUrls(truths.map((t) => t.page_url));
  const htmlOf = (i: number) => readFileSync(join(dir, truths[i]!.file), 'utf8');
  const { server, port, requests } = await servePages(urls.map((url, i) => ({ url, html: () => htmlOf(i) })));
  const browser = await chromium.launch({
    executablePath: found.path,
    headless: true,
    args: [
      `--host-resolver-rules=MAP * 127.0.0.1:${port}`, '--no-sandbox', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps',
      // The pages' server holds a throwaway certificate (page-server.ts).
      '--ignore-certificate-errors',
    ],
  });
  const pages: InPagePage[] = [];
  let totalWall = 0;
  let totalCpu = 0;
  let profile: ProfileSummary | undefined;
  try {
    // Scripts off, as the benchmark's saved pages are already rendered; evaluate still runs ours.
    const ctx = await browser.newContext({ javaScriptEnabled: false, ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    const tab = await ctx.newPage();
    const profiler = opts.profileDir ? new InPageProfiler(opts.profileDir, tab) : undefined;
    // Node warmed once, so that its figure is the extractor's and not module loading.
    for (let i = 0; i < truths.length; i++) nodeMs(htmlOf(i), truths[i]!.page_url);
    for (let i = 0; i < truths.length; i++) {
      const ms: number[] = [], cpu: number[] = [], base: number[] = [], inNode: number[] = [];
      const hand: number[] = [], handCpu: number[] = [], away: number[] = [];
      let kind = '';
      let sameOutput = false;
      for (let r = 0; r < runs; r++) {
        await tab.goto(urls[i]!, { waitUntil: 'load' });
        await tab.evaluate(code);
        base.push(await tab.evaluate('__carryoverBench.walk()') as number);
        const { value: run, cpuNs } = await withRendererCpu(() => tab.evaluate('__carryoverBench.extract()') as Promise<InPageRun>);
        const liveOutput = r === 0 ? await tab.evaluate('__carryoverBench.output()') as string : '';
        if (opts.outputs && r === 0) opts.outputs[truths[i]!.file] = liveOutput;
        ms.push(run.ms);
        cpu.push(cpuNs / 1e6);
        totalWall += run.ms / 1000;
        totalCpu += cpuNs / 1e9;
        kind = run.kind;
        inNode.push(nodeMs(htmlOf(i), truths[i]!.page_url));
        // The hand-off on a fresh load of its own, so that it too is a first touch of the page.
        await tab.goto(urls[i]!, { waitUntil: 'load' });
        await tab.evaluate(code);
        const handOff = await withRendererCpu(() => tab.evaluate('__carryoverBench.handOff()') as Promise<number>);
        hand.push(handOff.value);
        handCpu.push(handOff.cpuNs / 1e6);
        away.push((await tab.evaluate('__carryoverBench.elsewhere()') as InPageRun).ms);
        if (r === 0) sameOutput = (await tab.evaluate('__carryoverBench.output()') as string) === liveOutput;
      }
      const p = {
        file: truths[i]!.file, kind, ms: round(median(ms)), cpuMs: round(median(cpu)), baselineMs: round(median(base), 3), nodeMs: round(median(inNode)),
        handOffMs: round(median(hand)), handOffCpuMs: round(median(handCpu)), elsewhereMs: round(median(away)), sameOutput,
      };
      pages.push(p);
      log(`  ${p.file} ${p.kind}: ${p.ms} ms (${p.cpuMs} ms CPU), baseline walk ${p.baselineMs} ms, Node ${p.nodeMs} ms; hand-off ${p.handOffMs} ms (${p.handOffCpuMs} ms CPU) + ${p.elsewhereMs} ms off the page${p.sameOutput ? '' : ', OUTPUT DIFFERS'}`);
      if (profiler && profiledCode) {
        const { cold, warm } = await profiler.page(truths[i]!.file, urls[i]!, profiledCode);
        log(`    profiled: cold ${cold.ms} ms (layout ${cold.layoutMs} ms ×${cold.layoutCount}, style ${cold.styleMs} ms ×${cold.styleCount}), warm ${warm.ms} ms (layout ${warm.layoutMs}, style ${warm.styleMs})`);
      }
    }
    if (profiler) profile = await profiler.finish();
    await ctx.close();
  } finally {
    await browser.close();
    server.close();
  }
  const s = summary(pages.map((p) => p.handOffMs));
  const ratio = (f: (p: InPagePage) => number) => round(median(pages.map((p) => f(p) / Math.max(p.baselineMs, 0.01))), 1);
  return {
    browser: found.version,
    runs,
    pages,
    summary: {
      ms: summary(pages.map((p) => p.ms)),
      cpuMs: summary(pages.map((p) => p.cpuMs)),
      baselineMs: summary(pages.map((p) => p.baselineMs)),
      nodeMs: summary(pages.map((p) => p.nodeMs)),
      vsBaseline: { wall: ratio((p) => p.ms), cpu: ratio((p) => p.cpuMs) },
      totalWallS: round(totalWall, 3),
      totalCpuS: round(totalCpu, 3),
      handOffMs: s,
      handOffCpuMs: summary(pages.map((p) => p.handOffCpuMs)),
      elsewhereMs: summary(pages.map((p) => p.elsewhereMs)),
      sameOutput: pages.filter((p) => p.sameOutput).length,
    },
    goal: { medianMs: 5, p95Ms: 20, met: s.median <= 5 && s.p95 <= 20 },
    refusedRequests: requests.refused,
    ...(profile ? { profile } : {}),
  };
}
