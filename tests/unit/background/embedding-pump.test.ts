// The pump that drives the embedding queue: a kick that comes while the pump is finishing (after its
// last look at the queue, while it sets or clears the alarm) is not lost. Seen in Firefox: the last
// product carted on a shop stayed queued with no pump and no alarm, for good.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ItemRecord } from '../../../src/background/schema.ts';

// The browser's side, as the pump uses it: alarms, and the broadcast to sidebars (nobody listens).
let onClear: (() => Promise<void>) | undefined;
const alarms = new Map<string, number>();
vi.mock('webextension-polyfill', () => ({
  default: {
    alarms: {
      create: async (name: string, o: { when: number }) => void alarms.set(name, o.when),
      clear: async (name: string) => {
        const hook = onClear;
        onClear = undefined;
        if (hook) await hook();
        return alarms.delete(name);
      },
    },
    storage: { session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined } },
    runtime: { sendMessage: async () => { throw new Error('Could not establish connection. Receiving end does not exist.'); } },
  },
}));
const model = { id: 'm1', name: 'test', testModel: true, dtypes: ['fp32'], files: [] };
vi.mock('../../../src/background/model-source.ts', () => ({ currentModel: async () => ({ model, source: 'bundled' }) }));
vi.mock('../../../src/background/ml-host.ts', () => ({
  askMl: async (_type: string, req: { texts: { id: string }[]; images: { id: string }[] }) => ({
    modelId: 'm1', backend: { backend: 'wasm', dtype: 'fp32', reason: 'test' }, loadMs: 0, ms: 1,
    texts: req.texts.map((t) => ({ id: t.id, vector: [1, 0] })),
    images: req.images.map((i) => ({ id: i.id, vector: [0, 1] })),
  }),
}));

const { db } = await import('../../../src/background/db.ts');
const { kickQueue, queueItems } = await import('../../../src/background/embedding.ts');

const item = (id: string): ItemRecord => ({ id, site: 'a.localhost', url: `http://a.localhost/p/${id}`, title: `Red dress ${id}`, imageUrl: `http://img.a.localhost/${id}.jpg`, firstSeen: 0, lastSeen: 0 });

describe('embedding pump', () => {
  it('honours a kick that comes while it is finishing', async () => {
    const d = await db();
    await d.put('items', item('a'));
    let lateKick: Promise<void> | undefined;
    // When the pump, done with "a", clears its alarm, the shopper carts "b".
    onClear = async () => {
      await d.put('items', item('b'));
      lateKick = queueItems(['b'], { page: true });
      await lateKick;
    };
    await queueItems(['a']);
    await kickQueue();
    await vi.waitFor(async () => {
      const jobs = await d.getAll('jobs');
      expect(jobs.filter((j) => j.itemId === 'b').map((j) => j.state)).toEqual(['done', 'done']);
    }, { timeout: 5000 });
    expect(lateKick).toBeDefined();
    expect((await d.getAll('jobs')).every((j) => j.state === 'done')).toBe(true);
  });
});
