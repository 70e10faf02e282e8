// When the device trains: every 10 minutes at most, and sooner when the shopper has made markedly
// more strong choices since (each new one while there are few), so that the weights that rank a new
// shop were fitted on the carts made before it, not on the first shop's few; views wait.
import { describe, expect, it, vi } from 'vitest';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { strongChoicesIn, trainingDue, TRAIN_EVERY_MS } = await import('../../../src/background/training.ts');

describe('training: when it is due', () => {
  it('trains the first time, and again after 10 minutes whatever happened', () => {
    expect(trainingDue(null, 0, 0)).toBe(true);
    expect(trainingDue({ at: 0, choices: 4 }, 4, TRAIN_EVERY_MS)).toBe(true);
    expect(trainingDue({ at: 0, choices: 4 }, 4, TRAIN_EVERY_MS - 1)).toBe(false);
  });

  it('within 10 minutes: with each new choice while the history is short, then at a fifth more', () => {
    for (let n = 1; n < 10; n++) expect(trainingDue({ at: 0, choices: n }, n + 1, 1), `${n} → ${n + 1}`).toBe(true);
    expect(trainingDue({ at: 0, choices: 50 }, 59, 1)).toBe(false);
    expect(trainingDue({ at: 0, choices: 50 }, 60, 1)).toBe(true);
  });

  it('within 10 minutes: again once more of the carted, saved, liked or bought products have been embedded', () => {
    // Three carts, one of them embedded when it last trained: the other two were no samples then.
    expect(trainingDue({ at: 0, choices: 3, embedded: 1 }, 3, 1, 1)).toBe(false);
    expect(trainingDue({ at: 0, choices: 3, embedded: 1 }, 3, 1, 3)).toBe(true);
    expect(trainingDue({ at: 0, choices: 60, embedded: 50 }, 60, 1, 59)).toBe(false);
    expect(trainingDue({ at: 0, choices: 60, embedded: 50 }, 60, 1, 60)).toBe(true);
    // A record from before this was kept: the choices and the 10 minutes decide, as they did.
    expect(trainingDue({ at: 0, choices: 3 }, 3, 1, 3)).toBe(false);
  });

  it('a record from before choices were kept waits for the 10 minutes, as it did', () => {
    expect(trainingDue({ at: 0 }, 100, 1)).toBe(false);
  });

  it('counts each product carted, saved, liked or bought on a shop once; views, impressions and dismissals not', () => {
    expect(strongChoicesIn([
      { itemId: 'a', type: 'view', ts: 0, site: 's' },
      { itemId: 'a', type: 'cart', ts: 1, site: 's' },
      { itemId: 'a', type: 'purchase', ts: 2, site: 's' },
      { itemId: 'a', type: 'wishlist', ts: 3, site: 't' },
      { itemId: 'b', type: 'view', ts: 4, site: 's' },
      { itemId: 'c', type: 'impression', ts: 5, site: 's' },
      { itemId: 'd', type: 'dismiss', ts: 6, site: 's' },
    ])).toBe(2);
  });
});
