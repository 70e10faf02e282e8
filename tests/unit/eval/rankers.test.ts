// One shared suite for every ranker, on a small synthetic world where the right answer is known.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/eval/evaluate.ts';
import { crossShop, itemCold } from '../../../src/eval/protocols.ts';
import { allRankers } from '../../../src/eval/rankers/index.ts';
import { TwoTower, TwoTowerShown } from '../../../src/eval/rankers/content.ts';
import { buildProfile } from '../../../src/rec/profile.ts';
import { PAGE_BONUS, rank, SIDEBAR_PICKS } from '../../../src/rec/rank.ts';
import { DEFAULT_REC_SETTINGS } from '../../../src/rec/signals.ts';
import { recommend } from '../../../src/eval/ranker.ts';
import { generateWorld, QUICK_WORLD } from '../../../src/eval/world.ts';

const world = generateWorld(QUICK_WORLD);
const split = crossShop(world, { seed: 1 });
const items = new Map(world.items.map((i) => [i.id, i]));
const randomNdcg = evaluate(world, split, allRankers()[0]!, 1).metrics['ndcg@10']!.mean;

describe.each(allRankers().map((r) => [r.name, r] as const))('ranker %s', (_name, ranker) => {
  ranker.fit({ items, events: split.train });
  const c = split.cases[0]!;
  const q = { user: c.user, history: c.history, now: c.now };

  it('gives one finite-or-excluded score per candidate, the same every time', () => {
    const a = ranker.score(q, c.candidates);
    expect(a).toHaveLength(c.candidates.length);
    expect([...a].every((x) => Number.isFinite(x) || x === -Infinity)).toBe(true);
    expect([...ranker.score(q, c.candidates)]).toEqual([...a]);
  });

  it('recommends k distinct candidates and leaves excluded ones out', () => {
    const top = recommend(ranker, q, c.candidates, 10, new Set([c.candidates[0]!.id]));
    expect(new Set(top).size).toBe(10);
    expect(top).not.toContain(c.candidates[0]!.id);
    expect(top.every((id) => c.candidates.some((x) => x.id === id))).toBe(true);
  });

  it.skipIf(ranker.name === 'random')('beats random on cross-shop cold start', () => {
    expect(evaluate(world, split, ranker, 1).metrics['ndcg@10']!.mean).toBeGreaterThan(randomNdcg);
  });
});

describe("the sidebar's list", () => {
  const page = crossShop(world, { seed: 1, candidates: 'page' });
  const shown = new TwoTowerShown();
  const tower = new TwoTower();
  for (const r of [shown, tower]) r.fit({ items, events: page.train });
  const cases = page.cases.filter((c) => c.page);
  const queryOf = (c: (typeof cases)[number]) => ({ user: c.user, history: c.history, now: c.now, knows: page.knows, page: c.page });

  it("is the two-tower's scores, then rank() as the sidebar calls it, ahead of the rest in the scores' order", () => {
    expect(cases.length).toBeGreaterThan(5);
    for (const c of cases) {
      const q = queryOf(c);
      const list = recommend(shown, q, c.candidates, c.candidates.length);
      const scores = tower.score(q, c.candidates);
      const signals = c.candidates.map((it) => ({ id: it.id, vector: it.vector!, listPosition: it.listPosition, reviewCount: it.reviewCount, rating: it.rating, price: it.price, brand: it.brand, onPage: c.page!.includes(it.id) }));
      const profile = buildProfile(c.history.map((e) => ({ itemId: e.item, type: e.type, ts: e.ts, site: e.shop })), new Map(world.items.map((i) => [i.id, i.vector!])), c.now, DEFAULT_REC_SETTINGS)!;
      const bought = new Set(c.history.filter((e) => e.type === 'purchase').map((e) => e.item));
      const picks = rank(tower.last!, profile, signals, [], { k: SIDEBAR_PICKS, mmrLambda: DEFAULT_REC_SETTINGS.mmrLambda, exclude: bought, pageBonus: PAGE_BONUS }, scores);
      expect(list.slice(0, SIDEBAR_PICKS)).toEqual(picks.map((p) => p.id));
      const rest = list.slice(TwoTowerShown.LIST).map((id) => scores[c.candidates.findIndex((x) => x.id === id)]!);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
    }
  });

  it('differs from the ranked list where MMR has something to spread (it is applied)', () => {
    const moved = cases.filter((c) => recommend(shown, queryOf(c), c.candidates, 10).join() !== recommend(tower, queryOf(c), c.candidates, 10).join());
    expect(moved.length).toBeGreaterThan(cases.length / 4);
  });
});

describe('protocols', () => {
  it('cross-shop: the history is cut at the first visit to the held-out shop', () => {
    for (const c of split.cases) {
      const shop = c.candidates[0]!.shop;
      const first = Math.min(...world.events.filter((e) => e.user === c.user && e.shop === shop).map((e) => e.ts));
      expect(c.history.every((e) => e.ts < first)).toBe(true);
      // Nothing of this shopper after the cut trains the oracles either.
      expect(split.train.some((e) => e.user === c.user && e.ts >= first)).toBe(false);
    }
  });

  it('current page: candidates are the listing of that first visit, and the truth is among them', () => {
    const page = crossShop(world, { seed: 1, candidates: 'page' });
    expect(page.knows).toBe('seen');
    expect(page.cases.length).toBeGreaterThan(5);
    for (const c of page.cases) {
      expect(c.candidates.length).toBeLessThanOrEqual(QUICK_WORLD.listingSize);
      const ids = new Set(c.candidates.map((i) => i.id));
      expect([...c.truth].every((id) => ids.has(id))).toBe(true);
    }
  });

  it('labels as oracles exactly the rankers that learn from other shoppers', () => {
    const oracles = allRankers().filter((r) => r.oracle).map((r) => r.name);
    expect(oracles).toEqual(expect.arrayContaining(['popularity (shop)', 'popularity (global)', 'item-kNN', 'user-kNN', 'matrix factorisation (BPR)', 'graph-smoothed (GraphSAGE-style)']));
    expect(allRankers().filter((r) => !r.oracle).map((r) => r.name)).toEqual(['random', "shop's own order", 'content-mean', 'multi-interest', 'two-tower', 'two-tower, as the sidebar shows it']);
  });

  it('the device-side rankers give the same answer whatever other shoppers did', () => {
    const c = split.cases[0]!;
    const q = { user: c.user, history: c.history, now: c.now };
    for (const r of allRankers().filter((x) => !x.oracle)) {
      r.fit({ items, events: split.train });
      const a = [...r.score(q, c.candidates)];
      r.fit({ items, events: split.train.filter((e) => e.user === c.user) });
      expect([...r.score(q, c.candidates)], r.name).toEqual(a);
    }
  });

  it('the world shows a sort order, pages, prices, and reviews on a share of items', () => {
    for (let s = 0; s < QUICK_WORLD.shops; s++) {
      const own = world.items.filter((i) => i.shop === `shop-${s}`);
      expect(own.map((i) => i.listPosition).sort((a, b) => a! - b!)).toEqual(own.map((_, i) => i + 1));
      expect(own.every((i) => i.listPage === Math.ceil(i.listPosition! / QUICK_WORLD.pageSize) && i.price! > 0)).toBe(true);
    }
    const shown = world.items.filter((i) => i.reviewCount !== undefined).length / world.items.length;
    expect(shown).toBeGreaterThan(QUICK_WORLD.reviewShare - 0.1);
    expect(shown).toBeLessThan(QUICK_WORLD.reviewShare + 0.1);
    expect(world.items.every((i) => i.rating === undefined || (i.rating >= 1 && i.rating <= 5))).toBe(true);
  });

  it('cross-shop: the held-out shop\'s events are in neither training nor history', () => {
    for (const c of split.cases) {
      const shop = c.candidates[0]!.shop;
      expect(c.history.some((e) => e.shop === shop)).toBe(false);
      expect(split.train.some((e) => e.user === c.user && e.shop === shop)).toBe(false);
      expect([...c.truth].every((id) => items.get(id)!.shop === shop)).toBe(true);
    }
  });

  it('with n target events, the first n choices move into the history and out of the truth', () => {
    const warm = crossShop(world, { seed: 1, targetEvents: 3 });
    for (const c of warm.cases) {
      const shop = c.candidates[0]!.shop;
      const given = new Set(c.history.filter((e) => e.shop === shop && e.type !== 'impression').map((e) => e.item));
      expect([...c.truth].some((id) => given.has(id))).toBe(false);
    }
  });

  it('item cold start: new items have no training events, and candidates are only new items', () => {
    const cold = itemCold(world, { seed: 1 });
    const trained = new Set(cold.train.map((e) => e.item));
    for (const c of cold.cases) expect(c.candidates.some((i) => trained.has(i.id))).toBe(false);
  });

  it('the world is deterministic for a seed and knows each shopper\'s interests', () => {
    const again = generateWorld(QUICK_WORLD);
    expect(again.events.length).toBe(world.events.length);
    expect(Array.from(again.items[5]!.vector!)).toEqual(Array.from(world.items[5]!.vector!));
    expect(world.interests.get('u0')!.length).toBeGreaterThanOrEqual(1);
    expect(generateWorld({ ...QUICK_WORLD, seed: 7 }).events.length).not.toBe(world.events.length);
  });

  it('every interest fixes two attributes to values the catalogue has, and nearly all match products', () => {
    const range = { category: QUICK_WORLD.categories, colour: QUICK_WORLD.colours, pattern: QUICK_WORLD.patterns };
    const styles = [...world.styles.values()];
    const kinds = new Set<string>();
    let live = 0;
    let all = 0;
    for (const mine of world.interests.values()) for (const i of mine) {
      const fixed = Object.entries(i) as [keyof typeof range, number][];
      expect(fixed).toHaveLength(2);
      for (const [k, v] of fixed) {
        expect(Number.isInteger(v) && v >= 0 && v < range[k]).toBe(true);
        kinds.add(k);
      }
      all++;
      if (styles.some((s) => fixed.every(([k, v]) => s[k] === v))) live++;
    }
    // A small catalogue may lack one pairing by chance (about 1 in 40 of category × colour here).
    expect(live / all).toBeGreaterThan(0.95);
    // Each of the three attributes is among what interests fix.
    expect(kinds.size).toBe(3);
  });
});
