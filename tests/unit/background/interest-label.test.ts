// An interest is named by what its products share, not by two of their titles.
import { describe, expect, it } from 'vitest';
import { interestLabel } from '../../../src/background/interest-label.ts';

describe('interestLabel', () => {
  it('names an interest by the words its titles share, in their order', () => {
    expect(interestLabel(['Red Striped Linen Shirt', 'Red striped cotton shirt (slim)', 'Striped red shirt', 'Blue dress'])).toBe('Red striped shirt');
    expect(interestLabel(['Rotes Kleid mit Streifen', 'Rotes Kleid, Wolle'])).toBe('Rotes kleid');
  });

  it('falls back to a title when nothing is shared, and to nothing for no products', () => {
    expect(interestLabel(['Green Bag', 'Orange Scarf'])).toBe('Green Bag');
    expect(interestLabel(['Green Bag'])).toBe('Green Bag');
    expect(interestLabel([])).toBe('');
  });
});
