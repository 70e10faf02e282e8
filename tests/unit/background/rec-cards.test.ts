// Picks shown to the shopper: weak matches are not presented as picks, and a sale keeps its
// crossed-out price (only when it is above the price).
import { describe, expect, it } from 'vitest';
import { MIN_MATCH, presentable, salePriceOf } from '../../../src/background/rec-cards.ts';

describe('rec cards', () => {
  it('leaves out matches under the threshold, keeping the order of the rest', () => {
    const ranked = [1, 0.8, MIN_MATCH - 0.01, 0.6, 0.1].map((match, i) => ({ id: `p${i}`, score: 0, match }));
    expect(presentable(ranked).map((r) => r.id)).toEqual(['p0', 'p1', 'p3']);
  });

  it('keeps the list price of a sale, and nothing that is not one', () => {
    expect(salePriceOf({ price: 40, listPrice: 50 })).toBe(50);
    expect(salePriceOf({ price: 40, listPrice: 40 })).toBeUndefined();
    expect(salePriceOf({ price: 40, listPrice: 30 })).toBeUndefined();
    expect(salePriceOf({ listPrice: 30 })).toBeUndefined();
  });
});
