// Export and import over a real (fake-indexeddb) database: merge adds without duplicating events,
// replace restores exactly, and a file from a newer Carryover or with a broken vector is refused.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportAll, importAll } from '../../../src/background/data-transfer.ts';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';

let n = 0;
const fresh = () => openAt(DB_VERSION, `transfer-test-${n++}`);
const id = (c: string) => c.repeat(32);

async function seeded() {
  const d = await fresh();
  await d.put('items', { id: id('a'), site: 's.localhost', url: 'http://s.localhost/p/a', title: 'A', firstSeen: 1, lastSeen: 2 });
  await d.add('events', { itemId: id('a'), site: 's.localhost', type: 'cart', ts: 5 });
  await d.put('vectors', { itemId: id('a'), modelId: 'm', fused: new Float32Array([0.6, 0.8]), text: new Float32Array([1, 0]) });
  await d.put('settings', { key: 'paused', value: true });
  await d.put('settings', { key: 'lastBackend', value: { backend: 'wasm' } });
  return d;
}

describe('export and import', () => {
  it('round-trips vectors exactly, leaves this browser\'s own settings out, and merges without duplicates', async () => {
    const d = await seeded();
    const file = JSON.parse(JSON.stringify(await exportAll(d, true)));
    expect(file.stores.settings).toEqual([{ key: 'paused', value: true }]);
    const e = await fresh();
    expect(await importAll(e, file, 'merge')).toMatchObject({ items: 1, events: 1, vectors: 1 });
    expect(Array.from((await e.get('vectors', id('a')))!.fused)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect((await importAll(e, file, 'merge')).events).toBe(0); // the same events are not added twice
    expect(await e.count('events')).toBe(1);
  });

  it('without vectors, the file has none; replace clears what was there', async () => {
    const d = await seeded();
    const file = JSON.parse(JSON.stringify(await exportAll(d, false)));
    expect(file.stores.vectors).toBeUndefined();
    await d.put('items', { id: id('b'), site: 's.localhost', url: 'http://s.localhost/p/b', title: 'B', firstSeen: 1, lastSeen: 2 });
    await importAll(d, file, 'replace');
    expect(await d.getAllKeys('items')).toEqual([id('a')]);
  });

  it('refuses a newer format, a wrong shape and a broken vector, changing nothing', async () => {
    const d = await seeded();
    const good = JSON.parse(JSON.stringify(await exportAll(d, true)));
    const before = await d.count('events');
    await expect(importAll(d, { ...good, schema: DB_VERSION + 1 }, 'replace')).rejects.toThrow(/newer Carryover.*Nothing was changed/);
    await expect(importAll(d, { ...good, stores: { ...good.stores, events: [{ itemId: 'x' }] } }, 'replace')).rejects.toThrow(/stores\.events\.0\.itemId/);
    const broken = structuredClone(good);
    broken.stores.vectors[0].fused.f32 = 'AAA';
    await expect(importAll(d, broken, 'replace')).rejects.toThrow(/damaged.*Nothing was changed/);
    expect(await d.count('events')).toBe(before);
    expect(await d.count('vectors')).toBe(1);
  });
});
