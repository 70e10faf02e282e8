// The evaluator's outputs: one JSON object with every figure and the exact config and seed, a
// markdown table, and an SVG bar chart of NDCG@10 with its intervals.
import type { MetricName, RankerResult } from './evaluate.ts';

export interface EvalReport {
  protocol: string;
  dataset: string;
  config: unknown;
  seed: number;
  cases: number;
  rankers: Record<string, Partial<Record<MetricName, { mean: number; lo: number; hi: number }>>>;
  segments: Record<string, RankerResult['segments']>;
  seconds: Record<string, number>;
  /** Further splits of the same run (0/1/3/5 events on the target shop, temporal, item cold start). */
  also?: { protocol: string; cases: number; ndcg10: Record<string, { mean: number; lo: number; hi: number }> }[];
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '–');
const ci = (m?: { mean: number; lo: number; hi: number }) => (m ? `${f(m.mean)} [${f(m.lo)}, ${f(m.hi)}]` : '–');

export function markdown(r: EvalReport): string {
  const names = Object.keys(r.rankers);
  const cols: MetricName[] = ['ndcg@10', 'hit@10', 'recall@10', 'precision@10', 'map@10', 'mrr@10', 'ndcg@5', 'ndcg@20', 'coverage@10', 'diversity@10', 'novelty@10'];
  const lines = [
    `**${r.protocol}** on ${r.dataset}, seed ${r.seed}, ${r.cases} shoppers; mean [95% bootstrap interval]`,
    '',
    `| ranker | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---').join('|')}|`,
    ...names.map((n) => `| ${n} | ${cols.map((c) => (c === 'ndcg@10' ? ci(r.rankers[n]![c]) : f(r.rankers[n]![c]?.mean ?? Number.NaN))).join(' | ')} |`),
  ];
  const segs = [...new Set(names.flatMap((n) => Object.keys(r.segments[n] ?? {})))].sort();
  if (segs.length) {
    lines.push('', 'NDCG@10 by history length:', '', `| ranker | ${segs.map((s) => `${s} (n=${r.segments[names[0]!]?.[s]?.cases ?? 0})`).join(' | ')} |`, `|---|${segs.map(() => '---').join('|')}|`);
    for (const n of names) lines.push(`| ${n} | ${segs.map((s) => ci(r.segments[n]?.[s]?.['ndcg@10'])).join(' | ')} |`);
  }
  for (const a of r.also ?? []) {
    lines.push('', `NDCG@10, ${a.protocol} (${a.cases} shoppers):`, '', `| ${Object.keys(a.ndcg10).join(' | ')} |`, `|${Object.keys(a.ndcg10).map(() => '---').join('|')}|`, `| ${Object.values(a.ndcg10).map(ci).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function svgChart(r: EvalReport, metric: MetricName = 'ndcg@10'): string {
  const rows = Object.entries(r.rankers).map(([n, m]) => ({ n, m: m[metric]! })).filter((x) => x.m);
  const w = 720;
  const left = 230;
  const rowH = 26;
  const h = 50 + rows.length * rowH;
  const max = Math.max(0.05, ...rows.map((x) => x.m.hi));
  const x = (v: number) => left + (v / max) * (w - left - 60);
  const bars = rows.map(({ n, m }, i) => {
    const y = 36 + i * rowH;
    return `<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(n)}</text>` +
      `<rect x="${left}" y="${y + 3}" width="${x(m.mean) - left}" height="16" fill="#2f6f5e"/>` +
      `<line x1="${x(m.lo)}" x2="${x(m.hi)}" y1="${y + 11}" y2="${y + 11}" stroke="#111" stroke-width="2"/>` +
      `<line x1="${x(m.lo)}" x2="${x(m.lo)}" y1="${y + 6}" y2="${y + 16}" stroke="#111"/><line x1="${x(m.hi)}" x2="${x(m.hi)}" y1="${y + 6}" y2="${y + 16}" stroke="#111"/>` +
      `<text x="${x(m.hi) + 6}" y="${y + 15}">${f(m.mean)}</text>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="system-ui, sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="#fff"/><text x="10" y="20" font-size="14">${esc(`${metric} with 95% bootstrap intervals — ${r.protocol}, ${r.dataset}, seed ${r.seed}`)}</text>${bars}</svg>\n`;
}
