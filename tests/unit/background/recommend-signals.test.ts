// The extension feeds the ranker what the shop showed (from the item records), treats what it did
// not show as missing, and never scores with weights of the earlier MLP kind.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION, type ItemRecord } from '../../../src/background/schema.ts';
import { buildProfile } from '../../../src/rec/profile.ts';
import { rank } from '../../../src/rec/rank.ts';
import { priorWeights, type TowerWeights } from '../../../src/rec/twotower.ts';
import { normalize } from '../../../src/shared/vector.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { currentWeights, signalsOf } = await import('../../../src/background/recommend.ts');

const item = (id: string, extra: Partial<ItemRecord> = {}): ItemRecord => ({ id, site: 'shop.example', url: `https://shop.example/${id}`, title: id, firstSeen: 0, lastSeen: 0, ...extra });

describe('recommend: what the shop shows reaches the ranker', () => {
  it('carries position, reviews, rating, price and brand from the item record, and leaves missing ones missing', () => {
    const v = normalize([1, 0]);
    expect(signalsOf(item('a', { listPosition: 3, listPage: 1, reviewCount: 12, rating: 4.5, price: 30, brand: 'Acme' }), v)).toEqual({ id: 'a', vector: v, listPosition: 3, reviewCount: 12, rating: 4.5, price: 30, brand: 'Acme' });
    expect(signalsOf(item('b'), v)).toEqual({ id: 'b', vector: v, listPosition: undefined, reviewCount: undefined, rating: undefined, price: undefined, brand: undefined });
  });

  it('uses stored two-tower weights, and the prior instead of weights of the earlier MLP kind', async () => {
    const d = await openAt(DB_VERSION, 'recommend-signals-test');
    expect(await currentWeights(d)).toEqual(priorWeights());
    await d.put('model', { slot: 'current', version: 3, createdAt: 0, data: { version: 3, dim: 2, hidden: 32, user: {}, item: {}, gate: 0, trainedOn: 12 } });
    expect(await currentWeights(d)).toEqual(priorWeights());
    const learned: TowerWeights = { ...priorWeights(), version: 4, follow: 0.7, best: [0, 0, 2, 0, 0, 0, 0, 0, 0] };
    await d.put('model', { slot: 'current', version: 4, createdAt: 0, data: learned });
    expect(await currentWeights(d)).toEqual(learned);
    d.close();
  });

  it('a shopper who follows bestsellers gets the shop\'s first positions; with the prior, their taste', () => {
    const red = normalize([1, 0, 0]);
    const profile = buildProfile([{ itemId: 'h', type: 'cart', ts: 0 }], new Map([['h', red]]), 0, { halfLifeDays: 30, maxInterests: 3 })!;
    const records = [
      item('top-seller', { listPosition: 1, reviewCount: 900 }),
      item('red-match', { listPosition: 40 }),
      item('no-signals'),
      ...Array.from({ length: 20 }, (_, i) => item(`other-${i}`, { listPosition: 2 + i })),
    ];
    const vec = (r: ItemRecord) => (r.id === 'red-match' ? normalize([0.95, 0.3, 0]) : normalize([0.1, r.id.length % 3, 1]));
    const candidates = records.map((r) => ({ ...signalsOf(r, vec(r)), onPage: true }));
    const opts = { k: 3, mmrLambda: 1, exclude: new Set<string>(), pageBonus: 0 };
    const follower: TowerWeights = { ...priorWeights(), follow: 0.9, best: [0, 0, 2, 0.5, 0, 0, 0, 0] };
    expect(rank(follower, profile, candidates, [], opts)[0]!.id).toBe('top-seller');
    expect(rank(priorWeights(), profile, candidates, [], opts)[0]!.id).toBe('red-match');
  });
});
