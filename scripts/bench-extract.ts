// npm run bench:extract -- --pages DIR [--json] [--dump FILE] [--in-page [--runs N] [--profile DIR] [--in-page-dump FILE]]
// npm run bench:extract -- --zyte DIR [--json] [--errors]
// npm run bench:extract -- --fuzz N [--json]   (N generated hostile pages; see scripts/bench/fuzz-run.ts)
// --pages: runs Carryover's extractor on every page of DIR (ground truth in DIR/manifest.json) in
// Node, on the HTML parsed by linkedom with no scripts run and each page read as if at its page_url,
// and the opt-in peers (bench-peers/) on the same HTML in the same run. Prints per-field accuracy and
// median ms per page. --in-page also runs the extractor in the live page in Chromium (each page at
// its own address, its scripts off; scripts/bench/in-page.ts): median and p95 ms per page, renderer
// CPU, a baseline walk of the same page and the Node figure beside it; --profile DIR adds one
// profiled load per page (scripts/bench/in-page-profile.ts); --in-page-dump FILE writes each page's
// whole output in the live page (to compare before and after a change). Starts a browser: run it
// under flock /tmp/carryover-browser.lock on a shared machine.
// --zyte: Zyte's product extraction benchmark with its own metric (scripts/bench/zyte.ts), beside
// what Zyte, Diffbot and extruct returned for the same pages.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { extractPage } from '../src/capture/extract/index.ts';
import { FIELDS, fieldCorrect, readTruths, type Extracted, type Truth } from './bench/extract-match.ts';
import { loadPeers } from './bench/load-peers.ts';
import { runZyte } from './bench/zyte-run.ts';
import { runFuzz } from './bench/fuzz-run.ts';
import { benchInPage, type InPageReport } from './bench/in-page.ts';

const { values } = parseArgs({
  options: { pages: { type: 'string' }, zyte: { type: 'string' }, json: { type: 'boolean' }, dump: { type: 'string' }, errors: { type: 'boolean' }, fuzz: { type: 'string' }, 'in-page': { type: 'boolean' }, 'in-page-dump': { type: 'string' }, profile: { type: 'string' }, runs: { type: 'string', default: '3' } },
});
if (values.fuzz) {
  runFuzz(Number(values.fuzz) || 100_000, { json: !!values.json, seed: 1312 });
  process.exit(0);
}
if (values.zyte) {
  runZyte(values.zyte, { json: !!values.json, errors: !!values.errors });
  process.exit(0);
}
if (!values.pages) {
  console.error('usage: npm run bench:extract -- --pages DIR [--json] [--dump FILE]\n       npm run bench:extract -- --zyte DIR [--json] [--errors]\n  --pages DIR holds the pages and a manifest.json with their ground truth (e.g. ../shared/fixtures/real-pages)\n  --zyte DIR is the product extraction benchmark (e.g. ../shared/fixtures/zyte-benchmark)');
  process.exit(2);
}
let truths: Truth[];
try {
  truths = readTruths(values.pages);
} catch (e) {
  console.error(`cannot read ${join(values.pages, 'manifest.json')}: ${(e as Error).message}`);
  process.exit(2);
}

function ours(html: string, url: string): Extracted {
  const { document } = parseHTML(html);
  const page = extractPage(document as unknown as Document, url);
  const p = page.products[0];
  return { kind: page.kind, title: p?.title, price: p?.price, currency: p?.currency, brand: p?.brand, image: p?.imageUrl };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : 0;
};

interface Score {
  accuracy: Record<string, number>;
  msPerPage: number;
}

async function score(run: (html: string, url: string) => Extracted | Promise<Extracted>, dump?: Record<string, Extracted>): Promise<Score> {
  const right = Object.fromEntries(FIELDS.map((f) => [f, 0]));
  const counted = Object.fromEntries(FIELDS.map((f) => [f, 0]));
  const times: number[] = [];
  for (const t of truths) {
    const html = readFileSync(join(values.pages!, t.file), 'utf8');
    const t0 = performance.now();
    let got: Extracted;
    try {
      got = await run(html, t.page_url);
    } catch (e) {
      console.error(`${t.file}: extractor threw: ${(e as Error).message}`);
      got = {};
    }
    times.push(performance.now() - t0);
    if (dump) dump[t.file] = got;
    for (const f of FIELDS) {
      const ok = fieldCorrect(f, got, t);
      if (ok === undefined) continue;
      counted[f]!++;
      if (ok) right[f]!++;
    }
  }
  const accuracy = Object.fromEntries(FIELDS.map((f) => [f, counted[f] ? Math.round((right[f]! / counted[f]!) * 1000) / 1000 : 0]));
  return { accuracy, msPerPage: Math.round(median(times) * 100) / 100 };
}

const dump: Record<string, Extracted> = {};
// One unmeasured pass first, so that no extractor pays for module loading in its timings.
await score(ours);
const mine = await score(ours, dump);
const peers: Record<string, Score> = {};
for (const [name, run] of Object.entries(await loadPeers())) {
  await score(run);
  peers[name] = await score(run);
}
if (values.dump) writeFileSync(values.dump, JSON.stringify(dump, null, 1));
let inPage: InPageReport | undefined;
if (values['in-page']) {
  const log = (s: string) => (values.json ? process.stderr.write(`${s}\n`) : console.log(s));
  log(`In the live page in Chromium, ${Number(values.runs) || 3} fresh page loads each:`);
  const outputs: Record<string, string> | undefined = values['in-page-dump'] ? {} : undefined;
  inPage = await benchInPage(values.pages, truths, Math.max(1, Number(values.runs) || 3), log, { profileDir: values.profile, outputs });
  if (outputs) writeFileSync(values['in-page-dump']!, JSON.stringify(outputs, null, 1));
}

if (values.json) {
  console.log(JSON.stringify({ pages: truths.length, accuracy: mine.accuracy, msPerPage: mine.msPerPage, peers, ...(inPage ? { inPage } : {}) }));
} else {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const row = (name: string, s: Score) => `| ${name} | ${FIELDS.map((f) => pct(s.accuracy[f]!)).join(' | ')} | ${s.msPerPage.toFixed(1)} |`;
  console.log(`${truths.length} pages from ${values.pages} (Node + linkedom, page scripts not run)\n`);
  console.log(`| extractor | ${FIELDS.join(' | ')} | median ms/page |`);
  console.log(`|---|${FIELDS.map(() => '---').join('|')}|---|`);
  console.log(row('carryover', mine));
  for (const [name, s] of Object.entries(peers)) console.log(row(name, s));
  console.log('\nA field a peer does not extract at all counts as wrong for it. Fields with no truth (brand on one page) are not counted.');
  if (inPage) printInPage(inPage);
}

function printInPage(r: InPageReport): void {
  const s = r.summary;
  const mark = r.goal.met ? '✓' : '✗';
  console.log(`\nWhat the shopper pays, ${r.pages.length} pages in ${r.browser} (median over ${r.runs} fresh loads per page; then over pages):\n`);
  console.log('| per page | median | p95 |\n|---|---|---|');
  console.log(`| **as shipped: the shop's page hands the read off** (snapshot, message serialised), wall ms | **${s.handOffMs.median}** | **${s.handOffMs.p95}** |`);
  console.log(`| same, renderer main thread CPU ms | ${s.handOffCpuMs.median} | ${s.handOffCpuMs.p95} |`);
  console.log(`| then in Carryover's document, off the page's thread (copy, parse, read), wall ms | ${s.elsewhereMs.median} | ${s.elsewhereMs.p95} |`);
  console.log(`| the fallback: extractor in the live page, wall ms | ${s.ms.median} | ${s.ms.p95} |`);
  console.log(`| same, renderer main thread CPU ms | ${s.cpuMs.median} | ${s.cpuMs.p95} |`);
  console.log(`| baseline: one walk over every element, wall ms | ${s.baselineMs.median} | ${s.baselineMs.p95} |`);
  console.log(`| extractor in Node (linkedom, parse excluded), ms | ${s.nodeMs.median} | ${s.nodeMs.p95} |`);
  console.log(`\nExtractor / baseline walk on the same page (median over pages): ${s.vsBaseline.wall}× wall, ${s.vsBaseline.cpu}× CPU vs the walk's wall.`);
  console.log(`The hand-off's output equals the live read's on ${s.sameOutput} of ${r.pages.length} pages.`);
  console.log(`All runs of the live read: ${s.totalWallS} s wall, ${s.totalCpuS} s CPU. Goal (on the page's part of the hand-off) median ≤ ${r.goal.medianMs} ms, p95 ≤ ${r.goal.p95Ms} ms: ${mark}. ${r.refusedRequests} subresource requests refused (nothing left the machine).`);
  if (!r.profile) return;
  const m = r.profile.median;
  console.log(`\nProfiled pass (one more fresh load per page, under the sampling profiler; median over pages): cold ${m.coldMs} ms (layout ${m.coldLayoutMs} ms, style ${m.coldStyleMs} ms), the same document again ${m.warmMs} ms (layout ${m.warmLayoutMs} ms, style ${m.warmStyleMs} ms).`);
  console.log(`Self time by function over every page's cold run (${r.profile.dir}/summary.json, .cpuprofile files beside it):\n`);
  console.log('| function | self ms | total ms |\n|---|---|---|');
  for (const f of r.profile.functions.slice(0, 30)) console.log(`| ${f.fn} | ${f.selfMs} | ${f.totalMs} |`);
}
