// The two-tower model's promises: with no choices it ranks exactly as content-mean similarity;
// missing shop signals are neutral; trained on a shopper's own choices it learns how much they follow
// a shop's order (and ranks their later choices better); few choices stay near the prior; no
// training sample sees its own answer (its profile is the rest of the history).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEATURES, NF, type ItemSignals } from '../../../src/rec/features.ts';
import { buildProfile, type Profile } from '../../../src/rec/profile.ts';
import { sequenceOf, type SequenceEvent } from '../../../src/rec/samples.ts';
import { meanLogLikelihood, priorWeights, scoreList, storedWeights, train, type TowerWeights } from '../../../src/rec/twotower.ts';
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
    const w: TowerWeights = { ...priorWeights(), taste: [0, 0, 0, 0, 0, 1, 1, 1, 0], best: [0, 0, 1, 1, 1, 0, 0, 0, 0], follow: 0.5 };
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
    expect([0, 1].map((f) => alone.features[alone.chosen * NF + f])).toEqual([0, 0]);
    const both = sequenceOf([first, { itemId: twin.id, type: 'view', ts: 1, site: 's1' }], (id) => byId.get(id), poolOf, settings).samples[0]!;
    const content = Array.from({ length: both.n }, (_, i) => both.features[i * NF]!);
    expect(content[both.chosen]).toBe(Math.max(...content));
    expect(content[both.chosen]).toBeGreaterThan(1); // in units of the list's spread
  });

  it('builds each sample from what came before the choice only (no sample sees its own brand)', () => {
    const r = rng(7);
    const s0 = shop(r, 's0').map((it, i) => ({ ...it, brand: i === 10 ? 'Solo' : 'Other' }));
    const events: SequenceEvent[] = [{ itemId: s0[10]!.id, type: 'cart', ts: 0, site: 's0' }];
    const seq = sequenceOf(events, (id) => s0.find((i) => i.id === id), () => s0, settings);
    const brandCol = FEATURES.indexOf('brand');
    const chosen = seq.samples[0]!;
    // Before this first choice the shopper had no brand affinity: the brand feature is flat.
    expect(chosen.features[chosen.chosen * NF + brandCol]).toBe(0);
    expect(seq.user.brands).toEqual([['solo', 1 / 4]]);
  });

  it('keeps weights learned before the page feature existed, with that feature at its prior', () => {
    const old = { ...priorWeights(), version: 5, taste: [1.4, 0.2, 0, 0, 0, 0.3, 0.5, 0.1], best: [0, 0, 2, 0.4, 0, 0, 0, 0], follow: 0.6, trainedOn: 14 };
    const up = storedWeights(old)!;
    expect(up.taste).toEqual([...old.taste, priorWeights().taste[NF - 1]]);
    expect(up.best).toEqual([...old.best, 0]);
    expect([up.follow, up.version, up.trainedOn]).toEqual([0.6, 5, 14]);
    expect(storedWeights(priorWeights())).toEqual(priorWeights());
    // Another kind, or arrays of different lengths, are not guessed at.
    expect(storedWeights({ ...old, best: [0, 0, 2] })).toBeUndefined();
    expect(storedWeights({ ...old, taste: [1, 0, 0], best: [0, 0, 1] })).toBeUndefined();
    expect(storedWeights({ version: 3, dim: 2, hidden: 32 })).toBeUndefined();
  });
});

describe('the page the shopper is on', () => {
  const pageCol = FEATURES.indexOf('page kind');
  // A shop of two kinds of product (around two directions) and noise; the page shows mostly one.
  function twoKinds(r: () => number, n = 80) {
    const a = unitVec(r);
    const b = unitVec(r);
    const around = (c: Float32Array) => normalize(Array.from(c, (x) => x + 0.25 * (r() - 0.5)));
    return Array.from({ length: n }, (_, i): ItemSignals & { kind: 'a' | 'b' } => ({ id: `s/${i}`, vector: around(i % 2 ? a : b), kind: i % 2 ? 'a' : 'b', listPosition: i + 1 }));
  }

  it("lifts the products of the kind the page shows more than the shop does, and says nothing on a page that is like the shop", () => {
    const r = rng(21);
    const items = twoKinds(r);
    const profile = profileFrom(r);
    const w: TowerWeights = { ...priorWeights(), taste: FEATURES.map((f) => (f === 'page kind' ? 1 : 0)) };
    const pageOfA = items.filter((it) => it.kind === 'a').slice(0, 9).concat(items.filter((it) => it.kind === 'b').slice(0, 1));
    const s = scoreList(w, profile, items, pageOfA.map((it) => it.vector));
    const mean = (k: 'a' | 'b') => items.reduce((acc, it, i) => acc + (it.kind === k ? s[i]! : 0), 0) / items.filter((it) => it.kind === k).length;
    // Kind a fills the page at about twice its share of the shop: a lift of about log 2.
    expect(mean('a')).toBeGreaterThan(mean('b') + 0.5);
    // Kind b is not pushed down: it is lifted by nothing, as a product of no kind on the page is.
    const bs = items.flatMap((it, i) => (it.kind === 'b' ? [s[i]!] : []));
    expect(Math.max(...bs) - Math.min(...bs)).toBeLessThan(1e-9);
    // A page as mixed as the shop: no kind is lifted.
    const mixed = items.slice(0, 20).map((it) => it.vector);
    const m = scoreList(w, profile, items, mixed);
    expect(Math.abs(items.reduce((acc, it, i) => acc + (it.kind === 'a' ? m[i]! : -m[i]!), 0) / items.length)).toBeLessThan(0.2);
    // No page, or too short a one, leaves the feature at 0: the prior's scores are content-mean's.
    for (const page of [undefined, pageOfA.slice(0, 3).map((it) => it.vector)]) {
      const flat = scoreList(w, profile, items, page);
      expect(Math.max(...flat) - Math.min(...flat)).toBeLessThan(1e-9);
    }
  });

  it("finds the page's own kind among its fillers, and lifts only that: two cards of another kind are not what the page is about", () => {
    const r = rng(24);
    // Ten kinds of eight products each.
    const centres = Array.from({ length: 10 }, () => unitVec(r));
    const items = Array.from({ length: 80 }, (_, i): ItemSignals & { kind: number } => ({ id: `s/${i}`, vector: normalize(Array.from(centres[i % 10]!, (x) => x + 0.25 * (r() - 0.5))), kind: i % 10 }));
    const profile = profileFrom(r);
    const w: TowerWeights = { ...priorWeights(), taste: FEATURES.map((f) => (f === 'page kind' ? 1 : 0)) };
    // Six of kind 0, two of kind 1 (twice kind 1's share of the shop), one each of kinds 2 and 3.
    const of = (k: number, n: number) => items.filter((it) => it.kind === k).slice(0, n);
    const page = [...of(0, 6), ...of(1, 2), ...of(2, 1), ...of(3, 1)];
    const s = scoreList(w, profile, items, page.map((it) => it.vector));
    const onPage = new Set(page.map((it) => it.id));
    // Off the page, so that no product's own card plays a part.
    const mean = (k: number) => {
      const xs = items.flatMap((it, i) => (it.kind === k && !onPage.has(it.id) ? [s[i]!] : []));
      return xs.reduce((a, x) => a + x, 0) / xs.length;
    };
    expect(mean(0)).toBeGreaterThan(mean(9) + 1);
    // Measured against the whole page, kind 1's products would be lifted by about log 2; measured
    // against the page's own kind, they are no more than the kinds the page does not show.
    expect(Math.abs(mean(1) - mean(9))).toBeLessThan(0.1);
    expect(Math.abs(mean(2) - mean(9))).toBeLessThan(0.1);
  });

  it("a product's own card on the page is not evidence of its kind", () => {
    const r = rng(22);
    const items = twoKinds(r);
    const profile = profileFrom(r);
    const w: TowerWeights = { ...priorWeights(), taste: FEATURES.map((f) => (f === 'page kind' ? 1 : 0)) };
    // Ten products of kind b and one lone product far from both kinds.
    const lone: ItemSignals = { id: 's/lone', vector: unitVec(r) };
    const all = [...items, lone];
    const page = [...items.filter((it) => it.kind === 'b').slice(0, 10), lone].map((it) => it.vector);
    const s = scoreList(w, profile, all, page);
    const bMean = items.reduce((acc, it, i) => acc + (it.kind === 'b' ? s[i]! : 0), 0) / items.filter((it) => it.kind === 'b').length;
    expect(s[all.length - 1]!).toBeLessThan(bMean);
  });

  it('gives each training choice the listing it was chosen from: read shortly before on that shop (all of its page view), not a sidebar, not another shop', () => {
    const r = rng(23);
    const items = twoKinds(r).map((it) => ({ ...it, id: `s0/${it.id}` }));
    const byId = new Map(items.map((it) => [it.id, it]));
    const listing = items.filter((it) => it.kind === 'a').slice(0, 10);
    const chosen = listing[4]!;
    const col = (events: SequenceEvent[]) => {
      const s = sequenceOf(events, (id) => byId.get(id), () => items, settings).samples.at(-1)!;
      return Array.from({ length: s.n }, (_, i) => s.features[i * NF + pageCol]!);
    };
    const shown = (type: 'impression' | 'rec_impression', site = 's0', ts = 0): SequenceEvent[] => listing.map((it) => ({ itemId: it.id, type, ts, site }));
    const choice = (ts: number): SequenceEvent => ({ itemId: chosen.id, type: 'view', ts, site: 's0' });
    const fromListing = col([...shown('impression'), choice(60_000)]);
    expect(fromListing.some((x) => x !== 0)).toBe(true);
    // A page that loads more cards as it scrolls: one view's impressions at two times are one listing.
    const scrolled = col([...shown('impression').slice(0, 2).map((e) => ({ ...e, view: 'v1' })), ...shown('impression', 's0', 5_000).slice(2).map((e) => ({ ...e, view: 'v1' })), choice(60_000)]);
    expect(scrolled).toEqual(fromListing);
    // Without views, only the last read counts: its two cards are too few to say anything.
    expect(col([...shown('impression').slice(2), ...shown('impression', 's0', 5_000).slice(0, 2), choice(60_000)]).every((x) => x === 0)).toBe(true);
    for (const events of [[...shown('impression'), choice(31 * 60_000)], [...shown('rec_impression'), choice(60_000)], [...shown('impression', 's1'), choice(60_000)], [choice(0)]]) {
      expect(col(events).every((x) => x === 0)).toBe(true);
    }
  });
});

