// bench:extract --in-page --profile DIR: where the extractor's time goes in the live page. One extra
// fresh load per page after the timed runs (so that the sampling profiler does not touch the timed
// figures): the extractor is run twice on the same document, each under V8's sampling profiler
// (CDP Profiler, 100 µs), with the renderer's style and layout time (CDP Performance.getMetrics)
// read around each call, since reading layout (getBoundingClientRect, innerText, getComputedStyle…)
// on a fresh page makes the renderer compute style and layout for the whole document first, a cost a
// plain walk over the elements does not pay. Writes DIR/<page>.cold.cpuprofile and .warm.cpuprofile
// (open them in DevTools' Performance panel) and DIR/summary.json: self and total time by function
// over every page's cold run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import type { InPageRun } from './in-page-entry.ts';
import { median, round } from './stats.ts';

interface CallFrame { functionName: string; url: string; lineNumber: number; columnNumber: number }
interface ProfileNode { id: number; callFrame: CallFrame; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number }

/** What one call cost the renderer, from CDP's Performance domain (its durations are in seconds). */
export interface RenderCost { layoutMs: number; layoutCount: number; styleMs: number; styleCount: number; scriptMs: number }

export interface ProfiledCall extends RenderCost { ms: number; profiledMs: number }

export interface ProfiledPage { file: string; cold: ProfiledCall; warm: ProfiledCall }

export interface FunctionTime { fn: string; selfMs: number; totalMs: number }

export interface ProfileSummary {
  dir: string;
  pages: ProfiledPage[];
  /** Medians over pages. */
  median: { coldMs: number; warmMs: number; coldLayoutMs: number; coldStyleMs: number; warmLayoutMs: number; warmStyleMs: number };
  /** Summed over every page's cold run, heaviest self time first. */
  functions: FunctionTime[];
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  return new Map(m.map((x) => [x.name, x.value]));
}

function costBetween(a: Map<string, number>, b: Map<string, number>): RenderCost {
  const d = (k: string) => (b.get(k) ?? 0) - (a.get(k) ?? 0);
  return {
    layoutMs: round(d('LayoutDuration') * 1000, 3), layoutCount: d('LayoutCount'),
    styleMs: round(d('RecalcStyleDuration') * 1000, 3), styleCount: d('RecalcStyleCount'),
    scriptMs: round(d('ScriptDuration') * 1000, 3),
  };
}

const frameName = (f: CallFrame) => `${f.functionName || '(anonymous)'}${f.url ? ` ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}` : ''}`;

/** Self and total (inclusive, each function counted once per stack) ms by function. */
export function timeByFunction(p: CpuProfile): Map<string, { self: number; total: number }> {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, { self: number; total: number }>();
  const at = (k: string) => out.get(k) ?? (out.set(k, { self: 0, total: 0 }), out.get(k)!);
  for (let i = 0; i < p.samples.length; i++) {
    // A sample's delta is the time since the previous sample: it belongs to this sample's stack.
    const ms = (p.timeDeltas[i + 1] ?? 0) / 1000;
    let id: number | undefined = p.samples[i]!;
    at(frameName(byId.get(id)!.callFrame)).self += ms;
    const seen = new Set<string>();
    for (; id !== undefined; id = parent.get(id)) {
      const k = frameName(byId.get(id)!.callFrame);
      if (seen.has(k)) continue;
      seen.add(k);
      at(k).total += ms;
    }
  }
  return out;
}

export class InPageProfiler {
  private readonly pages: ProfiledPage[] = [];
  private readonly functions = new Map<string, { self: number; total: number }>();
  private cdp: CDPSession | undefined;

  constructor(private readonly dir: string, private readonly tab: Page) {
    mkdirSync(dir, { recursive: true });
  }

  private async call(cdp: CDPSession, name: string): Promise<{ call: ProfiledCall; profile: CpuProfile }> {
    // Enabled again on each call: a navigation to another site may have moved the tab to another
    // renderer process, whose agents start disabled.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const before = await metrics(cdp);
    await cdp.send('Profiler.start');
    const run = await this.tab.evaluate('__carryoverBench.extract()') as InPageRun;
    const { profile } = await cdp.send('Profiler.stop') as unknown as { profile: CpuProfile };
    const after = await metrics(cdp);
    writeFileSync(join(this.dir, name), JSON.stringify(profile));
    return { call: { ms: round(run.ms, 3), profiledMs: round((profile.endTime - profile.startTime) / 1000, 3), ...costBetween(before, after) }, profile };
  }

  /** One fresh load of `url` (the bench bundle `code` evaluated in it), the extractor run cold then warm. */
  async page(file: string, url: string, code: string): Promise<ProfiledPage> {
    await this.tab.goto(url, { waitUntil: 'load' });
    await this.tab.evaluate(code);
    this.cdp ??= await this.tab.context().newCDPSession(this.tab);
    const stem = file.replace(/[^\w.-]+/g, '_');
    const cold = await this.call(this.cdp, `${stem}.cold.cpuprofile`);
    const warm = await this.call(this.cdp, `${stem}.warm.cpuprofile`);
    for (const [k, v] of timeByFunction(cold.profile)) {
      const f = this.functions.get(k) ?? { self: 0, total: 0 };
      f.self += v.self;
      f.total += v.total;
      this.functions.set(k, f);
    }
    const p = { file, cold: cold.call, warm: warm.call };
    this.pages.push(p);
    return p;
  }

  async finish(): Promise<ProfileSummary> {
    await this.cdp?.detach();
    const m = (f: (p: ProfiledPage) => number) => round(median(this.pages.map(f)), 3);
    const summary: ProfileSummary = {
      dir: this.dir,
      pages: this.pages,
      median: {
        coldMs: m((p) => p.cold.ms), warmMs: m((p) => p.warm.ms),
        coldLayoutMs: m((p) => p.cold.layoutMs), coldStyleMs: m((p) => p.cold.styleMs),
        warmLayoutMs: m((p) => p.warm.layoutMs), warmStyleMs: m((p) => p.warm.styleMs),
      },
      functions: [...this.functions].map(([fn, v]) => ({ fn, selfMs: round(v.self, 2), totalMs: round(v.total, 2) }))
        .sort((a, b) => b.selfMs - a.selfMs),
    };
    writeFileSync(join(this.dir, 'summary.json'), JSON.stringify(summary, null, 1));
    return summary;
  }
}
