// Ranking bench: top-20 of n item vectors (512-d, as CLIP ViT-B/32 gives) for one profile query,
// median over repeats, in one run: the JS float32 scan (the baseline: exact), the JS int8 scan, and
// TopKIndex (int8 scan in WebAssembly SIMD, then an exact float32 re-score of the shortlist), each
// with its recall@20 against exact float32 and its speed as a ratio against the baseline.
import { rng } from '../../src/shared/random.ts';
import { matrixOf, quantize, scoresOf, topK } from '../../src/rec/topk.ts';
import { TopKIndex } from '../../src/rec/topk-index.ts';
import { normalize } from '../../src/shared/vector.ts';

export type RankingKind = 'float32 (JS, exact)' | 'int8 (JS)' | 'int8 WASM SIMD + float32 re-score';
export interface RankingRow { n: number; kind: RankingKind; medianMs: number; recallAt20: number; speedup: number }

const DIM = 512;
const K = 20;

/** Clustered vectors (styles) with noise, like a catalogue; seeded. */
export function catalogue(n: number, seed: number): Float32Array[] {
  const r = rng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const centres = Array.from({ length: 64 }, () => normalize(Array.from({ length: DIM }, gauss)));
  return Array.from({ length: n }, () => {
    const c = centres[Math.floor(r() * centres.length)]!;
    return normalize(Array.from({ length: DIM }, (_, j) => c[j]! + 0.6 * gauss() / Math.sqrt(DIM) * 8));
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(f: () => number[], repeats: number): { ms: number; top: number[] } {
  const times: number[] = [];
  let top: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    top = f();
    times.push(performance.now() - t);
  }
  return { ms: median(times), top };
}

export function benchRanking(log: (s: string) => void, sizes = [1_000, 10_000, 100_000]): RankingRow[] {
  const rows: RankingRow[] = [];
  log('\nRanking — top-20 of n 512-d items for one query (median of repeats; × = speed against the JS float32 scan):');
  for (const n of sizes) {
    const items = catalogue(n, n);
    const f32 = matrixOf(items, DIM);
    const i8 = quantize(f32);
    const index = new TopKIndex(f32);
    const queries = catalogue(5, n + 1);
    const repeats = n >= 100_000 ? 7 : 15;
    const out = new Float32Array(n);
    const kinds: [RankingKind, (q: Float32Array) => number[]][] = [
      ['float32 (JS, exact)', (q) => topK(scoresOf(f32, q, out), K)],
      ['int8 (JS)', (q) => topK(scoresOf(i8, q, out), K)],
      ['int8 WASM SIMD + float32 re-score', (q) => index.search(q, K)],
    ];
    const ms = new Map<RankingKind, number[]>(kinds.map(([k]) => [k, []]));
    const recall = new Map<RankingKind, number[]>(kinds.map(([k]) => [k, []]));
    for (const q of queries) {
      let truth = new Set<number>();
      for (const [kind, f] of kinds) {
        const r = time(() => f(q), repeats);
        if (kind === 'float32 (JS, exact)') truth = new Set(r.top);
        ms.get(kind)!.push(r.ms);
        recall.get(kind)!.push(r.top.filter((i) => truth.has(i)).length / K);
      }
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const base = median(ms.get('float32 (JS, exact)')!);
    for (const [kind] of kinds) {
      const m = median(ms.get(kind)!);
      rows.push({ n, kind, medianMs: Math.round(m * 100) / 100, recallAt20: Math.round(mean(recall.get(kind)!) * 1000) / 1000, speedup: Math.round((base / m) * 10) / 10 });
    }
    log(`  n=${n}${index.simd ? '' : ' (no WebAssembly SIMD here: the index ran its JS fallback)'}:`);
    for (const r of rows.filter((x) => x.n === n)) log(`    ${r.kind}: ${r.medianMs} ms (×${r.speedup}), recall@20 ${r.recallAt20}`);
  }
  return rows;
}
