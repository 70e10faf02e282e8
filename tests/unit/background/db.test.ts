// Every upgrade is tested against real old data: a database written at each earlier version is
// filled, closed, reopened at the current version, and must have lost nothing.
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION, MIGRATIONS, STORES } from '../../../src/background/schema.ts';

let n = 0;
const fresh = () => `carryover-test-${n++}`;

describe('database schema and migrations', () => {
  it('creates every declared store at the current version', async () => {
    const d = await openAt(DB_VERSION, fresh());
    expect([...d.objectStoreNames].sort()).toEqual([...STORES].sort());
    d.close();
  });

  it('upgrades a v1 database with data in it and loses nothing', async () => {
    const name = fresh();
    const v1 = await openAt(1, name);
    await v1.put('items', { id: 'a1', site: 'north-threads.localhost', url: 'http://north-threads.localhost/p/a', title: 'Red Dress', gtin: '4000000000017', firstSeen: 1, lastSeen: 2 });
    await v1.add('events', { itemId: 'a1', site: 'north-threads.localhost', type: 'cart', ts: 5 });
    await v1.put('vectors', { itemId: 'a1', modelId: 'm', fused: new Float32Array([0.6, 0.8]) });
    await v1.put('jobs', { id: 'a1', itemId: 'a1', state: 'queued', attempts: 0, nextAt: 0 });
    await v1.put('sites', { site: 'north-threads.localhost', granted: true, origins: ['*://north-threads.localhost/*'], imageHosts: [], grantedAt: 1 });
    await v1.put('profile', { slot: 'current', version: 1, createdAt: 1, data: { k: 1 } });
    await v1.put('model', { slot: 'current', version: 1, createdAt: 1, data: { w: [1] } });
    v1.close();

    const now = await openAt(DB_VERSION, name);
    expect(now.version).toBe(DB_VERSION);
    expect(await now.get('items', 'a1')).toMatchObject({ title: 'Red Dress' });
    expect(await now.getAllFromIndex('items', 'gtin', '4000000000017')).toHaveLength(1);
    expect(await now.getAllFromIndex('events', 'site_ts', ['north-threads.localhost', 5])).toHaveLength(1);
    expect(Array.from((await now.get('vectors', 'a1'))!.fused)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(await now.get('jobs', 'a1')).toMatchObject({ state: 'queued' });
    expect(await now.get('sites', 'north-threads.localhost')).toMatchObject({ granted: true });
    expect(await now.get('profile', 'current')).toMatchObject({ data: { k: 1 } });
    expect(await now.get('model', 'current')).toMatchObject({ data: { w: [1] } });
    await now.put('settings', { key: 'paused', value: true });
    await now.add('log', { ts: 1, level: 'warn', source: 't', message: 'm' });
    now.close();
  });

  it('has one migration per version, each leaving the version it claims', async () => {
    expect(MIGRATIONS.length).toBe(DB_VERSION);
    for (let v = 1; v <= DB_VERSION; v++) {
      const name = fresh();
      const d = await openAt(v, name);
      expect(d.version).toBe(v);
      d.close();
      // Opening the same version again runs no migration (they are never re-run).
      const again = await openDB(name, v);
      expect(again.version).toBe(v);
      again.close();
    }
  });
});
