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
    await v1.put('jobs', { id: 'a1', itemId: 'a1', state: 'queued', attempts: 0, nextAt: 0 } as never); // the v1 shape
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
    // v3 drops jobs of the v1 shape (no kind, no model): the queue re-creates them from the items.
    expect(await now.get('jobs', 'a1')).toBeUndefined();
    expect(await now.get('sites', 'north-threads.localhost')).toMatchObject({ granted: true });
    expect(await now.get('profile', 'current')).toMatchObject({ data: { k: 1 } });
    expect(await now.get('model', 'current')).toMatchObject({ data: { w: [1] } });
    await now.put('settings', { key: 'paused', value: true });
    await now.add('log', { ts: 1, level: 'warn', source: 't', message: 'm' });
    await now.put('modelFiles', { key: 'm/config.json', model: 'm', path: 'config.json', size: 2, sha256: '0'.repeat(64), blob: new Blob(['{}']) });
    now.close();
  });

  it('upgrades a v2 database: jobs of the new shape survive v3, old ones go', async () => {
    const name = fresh();
    const v2 = await openAt(2, name);
    await v2.put('jobs', { id: 'old', itemId: 'a1', state: 'queued', attempts: 0, nextAt: 0 } as never);
    await v2.put('jobs', { id: 'text:a1', itemId: 'a1', kind: 'text', modelId: 'm', state: 'done', attempts: 0, nextAt: 0, createdAt: 1, doneAt: 2 });
    v2.close();
    const now = await openAt(DB_VERSION, name);
    expect(await now.getAllKeys('jobs')).toEqual(['text:a1']);
    expect(await now.getAllFromIndex('jobs', 'itemId', 'a1')).toHaveLength(1);
    expect(await now.getAllFromIndex('jobs', 'doneAt', 2)).toHaveLength(1);
    now.close();
  });

  it('upgrades a v3 database to v4: the thumbnails store is added and nothing else changes', async () => {
    const name = fresh();
    const v3 = await openAt(3, name);
    await v3.put('items', { id: 'a1', site: 'north-threads.localhost', url: 'http://north-threads.localhost/p/a', title: 'Red Dress', imageUrl: 'http://img.north-threads.localhost/a.jpg', firstSeen: 1, lastSeen: 2 });
    await v3.put('vectors', { itemId: 'a1', modelId: 'm', image: new Float32Array([1, 0]), fused: new Float32Array([1, 0]) });
    await v3.put('jobs', { id: 'image:a1', itemId: 'a1', kind: 'image', modelId: 'm', state: 'done', attempts: 0, nextAt: 0, createdAt: 1, doneAt: 2 });
    expect([...v3.objectStoreNames]).not.toContain('thumbs');
    v3.close();
    const now = await openAt(DB_VERSION, name);
    expect(await now.get('items', 'a1')).toMatchObject({ imageUrl: 'http://img.north-threads.localhost/a.jpg' });
    expect(await now.getAllKeys('jobs')).toEqual(['image:a1']);
    // An item embedded before v4 has no thumbnail until its photo is read again.
    expect(await now.get('thumbs', 'a1')).toBeUndefined();
    await now.put('thumbs', { itemId: 'a1', dataUrl: 'data:image/webp;base64,UklGRg==', createdAt: 3 });
    expect(await now.get('thumbs', 'a1')).toMatchObject({ dataUrl: 'data:image/webp;base64,UklGRg==' });
    now.close();
  });

  it('upgrades a v4 database to v5: the catalogue and crawl stores are added and nothing else changes', async () => {
    const name = fresh();
    const v4 = await openAt(4, name);
    await v4.put('items', { id: 'a1', site: 'north-threads.localhost', url: 'http://north-threads.localhost/p/a', title: 'Red Dress', firstSeen: 1, lastSeen: 2 });
    await v4.put('thumbs', { itemId: 'a1', dataUrl: 'data:image/webp;base64,UklGRg==', createdAt: 3 });
    expect([...v4.objectStoreNames]).not.toContain('catalogue');
    v4.close();
    const now = await openAt(DB_VERSION, name);
    expect(await now.get('items', 'a1')).toMatchObject({ title: 'Red Dress' });
    expect(await now.get('thumbs', 'a1')).toMatchObject({ createdAt: 3 });
    await now.put('catalogue', { id: 'c1', site: 'quarry-road.localhost', url: 'http://quarry-road.localhost/item/a', title: 'Silk Scarf', source: 'sitemap', rank: 1, firstSeen: 4, lastSeen: 4 });
    expect(await now.getAllFromIndex('catalogue', 'site', 'quarry-road.localhost')).toHaveLength(1);
    expect(await now.getAllFromIndex('catalogue', 'lastSeen', 4)).toHaveLength(1);
    // A catalogue product is not an item: the history, profile and taste map never see it.
    expect(await now.get('items', 'c1')).toBeUndefined();
    expect(await now.get('crawls', 'quarry-road.localhost')).toBeUndefined();
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
