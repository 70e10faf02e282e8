// The profile snapshot in the `profile` store: built once, read back while nothing changed, rebuilt
// when an event or a vector arrives.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { normalize } from '../../../src/shared/vector.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { storedProfile } = await import('../../../src/background/recommend.ts');

describe('profile snapshot', () => {
  it('is stored, reused while the history is unchanged, and rebuilt when it changes', async () => {
    const d = await openAt(DB_VERSION, 'profile-snapshot-test');
    const v = (...x: number[]) => ({ fused: normalize(x), image: true });
    const h = {
      modelId: 'm',
      events: [{ id: 1, itemId: 'a', site: 's', type: 'cart', ts: 0 }] as { id: number; itemId: string; site: string; type: 'cart' | 'purchase'; ts: number }[],
      items: new Map(),
      vectors: new Map([['a', v(1, 0)], ['b', v(0, 1)]]),
    };
    const first = await storedProfile(d, h, 1000);
    expect(first?.items).toBe(1);
    expect((await d.get('profile', 'current'))?.version).toBe(1);
    const again = await storedProfile(d, h, 2000);
    expect(Array.from(again!.mean)).toEqual(Array.from(first!.mean));
    expect((await d.get('profile', 'current'))?.version).toBe(1); // read back, not rebuilt
    h.events.push({ id: 2, itemId: 'b', site: 's', type: 'purchase', ts: 1 });
    const changed = await storedProfile(d, h, 3000);
    expect(changed?.items).toBe(2);
    expect((await d.get('profile', 'current'))?.version).toBe(2);
    d.close();
  });
});
