// bench:extract --fuzz N: N generated hostile pages (scripts/lib/fuzz-pages.ts) through extractPage
// with the content script's budget, in Node: exceptions, prototype pollution, and CPU ms per page.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { extractPage } from '../../src/capture/extract/index.ts';
import { LIMITS } from '../../src/capture/extract/types.ts';
import { fuzzPage, fuzzUrl, prototypesClean } from '../lib/fuzz-pages.ts';

export function runFuzz(n: number, opts: { json: boolean; seed: number }): void {
  let threw = 0;
  let polluted = 0;
  const ms: number[] = [];
  const chunk = 1000;
  for (let done = 0; done < n; done += chunk) {
    for (const [html, url] of fc.sample(fc.tuple(fuzzPage, fuzzUrl), { numRuns: Math.min(chunk, n - done), seed: opts.seed + done })) {
      const doc = parseHTML(html).document as unknown as Document;
      const c0 = process.cpuUsage();
      try {
        extractPage(doc, url, { budgetMs: LIMITS.pageBudgetMs });
      } catch (e) {
        threw++;
        if (threw <= 5) console.error(`threw on ${url}: ${(e as Error).stack ?? String(e)}`);
      }
      const c = process.cpuUsage(c0);
      ms.push((c.user + c.system) / 1000);
      if (!prototypesClean()) polluted++;
    }
    if (!opts.json) process.stderr.write(`\r${Math.min(done + chunk, n)} / ${n}`);
  }
  ms.sort((a, b) => a - b);
  const q = (p: number) => Math.round((ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? 0) * 100) / 100;
  const over50 = ms.filter((x) => x > 50).length;
  const result = { pages: n, threw, polluted, cpuMs: { median: q(0.5), p95: q(0.95), p99: q(0.99), max: q(1) }, over50ms: over50 };
  if (opts.json) console.log(JSON.stringify(result));
  else console.log(`\n${n} generated pages (Node + linkedom, budget ${LIMITS.pageBudgetMs} ms): ${threw} exceptions, ${polluted} polluted; CPU ms per page median ${result.cpuMs.median}, p95 ${result.cpuMs.p95}, p99 ${result.cpuMs.p99}, max ${result.cpuMs.max}; ${over50} over 50 ms`);
}
