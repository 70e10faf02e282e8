// TopKIndex: the WebAssembly SIMD int8 kernel gives exactly the JS int8 dot products, and the
// index's top-k (int8 shortlist, exact re-score) matches exact float32 top-k, skip included, and
// its dot products are the float32 ones to int8's rounding.
import { describe, expect, it } from 'vitest';
import { rng } from '../../../src/shared/random.ts';
import { kernelBytes } from '../../../src/rec/simd-kernel.ts';
import { TopKIndex } from '../../../src/rec/topk-index.ts';
import { matrixOf, quantize, scoresOf, topK } from '../../../src/rec/topk.ts';
import { normalize } from '../../../src/shared/vector.ts';

function vectors(n: number, dim: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => normalize(Array.from({ length: dim }, () => r() - 0.5)));
}

describe('TopKIndex', () => {
  it('compiles a valid WebAssembly SIMD module and uses it for 64-multiple dims', () => {
    expect(WebAssembly.validate(kernelBytes())).toBe(true);
    expect(new TopKIndex(matrixOf(vectors(10, 128, 1))).simd).toBe(true);
    expect(new TopKIndex(matrixOf(vectors(10, 100, 1))).simd).toBe(false);
  });

  it('the SIMD kernel scores every row as the int8 dot product (up to the query\'s scale)', () => {
    const m = matrixOf(vectors(37, 192, 2));
    const q = vectors(1, 192, 3)[0]!;
    const qScale = Math.max(...q.map(Math.abs)) / 127;
    const q8 = Float32Array.from(q, (x) => Math.round(x / qScale));
    const want = scoresOf(quantize(m), q8);
    const got = new TopKIndex(m).roughScores(q);
    for (let i = 0; i < m.n; i++) expect(got[i]).toBeCloseTo(want[i]!, 3);
  });

  it.each([true, false])('dots gives every row\'s dot product to int8\'s rounding (simd: %s)', (simd) => {
    const m = matrixOf(vectors(300, 512, 6));
    const index = new TopKIndex(m, { simd });
    for (const q of vectors(3, 512, 7)) {
      const exact = scoresOf(m, q);
      const got = index.dots(q);
      let worst = 0;
      for (let i = 0; i < m.n; i++) worst = Math.max(worst, Math.abs(got[i]! - exact[i]!));
      expect(worst).toBeLessThan(0.005);
      // Its own row: the rounding leaves a unit vector's self-likeness near 1.
      expect(index.dots(m.data.subarray(0, 512))[0]).toBeCloseTo(1, 2);
    }
  });

  it.each([true, false])('top-20 equals exact float32 top-20 (simd: %s), skipped rows left out', (simd) => {
    const m = matrixOf(vectors(5000, 512, 4));
    const index = new TopKIndex(m, { simd });
    expect(index.simd).toBe(simd);
    for (const q of vectors(5, 512, 5)) {
      const truth = topK(scoresOf(m, q), 20);
      expect(index.search(q, 20)).toEqual(truth);
      const skip = (i: number) => i === truth[0] || i === truth[3];
      expect(index.search(q, 20, { skip })).toEqual(topK(scoresOf(m, q), 20, skip));
    }
  });
});
