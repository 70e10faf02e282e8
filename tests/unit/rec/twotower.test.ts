// The two-tower model's promises: untrained it ranks exactly as content cosine; trained on a
// shopper's sequence it ranks their held-out choices better; a worse model is never adopted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildProfile, type Profile } from '../../../src/rec/profile.ts';
import { adoptIfBetter, contentScore, heldOutNdcg, initWeights, train, TowerScorer, type Sample } from '../../../src/rec/twotower.ts';
import { rng } from '../../../src/shared/random.ts';
import { normalize } from '../../../src/shared/vector.ts';

const DIM = 16;
const unitVec = (r: () => number) => normalize(Array.from({ length: DIM }, () => r() - 0.5));

function profileFrom(r: () => number, n = 6): Profile {
  const vectors = new Map<string, Float32Array>();
  const events = Array.from({ length: n }, (_, i) => {
    vectors.set(`h${i}`, unitVec(r));
    return { itemId: `h${i}`, type: 'cart' as const, ts: 0 };
  });
  return buildProfile(events, vectors, 0, { halfLifeDays: 30, maxInterests: 3 })!;
}

/** A shopper whose history says "dimension 0", but who, among what is shown, picks the item highest
 * on dimension 5: something content similarity cannot see and training can learn. */
function world(seed: number, count: number): Sample[] {
  const r = rng(seed);
  const base = new Float32Array(DIM);
  base[0] = 1;
  const profile: Profile = { dim: DIM, interests: [{ centroid: base, importance: 1, members: ['h'] }], mean: base, negatives: [], items: 1 };
  return Array.from({ length: count }, () => {
    const shown = Array.from({ length: 8 }, () => normalize(Array.from({ length: DIM }, (_, j) => (j === 0 ? 0.6 + r() * 0.4 : (r() - 0.5) * 0.8))));
    const best = shown.reduce((a, b) => (b[5]! > a[5]! ? b : a));
    return { profile, positive: best, negatives: shown.filter((s) => s !== best) };
  });
}

describe('two-tower', () => {
  it('untrained, scores every item exactly as content cosine (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const r = rng(seed);
      const profile = profileFrom(r);
      const scorer = new TowerScorer(initWeights(DIM, 8, seed), profile);
      const items = Array.from({ length: 20 }, () => unitVec(r));
      for (const x of items) expect(scorer.relevance(x)).toBeCloseTo(contentScore(profile, x), 5);
      const byTower = [...items.keys()].sort((a, b) => scorer.relevance(items[b]!) - scorer.relevance(items[a]!));
      const byCosine = [...items.keys()].sort((a, b) => contentScore(profile, items[b]!) - contentScore(profile, items[a]!));
      expect(byTower).toEqual(byCosine);
    }), { numRuns: 25 });
  });

  it('training on the shopper\'s sequence raises held-out NDCG@10, and is adopted', () => {
    const samples = world(3, 160);
    const trainSet = samples.slice(0, 120);
    const heldOut = samples.slice(120);
    const w0 = initWeights(DIM, 16, 1);
    const before = heldOutNdcg(w0, heldOut);
    const w1 = train(w0, trainSet, { steps: 600, lr: 0.1 });
    const after = heldOutNdcg(w1, heldOut);
    expect(after, `held-out NDCG@10 ${before.toFixed(3)} → ${after.toFixed(3)}`).toBeGreaterThan(before + 0.1);
    const adoption = adoptIfBetter(w0, w1, heldOut);
    expect(adoption).toMatchObject({ adopted: true });
    expect(adoption.weights.version).toBe(1);
  });

  it('keeps the current weights when the candidate is worse on held-out events', () => {
    const samples = world(5, 120);
    const good = train(initWeights(DIM, 16, 1), samples.slice(0, 80), { steps: 600, lr: 0.1 });
    // A candidate trained to prefer the opposite: what was not chosen.
    const flipped = samples.slice(0, 80).map((s) => ({ ...s, positive: s.negatives[0]!, negatives: [s.positive] }));
    const worse = train(good, flipped, { steps: 600, lr: 0.1 });
    const adoption = adoptIfBetter(good, worse, samples.slice(80));
    expect(adoption.adopted).toBe(false);
    expect(adoption.weights).toBe(good);
    expect(adoption.after).toBeLessThan(adoption.before);
  });
});
