// The evaluator's outputs: one JSON object with every figure and the exact config and seed, a
// markdown report (each table in two sections: what the device can compute, and the oracles that
// need other shoppers' data, never the bar), and an SVG bar chart of the headline NDCG@10.
import type { MetricName, RankerResult } from './evaluate.ts';
import type { Interval } from './metrics.ts';

export interface Comparison {
  a: string;
  b: string;
  segment: string;
  cases: number;
  diff: Interval;
  ratio: Interval;
}

export interface Table {
  protocol: string;
  cases: number;
  rankers: Record<string, Partial<Record<MetricName, Interval>>>;
  /** Names of the rankers that need other shoppers' data. */
  oracles: string[];
  segments: Record<string, RankerResult['segments']>;
  seconds: Record<string, number>;
  /** Paired bootstrap comparisons of the two-tower (same shoppers, same resamples). */
  comparisons: Comparison[];
}

export interface EvalReport {
  dataset: string;
  config: unknown;
  seed: number;
  /** The headline (cross-shop cold start, whole catalogue) first. */
  tables: Table[];
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const ci = (m?: Interval) => (m ? `${f(m.mean)} [${f(m.lo)}, ${f(m.hi)}]` : '–');
const COLS: MetricName[] = ['ndcg@10', 'hit@10', 'recall@10', 'mrr@10', 'ndcg@20', 'coverage@10', 'diversity@10', 'novelty@10'];

function section(t: Table, names: string[], title: string): string[] {
  if (!names.length) return [];
  return [
    `| ${title} | ${COLS.join(' | ')} |`,
    `|---|${COLS.map(() => '---').join('|')}|`,
    ...names.map((n) => `| ${n} | ${COLS.map((c) => (c === 'ndcg@10' ? ci(t.rankers[n]![c]) : f(t.rankers[n]![c]?.mean ?? Number.NaN))).join(' | ')} |`),
  ];
}

export function tableMarkdown(t: Table): string[] {
  const all = Object.keys(t.rankers);
  const device = all.filter((n) => !t.oracles.includes(n));
  const lines = [`**${t.protocol}**, ${t.cases} shoppers; mean [95% bootstrap interval]`, ''];
  lines.push(...section(t, device, 'on the device (own history + what the shop shows)'));
  if (t.oracles.length) lines.push('', ...section(t, t.oracles, 'oracles: need other shoppers\' data (never the bar)'));
  const segs = [...new Set(all.flatMap((n) => Object.keys(t.segments[n] ?? {})))].sort();
  if (segs.length > 1) {
    lines.push('', 'NDCG@10 by history length:', '', `| ranker | ${segs.map((s) => `${s} (n=${t.segments[all[0]!]?.[s]?.cases ?? 0})`).join(' | ')} |`, `|---|${segs.map(() => '---').join('|')}|`);
    for (const n of all) lines.push(`| ${n}${t.oracles.includes(n) ? ' (oracle)' : ''} | ${segs.map((s) => ci(t.segments[n]?.[s]?.['ndcg@10'])).join(' | ')} |`);
  }
  if (t.comparisons.length) {
    lines.push('', 'Paired bootstrap (same shoppers, same resamples), the two-tower (or the list named) against:', '', '| against | shoppers | difference [95%] | ratio [95%] |', '|---|---|---|---|');
    for (const c of t.comparisons) lines.push(`| ${c.a === 'two-tower' ? '' : `${c.a}: `}${c.b}${t.oracles.includes(c.b) ? ' (oracle)' : ''}, ${c.segment} | ${c.cases} | ${ci(c.diff)} | ${ci(c.ratio)} |`);
  }
  return lines;
}

export function markdown(r: EvalReport): string {
  const lines = [`Dataset ${r.dataset}, seed ${r.seed}.`, ''];
  for (const t of r.tables) lines.push(...tableMarkdown(t), '');
  return `${lines.join('\n')}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function svgChart(r: EvalReport, metric: MetricName = 'ndcg@10'): string {
  const t = r.tables[0]!;
  const rows = Object.entries(t.rankers).map(([n, m]) => ({ n: t.oracles.includes(n) ? `${n} (oracle)` : n, m: m[metric]!, oracle: t.oracles.includes(n) })).filter((x) => x.m);
  const w = 760;
  const left = 270;
  const rowH = 26;
  const h = 50 + rows.length * rowH;
  const max = Math.max(0.05, ...rows.map((x) => x.m.hi));
  const x = (v: number) => left + (v / max) * (w - left - 60);
  const bars = rows.map(({ n, m, oracle }, i) => {
    const y = 36 + i * rowH;
    return `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(n)}</text>` +
      `<rect x="${left}" y="${y + 3}" width="${x(m.mean) - left}" height="16" fill="${oracle ? '#b9b9b9' : '#2f6f5e'}"/>` +
      `<line x1="${x(m.lo)}" x2="${x(m.hi)}" y1="${y + 11}" y2="${y + 11}" stroke="#111" stroke-width="2"/>` +
      `<line x1="${x(m.lo)}" x2="${x(m.lo)}" y1="${y + 6}" y2="${y + 16}" stroke="#111"/><line x1="${x(m.hi)}" x2="${x(m.hi)}" y1="${y + 6}" y2="${y + 16}" stroke="#111"/>` +
      `<text x="${x(m.hi) + 6}" y="${y + 15}">${f(m.mean)}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="system-ui, sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="10" y="20" font-size="14">${esc(`${metric} with 95% bootstrap intervals — ${t.protocol}, ${r.dataset}, seed ${r.seed}; grey: oracles`)}</text>${bars}</svg>\n`;
}
