// The E2E headline (tests/e2e/recommend.test.ts), replayed in Node: a shopper carts red and
// striped things on North Threads and Maple & Pine, then opens Urban Loft. The fixture is what the
// extension had stored at that moment (recorded from the E2E run: the items with what the shops
// showed, their test-model vectors, the choices), so training and ranking run on exactly that.
// Training may have run at an earlier moment too (it is throttled), so shorter prefixes of the
// choices are tried as well.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ItemSignals } from '../../../src/rec/features.ts';
import { buildProfile } from '../../../src/rec/profile.ts';
import { PAGE_BONUS, rank, SIDEBAR_PICKS } from '../../../src/rec/rank.ts';
import { sequenceOf, type SequenceEvent } from '../../../src/rec/samples.ts';
import { DEFAULT_REC_SETTINGS } from '../../../src/rec/signals.ts';
import { priorWeights, train, type TowerWeights } from '../../../src/rec/twotower.ts';

interface Recorded {
  items: (Omit<ItemSignals, 'vector'> & { site: string; firstSeen: number; colour: string; pattern: string; category: string; vector: number[] })[];
  events: SequenceEvent[];
}

const journey: Recorded = JSON.parse(readFileSync(new URL('../../fixtures/rec/headline-journey-chromium.json', import.meta.url), 'utf8'));
const NEW_SHOP = 'urban-loft.localhost';
const items = journey.items.map((it) => ({ ...it, vector: Float32Array.from(it.vector) }));
const byId = new Map(items.map((it) => [it.id, it]));
const signals = ({ id, vector, listPosition, reviewCount, rating, price, brand }: (typeof items)[number]): ItemSignals => ({ id, vector, listPosition, reviewCount, rating, price, brand });
const taste = (it: { colour: string; pattern: string }) => it.colour === 'red' || it.pattern === 'striped';

/** As background/training.ts: each choice against the shop's items the device had seen by then. */
function trainedOn(events: readonly SequenceEvent[]): TowerWeights {
  const seq = sequenceOf(events, (id) => (byId.has(id) ? signals(byId.get(id)!) : undefined), (site, ts) => items.filter((it) => it.site === site && it.firstSeen <= ts).map(signals), DEFAULT_REC_SETTINGS);
  return train(seq.samples, seq.user);
}

/** As background/recommend.ts: the profile from the whole history, every seen item of the new shop. */
function top5(w: TowerWeights) {
  const now = journey.events.at(-1)!.ts;
  const profile = buildProfile(journey.events, new Map(items.map((it) => [it.id, it.vector])), now, DEFAULT_REC_SETTINGS)!;
  const candidates = items.filter((it) => it.site === NEW_SHOP).map((it) => ({ ...signals(it), onPage: true }));
  const ranked = rank(w, profile, candidates, [], { k: SIDEBAR_PICKS, mmrLambda: DEFAULT_REC_SETTINGS.mmrLambda, exclude: new Set(), pageBonus: PAGE_BONUS });
  return ranked.slice(0, 5).map((r) => byId.get(r.id)!);
}

const describeTop = (top: ReturnType<typeof top5>) => top.map((it) => `${it.colour}/${it.pattern}/${it.category}@${it.listPosition ?? '-'}`).join(', ');

describe('the headline journey, replayed', () => {
  const choices = journey.events.map((e, i) => ({ e, i })).filter(({ e }) => e.type === 'view');

  it('is the recorded scenario: clear red-or-striped carts, a new shop where a third of the listing is that', () => {
    expect(journey.events.filter((e) => e.type === 'cart').every((e) => taste(byId.get(e.itemId)!))).toBe(true);
    const listed = items.filter((it) => it.site === NEW_SHOP);
    expect(listed.length).toBe(24);
    expect(listed.filter(taste).length / listed.length).toBeLessThan(0.4);
  });

  it('with no training yet (content similarity), ≥ 4 of the top 5 are red or striped', () => {
    const top = top5(priorWeights());
    expect(top.filter(taste).length, describeTop(top)).toBeGreaterThanOrEqual(4);
  });

  it('trained on the choices made before the new shop, ≥ 4 of the top 5 are red or striped', () => {
    // What the device has when it ranks the new shop: a short history is refitted with each new
    // cart (background/training.ts), so the sidebar there ranks with weights fitted on all seven.
    const w = trainedOn(journey.events);
    const top = top5(w);
    expect(top.filter(taste).length, `${describeTop(top)}; taste ${w.taste.map((x) => x.toFixed(2))}, best ${w.best.map((x) => x.toFixed(2))}, share ${w.follow.toFixed(2)}`).toBeGreaterThanOrEqual(4);
  });

  it('trained on any prefix of the choices, the top 5 holds at least 2 red-or-striped products', () => {
    for (let k = 3; k <= choices.length; k++) {
      const top = top5(trainedOn(journey.events.slice(0, choices[k - 1]!.i + 2))); // the view and its cart
      expect(top.filter(taste).length, `${k} choices: ${describeTop(top)}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('trained on the first 5 choices only, ≥ 4 of the top 5 are red or striped', () => {
    // Held since the sidebar's MMR was chosen by measurement (λ 0.95, scripts/bench/mmr-lambda.ts):
    // at λ 0.75 variety gave a place to a product outside the shopper's taste.
    const w = trainedOn(journey.events.slice(0, choices[4]!.i + 2));
    const top = top5(w);
    expect(top.filter(taste).length, `${describeTop(top)}; taste ${w.taste.map((x) => x.toFixed(2))}, best ${w.best.map((x) => x.toFixed(2))}, share ${w.follow.toFixed(2)}`).toBeGreaterThanOrEqual(4);
  });

  // TODO(2026-12-02): trained on only the first 3–4 choices (one shop and a little of the second),
  // the new shop's top 5 holds 3 red-or-striped products, not 4. From so few choices the fit gives
  // weakly evidenced weights room while content's margins on this shop are thin (the red-or-striped
  // products after the first lie between cosine 0.50 and 0.43 to the profile, a checked one at
  // 0.42): after 3 choices the loosely held bestseller vector turns flat (position +0.6, reviews
  // −0.3) and takes a 0.3 share, lifting the shop's first place; after 4 the shop-relative price
  // features get 0.2–0.4 (their prices are noise here) and a checked product near the shopper's
  // price level takes a place. Changes that held 4 here (a "neither" component in the mixture, a
  // Laplace prior on price fit) lowered the evaluation tables; a non-negative bestseller vector is
  // neutral there but holds only 3 of 5 (README). The device no longer ranks a third shop with
  // such weights (it refits a short history on each new cart). When the ranker holds these, they
  // turn red: make them plain its.
  for (let k = 3; k <= 4; k++) {
    it.fails(`trained on the first ${k} choices only, ≥ 4 of the top 5 are red or striped (not yet)`, () => {
      const w = trainedOn(journey.events.slice(0, choices[k - 1]!.i + 2));
      const top = top5(w);
      expect(top.filter(taste).length, `${describeTop(top)}; taste ${w.taste.map((x) => x.toFixed(2))}, best ${w.best.map((x) => x.toFixed(2))}, share ${w.follow.toFixed(2)}`).toBeGreaterThanOrEqual(4);
    });
  }
});
