// The two-tower model's promises: with no choices it ranks exactly as content-mean similarity;
// missing shop signals are neutral; trained on a shopper's own choices it learns how much they follow
// a shop's order (and ranks their later choices better); few choices stay near the prior; no
// training sample sees its own answer (its profile is the rest of the history).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ItemSignals } from '../../../src/rec/features.ts';
import { buildProfile, type Profile } from '../../../src/rec/profile.ts';
import { sequenceOf, type SequenceEvent } from '../../../src/rec/samples.ts';
import { meanLogLikelihood, priorWeights, scoreList, train, type TowerWeights } from '../../../src/rec/twotower.ts';
import { rng } from '../../../src/shared/random.ts';
import { dot, normalize } from '../../../src/shared/vector.ts';

const DIM = 16;
const unitVec = (r: () => number) => normalize(Array.from({ length: DIM }, () => r() - 0.5));
const settings = { halfLifeDays: 30, maxInterests: 3 };

function profileFrom(r: () => number, n = 6): Profile {
  const vectors = new Map<string, Float32Array>();
  const events = Array.from({ length: n }, (_, i) => {
    vectors.set(`h${i}`, unitVec(r));
    return { itemId: `h${i}`, type: 'cart' as const, ts: 0 };
  });
  return buildProfile(events, vectors, 0, settings)!;
}

function shop(r: () => number, name: string, n = 60): ItemSignals[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${name}/${i}`, vector: unitVec(r), listPosition: i + 1, reviewCount: r() < 0.5 ? Math.floor(200 / (i + 1)) : undefined,
    rating: 3 + 2 * r(), price: 20 + 80 * r(), brand: r() < 0.5 ? 'Acme' : 'Other',
  }));
}

/** A shopper who opens one of a shop's first five products on each visit, whatever they look like. */
function follower(r: () => number, shops: ItemSignals[][], visits: number): SequenceEvent[] {
  return Array.from({ length: visits }, (_, v) => {
    const s = shops[v % shops.length]!;
    return { itemId: s[Math.floor(r() * 5)]!.id, type: 'view' as const, ts: v * 86_400_000, site: `s${v % shops.length}` };
  });
}

function fitted(events: SequenceEvent[], shops: ItemSignals[][]): TowerWeights {
  const byId = new Map(shops.flat().map((i) => [i.id, i]));
  const seq = sequenceOf(events, (id) => byId.get(id), (site) => shops[Number(site.slice(1))]!, settings);
  return train(seq.samples, seq.user);
}

const order = (s: Float64Array) => [...s.keys()].sort((a, b) => s[b]! - s[a]! || a - b);

describe('two-tower', () => {
  it('with no choices, ranks every shop exactly as content-mean similarity (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
      const r = rng(seed);
      const profile = profileFrom(r);
      const items = shop(r, 'x', 20);
      const byContent = Float64Array.from(items, (it) => dot(profile.mean, it.vector));
      expect(order(scoreList(priorWeights(), profile, items))).toEqual(order(byContent));
    }), { numRuns: 25 });
  });

  it('treats a signal the shop does not show as neutral, and scores every item', () => {
    const r = rng(2);
    const profile = profileFrom(r);
    const w: TowerWeights = { ...priorWeights(), taste: [0, 0, 0, 0, 0, 1, 1, 1], best: [0, 0, 1, 1, 1, 0, 0, 0], follow: 0.5 };
    const items = shop(r, 'x', 10).map((it, i) => (i === 3 ? { id: it.id, vector: it.vector } : it));
    const s = scoreList(w, profile, items);
    expect([...s].every(Number.isFinite)).toBe(true);
    // Without any visible signal, it lands between the shop's best and worst.
    expect(s[3]!).toBeLessThan(Math.max(...s));
    expect(s[3]!).toBeGreaterThan(Math.min(...s));
  });

  it('learns from the shopper\'s own choices how much they follow a shop\'s order, and ranks their next choices better', () => {
    const r = rng(3);
    const shops = [shop(r, 's0'), shop(r, 's1'), shop(r, 's2')];
    const w = fitted(follower(r, shops, 30), shops);
    expect(w.follow, `share ${w.follow.toFixed(2)}, bestseller vector ${w.best.map((x) => x.toFixed(2))}`).toBeGreaterThan(0.5);
    expect(w.best[2]).toBeGreaterThan(0.5);
    const held = shop(r, 's3');
    const profile = profileFrom(r);
    const heldChoices = new Set(held.slice(0, 5).map((i) => i.id));
    const top10 = (weights: TowerWeights) => order(scoreList(weights, profile, held)).slice(0, 10).filter((i) => heldChoices.has(held[i]!.id)).length;
    expect(top10(w)).toBeGreaterThan(top10(priorWeights()));
  });

  it('stays near the prior with few choices and moves further with more', () => {
    const r = rng(4);
    const shops = [shop(r, 's0'), shop(r, 's1')];
    const events = follower(r, shops, 40);
    const one = fitted(events.slice(0, 2), shops);
    const many = fitted(events, shops);
    expect(one.follow).toBeLessThan(many.follow);
    expect(many.trainedOn).toBeGreaterThan(one.trainedOn);
  });

  it('does not learn to follow the order from a shopper who ignores it', () => {
    const r = rng(5);
    const shops = [shop(r, 's0'), shop(r, 's1')];
    const events = Array.from({ length: 30 }, (_, v) => ({ itemId: shops[v % 2]![30 + Math.floor(r() * 30)]!.id, type: 'view' as const, ts: v * 1000, site: `s${v % 2}` }));
    const w = fitted(events, shops);
    // Whatever the bestseller vector learns, it explains few of these choices.
    expect(w.follow * Math.max(0, w.best[2]!)).toBeLessThan(0.2);
  });

  it('training explains the choices better than the prior does', () => {
    const r = rng(6);
    const shops = [shop(r, 's0'), shop(r, 's1')];
    const byId = new Map(shops.flat().map((i) => [i.id, i]));
    const seq = sequenceOf(follower(r, shops, 20), (id) => byId.get(id), (site) => shops[Number(site.slice(1))]!, settings);
    const w = train(seq.samples, seq.user);
    expect(meanLogLikelihood(w, seq.samples)).toBeGreaterThan(meanLogLikelihood(priorWeights(), seq.samples));
  });

  it("scores each choice against the profile of the rest of the history: never its own product, the later choices too", () => {
    const r = rng(8);
    const s0 = shop(r, 's0');
    const s1 = shop(r, 's1');
    const twin = { ...s1[5]!, vector: s0[10]!.vector }; // a look-alike of the first choice, chosen later elsewhere
    const byId = new Map([...s0, ...s1.map((it) => (it.id === twin.id ? twin : it))].map((i) => [i.id, i]));
    const pools = [s0, s1.map((it) => (it.id === twin.id ? twin : it))];
    const poolOf = (site: string) => pools[Number(site.slice(1))]!;
    const first: SequenceEvent = { itemId: s0[10]!.id, type: 'view', ts: 0, site: 's0' };
    const alone = sequenceOf([first], (id) => byId.get(id), poolOf, settings).samples[0]!;
    // Its only product is the answer itself: no profile, the content features are flat.
    expect([0, 1].map((f) => alone.features[alone.chosen * 8 + f])).toEqual([0, 0]);
    const both = sequenceOf([first, { itemId: twin.id, type: 'view', ts: 1, site: 's1' }], (id) => byId.get(id), poolOf, settings).samples[0]!;
    const content = Array.from({ length: both.n }, (_, i) => both.features[i * 8]!);
    expect(content[both.chosen]).toBe(Math.max(...content));
    expect(content[both.chosen]).toBeGreaterThan(1); // in units of the list's spread
  });

  it('builds each sample from what came before the choice only (no sample sees its own brand)', () => {
    const r = rng(7);
    const s0 = shop(r, 's0').map((it, i) => ({ ...it, brand: i === 10 ? 'Solo' : 'Other' }));
    const events: SequenceEvent[] = [{ itemId: s0[10]!.id, type: 'cart', ts: 0, site: 's0' }];
    const seq = sequenceOf(events, (id) => s0.find((i) => i.id === id), () => s0, settings);
    const brandCol = 7;
    const chosen = seq.samples[0]!;
    // Before this first choice the shopper had no brand affinity: the brand feature is flat.
    expect(chosen.features[chosen.chosen * 8 + brandCol]).toBe(0);
    expect(seq.user.brands).toEqual([['solo', 1 / 4]]);
  });
});
