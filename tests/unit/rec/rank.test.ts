// Ranking on a shop: what was bought or dismissed stays out, MMR keeps near-duplicates from filling
// the top, each pick is explained by the nearest history item, and "not for me" lowers look-alikes.
import { describe, expect, it } from 'vitest';
import { buildProfile } from '../../../src/rec/profile.ts';
import { rank, type Candidate, type HistoryItem } from '../../../src/rec/rank.ts';
import { priorWeights } from '../../../src/rec/twotower.ts';
import { normalize } from '../../../src/shared/vector.ts';

const v = (...xs: number[]) => normalize(xs);
const opts = { k: 3, mmrLambda: 0.7, exclude: new Set<string>(), pageBonus: 0 };

describe('rank', () => {
  const vectors = new Map([['h-red', v(1, 0, 0, 0)], ['h-blue', v(0, 1, 0, 0)], ['c-red2', v(0.95, 0, 0.3, 0)], ['c-green', v(0, 0, 0, 1)]]);
  const history: HistoryItem[] = [
    { id: 'h-red', vector: vectors.get('h-red')!, title: 'Red Dress', site: 'north-threads.localhost', action: 'bought' },
    { id: 'h-blue', vector: vectors.get('h-blue')!, title: 'Blue Shirt', site: 'maple-and-pine.localhost', action: 'saved' },
  ];
  const profile = buildProfile([{ itemId: 'h-red', type: 'purchase', ts: 0 }, { itemId: 'h-blue', type: 'wishlist', ts: 0 }], vectors, 0, { halfLifeDays: 30, maxInterests: 3 })!;
  const candidates: Candidate[] = [
    { id: 'red-a', vector: v(1, 0, 0.05, 0), onPage: true },
    { id: 'red-b', vector: v(1, 0, 0.06, 0), onPage: true }, // a near-duplicate of red-a
    { id: 'blue-a', vector: v(0.1, 1, 0, 0), onPage: true },
    { id: 'green', vector: v(0, 0, 0, 1), onPage: true },
  ];

  it('explains each pick by the nearest thing the shopper engaged with', () => {
    const r = rank(priorWeights(), profile, candidates, history, opts);
    expect(r[0]!.because).toMatchObject({ title: 'Red Dress', action: 'bought', site: 'north-threads.localhost' });
    expect(r.find((x) => x.id === 'blue-a')!.because).toMatchObject({ title: 'Blue Shirt', action: 'saved' });
    expect(r.map((x) => x.id)).not.toContain('green');
  });

  it('never explains a pick by itself: the reason is another product, or none', () => {
    // The shopper bought this very red dress here (and its twin on another shop): it is still a candidate.
    const self: Candidate[] = [{ id: 'h-red', vector: vectors.get('h-red')!, onPage: true }, { id: 'twin', group: 'h-blue', vector: vectors.get('h-blue')!, onPage: true }];
    const r = rank(priorWeights(), profile, self, history, opts);
    expect(r.find((x) => x.id === 'h-red')!.because).toMatchObject({ id: 'h-blue' });
    expect(r.find((x) => x.id === 'twin')!.because).toMatchObject({ id: 'h-red' });
    expect(rank(priorWeights(), profile, self, history.slice(0, 1), opts).find((x) => x.id === 'h-red')!.because).toBeUndefined();
  });

  it('diversifies: a near-duplicate does not take the second place from another interest', () => {
    expect(rank(priorWeights(), profile, candidates, history, opts).map((x) => x.id).slice(0, 2)).toEqual(['red-a', 'blue-a']);
    expect(rank(priorWeights(), profile, candidates, history, { ...opts, mmrLambda: 1 }).map((x) => x.id).slice(0, 2)).toEqual(['red-a', 'red-b']);
  });

  it('leaves out what was bought or dismissed', () => {
    const r = rank(priorWeights(), profile, candidates, history, { ...opts, exclude: new Set(['red-a']) });
    expect(r.map((x) => x.id)).not.toContain('red-a');
  });

  it('"not for me" lowers the look-alikes of the dismissed item', () => {
    const withDismiss = buildProfile([
      { itemId: 'h-red', type: 'purchase', ts: 0 }, { itemId: 'h-blue', type: 'wishlist', ts: 0 }, { itemId: 'c-red2', type: 'dismiss', ts: 0 },
    ], vectors, 0, { halfLifeDays: 30, maxInterests: 3 })!;
    const r = rank(priorWeights(), withDismiss, candidates, history, { ...opts, k: 4 });
    expect(r[0]!.id).toBe('blue-a');
  });
});
