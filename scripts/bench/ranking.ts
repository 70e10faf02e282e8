// Ranking bench: top-20 of n item vectors (512-d, as CLIP ViT-B/32 gives) for one profile query,
// float32 and int8, median over repeats, and int8's recall@20 against exact float32 in the same run.
import { rng } from '../../src/shared/random.ts';
import { matrixOf, quantize, scoresOf, topK, type Matrix } from '../../src/rec/topk.ts';
import { normalize } from '../../src/shared/vector.ts';

export interface RankingRow { n: number; dtype: 'float32' | 'int8'; medianMs: number; recallAt20: number }

const DIM = 512;
const K = 20;

/** Clustered vectors (styles) with noise, like a catalogue; seeded. */
function catalogue(n: number, seed: number): Float32Array[] {
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

function time(m: Matrix, q: Float32Array, repeats: number): { ms: number; top: number[] } {
  const out = new Float32Array(m.n);
  const times: number[] = [];
  let top: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    top = topK(scoresOf(m, q, out), K);
    times.push(performance.now() - t);
  }
  return { ms: median(times), top };
}

export function benchRanking(log: (s: string) => void, sizes = [1_000, 10_000, 100_000]): RankingRow[] {
  const rows: RankingRow[] = [];
  log('\nRanking — top-20 of n 512-d items for one query (median of repeats):');
  for (const n of sizes) {
    const items = catalogue(n, n);
    const f32 = matrixOf(items, DIM);
    const i8 = quantize(f32);
    const queries = catalogue(5, n + 1);
    const repeats = n >= 100_000 ? 5 : 15;
    const res = { float32: [] as number[], int8: [] as number[], recall: [] as number[] };
    for (const q of queries) {
      const exact = time(f32, q, repeats);
      const approx = time(i8, q, repeats);
      const truth = new Set(exact.top);
      res.float32.push(exact.ms);
      res.int8.push(approx.ms);
      res.recall.push(approx.top.filter((i) => truth.has(i)).length / K);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    rows.push({ n, dtype: 'float32', medianMs: Math.round(median(res.float32) * 100) / 100, recallAt20: 1 });
    rows.push({ n, dtype: 'int8', medianMs: Math.round(median(res.int8) * 100) / 100, recallAt20: Math.round(mean(res.recall) * 1000) / 1000 });
    log(`  n=${n}: float32 ${rows.at(-2)!.medianMs} ms, int8 ${rows.at(-1)!.medianMs} ms (recall@20 ${rows.at(-1)!.recallAt20} against float32)`);
  }
  return rows;
}
