// Metric code against cases computed by hand.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bootstrap, metricsAt, pairedBootstrap } from '../../../src/eval/metrics.ts';

describe('ranking metrics', () => {
  it('matches a hand-computed list: relevant at ranks 1 and 3 of 5, 3 relevant in all', () => {
    const m = metricsAt(['a', 'x', 'b', 'y', 'z'], new Set(['a', 'b', 'c']), 5);
    expect(m.precision).toBeCloseTo(2 / 5);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo((2 * 0.4 * (2 / 3)) / (0.4 + 2 / 3));
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309
    expect(m.ndcg).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3) + 0.5), 6);
    // AP = (1/1 + 2/3) / min(5, 3)
    expect(m.map).toBeCloseTo((1 + 2 / 3) / 3, 6);
    expect(m.mrr).toBe(1);
    expect(m.hit).toBe(1);
  });

  it('first hit at rank 4 of a cut-off of 3 is a miss', () => {
    expect(metricsAt(['x', 'y', 'z', 'a'], new Set(['a']), 3)).toEqual({ precision: 0, recall: 0, f1: 0, ndcg: 0, map: 0, mrr: 0, hit: 0 });
    expect(metricsAt(['x', 'y', 'z', 'a'], new Set(['a']), 4).mrr).toBe(0.25);
  });

  it('counts a repeated item once (ties in a ranker that returns duplicates)', () => {
    const m = metricsAt(['a', 'a', 'b'], new Set(['a', 'b']), 2);
    expect(m.precision).toBe(1);
    expect(m.ndcg).toBeCloseTo(1);
  });

  it('scores a shopper with no relevant item as zero, not NaN', () => {
    expect(metricsAt(['a'], new Set(), 5)).toEqual({ precision: 0, recall: 0, f1: 0, ndcg: 0, map: 0, mrr: 0, hit: 0 });
  });

  it('keeps every metric in [0, 1] and NDCG = 1 for a perfect list (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { maxLength: 12 }), fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }), fc.integer({ min: 1, max: 10 }), (ranked, rel, k) => {
      const m = metricsAt(ranked, new Set(rel), k);
      for (const v of Object.values(m)) expect(v >= 0 && v <= 1 + 1e-12).toBe(true);
      if (rel.length) expect(metricsAt(rel, new Set(rel), k).ndcg).toBeCloseTo(1);
    }));
  });
});

describe('bootstrap interval', () => {
  it('brackets the mean, repeats with the same seed, and is a point for constant data', () => {
    const xs = Array.from({ length: 200 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const a = bootstrap(xs, { seed: 3 });
    expect(a.mean).toBeCloseTo(0.25);
    expect(a.lo).toBeLessThan(0.25);
    expect(a.hi).toBeGreaterThan(0.25);
    expect(a.hi - a.lo).toBeLessThan(0.15);
    expect(bootstrap(xs, { seed: 3 })).toEqual(a);
    expect(bootstrap([0.5, 0.5, 0.5])).toEqual({ mean: 0.5, lo: 0.5, hi: 0.5 });
  });
});

describe('paired bootstrap', () => {
  it('finds a small consistent difference that unpaired intervals would hide', () => {
    // Shoppers differ a lot from one another; a is b + 0.02 for every one of them.
    const b = Array.from({ length: 200 }, (_, i) => (i % 10) / 10);
    const a = b.map((x) => x + 0.02);
    const p = pairedBootstrap(a, b, { seed: 3 });
    expect(p.diff.mean).toBeCloseTo(0.02);
    expect(p.diff.lo).toBeGreaterThan(0.019);
    const ua = bootstrap(a, { seed: 3 });
    const ub = bootstrap(b, { seed: 4 });
    expect(ua.lo).toBeLessThan(ub.hi); // the unpaired intervals overlap
    expect(p.ratio.lo).toBeGreaterThan(1);
  });

  it('an interval around 0 when there is no difference', () => {
    const a = Array.from({ length: 100 }, (_, i) => (i * 37) % 11 / 11);
    const b = [...a].reverse();
    const p = pairedBootstrap(a, b, { seed: 1 });
    expect(p.diff.lo).toBeLessThan(0);
    expect(p.diff.hi).toBeGreaterThan(0);
  });
});
