import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { prune } from '../../../src/background/retention.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';

const DAY = 86_400_000;

describe('retention', () => {
  it('deletes interactions older than the limit, and products nothing names any more', async () => {
    const d = await openAt(DB_VERSION, 'retention-test');
    const now = 400 * DAY;
    const item = (id: string, lastSeen: number) => ({ id, site: 's', url: `http://s/${id}`, title: id, firstSeen: 0, lastSeen });
    await d.put('items', item('old', now - 100 * DAY));
    await d.put('items', item('kept', now - 100 * DAY)); // old, but a recent interaction names it
    await d.put('items', item('new', now - DAY));
    await d.put('vectors', { itemId: 'old', modelId: 'm', fused: new Float32Array([1]) });
    await d.put('jobs', { id: 'image:old', itemId: 'old', kind: 'image', modelId: 'm', state: 'failed', attempts: 5, nextAt: 0, createdAt: 0 });
    await d.add('events', { itemId: 'old', site: 's', type: 'view', ts: now - 100 * DAY });
    await d.add('events', { itemId: 'kept', site: 's', type: 'cart', ts: now - 10 * DAY });
    await d.add('events', { itemId: 'new', site: 's', type: 'view', ts: now - DAY });
    expect(await prune(d, 30, now)).toEqual({ events: 1, items: 1 });
    expect((await d.getAllKeys('items')).sort()).toEqual(['kept', 'new']);
    expect(await d.count('vectors')).toBe(0);
    expect(await d.count('jobs')).toBe(0);
    expect(await d.count('events')).toBe(2);
    d.close();
  });
});
