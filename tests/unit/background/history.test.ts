// The history shows what the shopper did by default: products only shown to them (in a listing, in
// the picks) are behind a filter, not a flood of "shown in picks ×3".
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { historyRows } = await import('../../../src/background/history.ts');

describe('history rows', () => {
  it('lists engaged products only when asked, everything otherwise', async () => {
    const d = await openAt(DB_VERSION, 'history-test');
    for (const id of ['carted', 'shown', 'picked', 'never']) await d.put('items', { id, site: 's', url: `http://s/${id}`, title: id, firstSeen: 0, lastSeen: 0 });
    await d.add('events', { itemId: 'carted', site: 's', type: 'cart', ts: 1 });
    await d.add('events', { itemId: 'carted', site: 's', type: 'impression', ts: 1 });
    await d.add('events', { itemId: 'shown', site: 's', type: 'impression', ts: 1 });
    await d.add('events', { itemId: 'picked', site: 's', type: 'rec_impression', ts: 1 });
    const ids = async (engaged: boolean) => (await historyRows({ engaged }, d)).rows.map((r) => r.id).sort();
    expect(await ids(true)).toEqual(['carted']);
    expect(await ids(false)).toEqual(['carted', 'never', 'picked', 'shown']);
    expect((await historyRows({ engaged: true }, d)).total).toBe(4);
    d.close();
  });
});
