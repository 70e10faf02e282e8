import { describe, expect, it } from 'vitest';
import { pca2 } from '../../../src/rec/pca.ts';

describe('pca2', () => {
  it('finds the direction of greatest spread first and separates clusters on it', () => {
    // Two clusters far apart along dimension 2, a little noise along 0.
    const a = [[0.1, 0, 5], [-0.1, 0, 5.1], [0, 0.05, 4.9]];
    const b = [[0.1, 0, -5], [0, -0.05, -5.2], [-0.1, 0, -4.8]];
    const { points, explained } = pca2([...a, ...b]);
    expect(explained[0]).toBeGreaterThan(0.99);
    const xa = points.slice(0, 3).map((p) => p[0]);
    const xb = points.slice(3).map((p) => p[0]);
    expect(Math.sign(xa[0]!)).toBe(Math.sign(xa[2]!));
    expect(Math.sign(xa[0]!)).toBe(-Math.sign(xb[0]!));
    expect(Math.abs(xa[0]! - xb[0]!)).toBeGreaterThan(9);
  });

  it('copes with nothing and with identical vectors', () => {
    expect(pca2([])).toEqual({ points: [], explained: [0, 0] });
    expect(pca2([[1, 1], [1, 1]]).points).toEqual([[0, 0], [0, 0]]);
  });
});
