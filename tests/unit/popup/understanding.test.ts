// The status card's sentence holds at every moment: no "in progress" while paused, no full bar
// beside nothing to do, products (not jobs) waiting, and time left from the recent rate.
import { describe, expect, it } from 'vitest';
import type { EmbeddingStatus } from '../../../src/background/embedding.ts';
import { understanding } from '../../../src/popup/understanding.ts';

const status = (queued: { text: number; image: number }, running = 0, done = 0, perMinute = 0, model = true): EmbeddingStatus => ({
  model: model ? { id: 'm', name: 'm', testModel: false, source: 'bundled', dtypes: [], bytes: 0 } : null,
  queue: { queued, running, done, failed: 0, perMinute, recentErrors: [] },
  backend: undefined, override: undefined,
} as unknown as EmbeddingStatus);

describe('understanding', () => {
  it('counts products, not jobs, and says how long is left', () => {
    expect(understanding(status({ text: 10, image: 10 }, 0, 30, 5), 25, false)).toEqual({ kind: 'working', waiting: 10, finished: 30, total: 50, minutesLeft: 4 });
    expect(understanding(status({ text: 0, image: 1 }), 25, false)).toMatchObject({ kind: 'working', waiting: 1, minutesLeft: undefined });
  });

  it('is paused while paused, done with nothing waiting, and without a model says so', () => {
    expect(understanding(status({ text: 4, image: 4 }), 10, true)).toEqual({ kind: 'paused', waiting: 4 });
    expect(understanding(status({ text: 0, image: 0 }, 0, 54), 27, false)).toEqual({ kind: 'done' });
    expect(understanding(status({ text: 3, image: 0 }, 0, 0, 0, false), 3, false)).toEqual({ kind: 'no-model' });
  });
});
