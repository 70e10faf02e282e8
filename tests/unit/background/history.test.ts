// The history shows what the shopper did by default: products only shown to them (in a listing, in
// the picks) are behind a filter, not a flood of "shown in picks ×3". Products read from a shop's
// catalogue are not history: they are listed only under their own filter.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';

vi.mock('webextension-polyfill', () => ({ default: {} }));
const { deleteItems, historyRows } = await import('../../../src/background/history.ts');

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

  it("lists a shop's catalogue products only under their own filter, and deletes them with their vectors", async () => {
    const d = await openAt(DB_VERSION, 'history-catalogue-test');
    const vec = new Float32Array([1, 0]);
    await d.put('items', { id: 'seen', site: 'c', url: 'http://c/seen', title: 'Seen scarf', firstSeen: 0, lastSeen: 0 });
    await d.add('events', { itemId: 'seen', site: 'c', type: 'cart', ts: 1 });
    for (const [i, id] of ['seen', 'red', 'blue'].entries()) {
      await d.put('catalogue', { id, site: 'c', url: `http://c/${id}`, title: `${id} scarf`, source: 'shopify', rank: i + 1, firstSeen: 0, lastSeen: 0 });
      await d.put('vectors', { itemId: id, modelId: 'm', text: vec, fused: vec });
    }
    // The history proper: the item only, never the catalogue's candidates.
    expect((await historyRows({}, d)).rows.map((r) => r.id)).toEqual(['seen']);
    expect((await historyRows({}, d)).total).toBe(1);
    // Their own filter: the catalogue products not kept as items, in the shop's order, by words too.
    const cat = await historyRows({ catalogue: true }, d);
    expect(cat.rows.map((r) => [r.id, r.catalogue, r.events])).toEqual([['red', true, {}], ['blue', true, {}]]);
    expect(cat.total).toBe(2);
    expect((await historyRows({ catalogue: true, text: 'blue' }, d)).rows.map((r) => r.id)).toEqual(['blue']);
    // Deleting one goes with its vector; a kept item deleted keeps the catalogue's record of it.
    expect(await deleteItems(['red', 'seen'], d)).toEqual({ items: 2, events: 1 });
    expect(await d.get('catalogue', 'red')).toBeUndefined();
    expect(await d.get('vectors', 'red')).toBeUndefined();
    expect(await d.get('vectors', 'blue')).toBeDefined();
    expect(await d.get('items', 'seen')).toBeUndefined();
    expect((await historyRows({ catalogue: true }, d)).rows.map((r) => r.id)).toEqual(['seen', 'blue']);
    d.close();
  });
});
