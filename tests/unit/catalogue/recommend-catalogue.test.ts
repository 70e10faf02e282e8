// A shop's catalogue in the ranking: its products are candidates beside the ones seen on the shop,
// ranked on their title vectors, the best 100 marked for their photo (and queued), the rest not
// awaited; nothing of it is history.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { normalize } from '../../../src/shared/vector.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
vi.mock('../../../src/background/model-source.ts', () => ({ currentModel: async () => ({ model: { id: 'm' }, source: 'bundled' }) }));
const queued: string[][] = [];
vi.mock('../../../src/background/embedding.ts', () => ({ queueItems: async (ids: string[]) => void queued.push(ids) }));
const { recommend } = await import('../../../src/background/recommend.ts');
const { db } = await import('../../../src/background/db.ts');
const { newCrawl } = await import('../../../src/background/catalogue/state.ts');

const hex = (n: number) => n.toString(16).padStart(32, '0');
const RED = normalize([1, 0.05, 0]);
const BLUE = normalize([0, 0.05, 1]);

describe('recommend with a shop\'s catalogue', () => {
  it('ranks catalogue products never seen, awaits photos only for the cascade\'s best, records no event', async () => {
    const d = await db();
    // History: a red product carted on shop A.
    await d.put('items', { id: hex(1), site: 'a.localhost', url: 'http://a.localhost/p/red', title: 'Red dress', firstSeen: 0, lastSeen: 0 });
    await d.put('vectors', { itemId: hex(1), modelId: 'm', image: RED, text: RED, fused: RED });
    await d.add('events', { itemId: hex(1), site: 'a.localhost', type: 'cart', ts: Date.now() });
    // Shop C: one blue product seen on screen, and a catalogue of 150 red and 150 blue, titles embedded.
    await d.put('items', { id: hex(2), site: 'c.localhost', url: 'http://c.localhost/p/seen', title: 'Blue shirt', imageUrl: 'http://img.c.localhost/seen.jpg', firstSeen: 0, lastSeen: 0 });
    await d.put('vectors', { itemId: hex(2), modelId: 'm', image: BLUE, text: BLUE, fused: BLUE });
    for (let i = 0; i < 300; i++) {
      const id = hex(1000 + i);
      const v = normalize(i % 2 ? [0.02 * (i % 7), 0.05, 1] : [1, 0.05, 0.02 * (i % 7)]);
      await d.put('catalogue', { id, site: 'c.localhost', url: `http://c.localhost/item/${i}`, title: `${i % 2 ? 'Blue' : 'Red'} thing ${i}`, imageUrl: `http://img.c.localhost/${i}.jpg`, source: 'sitemap', rank: i + 1, firstSeen: 0, lastSeen: 0 });
      await d.put('vectors', { itemId: id, modelId: 'm', text: v, fused: v });
    }
    // One title not yet embedded: no photo is picked yet (the best 100 would move once it is).
    const late = hex(1300);
    await d.put('catalogue', { id: late, site: 'c.localhost', url: 'http://c.localhost/item/late', title: 'Red thing late', imageUrl: 'http://img.c.localhost/late.jpg', source: 'sitemap', rank: 301, firstSeen: 0, lastSeen: 0 });
    await recommend('c.localhost', [hex(2)], 5);
    expect((await d.getAll('catalogue')).filter((c) => c.photo)).toHaveLength(0);
    expect(queued).toHaveLength(0);
    const lateV = normalize([1, 0.05, 0.01]);
    await d.put('vectors', { itemId: late, modelId: 'm', text: lateV, fused: lateV });
    // Every title embedded, but the crawl still has an API page to read: none yet either.
    const crawl = newCrawl('c.localhost', 'http://c.localhost', [], 0);
    await d.put('crawls', crawl);
    await recommend('c.localhost', [hex(2)], 5);
    expect(queued).toHaveLength(0);
    // Its list read (only product pages left to read): the cascade picks.
    await d.put('crawls', { ...crawl, queue: [], pages: [{ kind: 'page', url: 'http://c.localhost/item/9' }] });

    const events = await d.count('events');
    const r = await recommend('c.localhost', [hex(2)], 5);
    expect(r.items).toHaveLength(5);
    const cat = new Map((await d.getAll('catalogue')).map((c) => [c.id, c]));
    expect(r.items.every((c) => cat.has(c.id) && c.title.startsWith('Red'))).toBe(true);
    // The best 100 wait for their photo; the other 200 are not awaited.
    const marked = [...cat.values()].filter((c) => c.photo);
    expect(marked).toHaveLength(100);
    expect(marked.filter((c) => c.title.startsWith('Red')).length).toBeGreaterThanOrEqual(100);
    expect(queued.flat().sort()).toEqual(marked.map((c) => c.id).sort());
    expect((await recommend('c.localhost', [hex(2)], 5)).pending).toBe(100);
    expect(await d.count('events')).toBe(events);
    expect(await d.countFromIndex('items', 'site', 'c.localhost')).toBe(1);
  });
});
