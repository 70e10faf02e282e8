// Export and import over a real (fake-indexeddb) database: merge adds without duplicating events,
// replace restores exactly, and a file from a newer Carryover or with a broken vector is refused.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { exportAll } from '../../../src/background/data-transfer.ts';
import { abortImport, importAll, importChunk, rollbackUnfinished, startImport } from '../../../src/background/data-import.ts';
import { itemIdFor } from '../../../src/background/capture-store.ts';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { useLocale } from '../locale.ts';

useLocale('en');

let n = 0;
const fresh = () => openAt(DB_VERSION, `transfer-test-${n++}`);
const URL_A = 'http://s.localhost/p/a';
const URL_B = 'http://s.localhost/p/b';

async function seeded() {
  const d = await fresh();
  const a = await itemIdFor(URL_A);
  await d.put('items', { id: a, site: 's.localhost', url: URL_A, title: 'A', firstSeen: 1, lastSeen: 2 });
  await d.add('events', { itemId: a, site: 's.localhost', type: 'cart', ts: 5 });
  await d.put('vectors', { itemId: a, modelId: 'm', fused: new Float32Array([0.6, 0.8]), text: new Float32Array([1, 0]) });
  await d.put('settings', { key: 'paused', value: true });
  await d.put('settings', { key: 'lastBackend', value: { backend: 'wasm' } });
  await d.put('sites', { site: 's.localhost', granted: true, origins: ['*://s.localhost/*'], imageHosts: ['img.s.localhost'], grantedAt: 1 });
  return { d, a };
}

async function goodFile() {
  const { d } = await seeded();
  return JSON.parse(JSON.stringify(await exportAll(d, true)));
}

async function contents(d: Awaited<ReturnType<typeof fresh>>) {
  const out: Record<string, unknown[]> = {};
  for (const s of ['items', 'events', 'sites', 'settings', 'vectors'] as const) out[s] = await d.getAll(s);
  return out;
}

describe('export and import', () => {
  it('round-trips vectors exactly, leaves this browser\'s own settings out, and merges without duplicates', async () => {
    const { d, a } = await seeded();
    const file = JSON.parse(JSON.stringify(await exportAll(d, true)));
    expect(file.stores.settings).toEqual([{ key: 'paused', value: true }]);
    const e = await fresh();
    expect(await importAll(e, file, 'merge')).toMatchObject({ items: 1, events: 1, vectors: 1 });
    expect(Array.from((await e.get('vectors', a))!.fused)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect((await importAll(e, file, 'merge')).events).toBe(0); // the same events are not added twice
    expect(await e.count('events')).toBe(1);
  });

  it('without vectors, the file has none; replace clears what was there', async () => {
    const { d, a } = await seeded();
    const file = JSON.parse(JSON.stringify(await exportAll(d, false)));
    expect(file.stores.vectors).toBeUndefined();
    await d.put('items', { id: await itemIdFor(URL_B), site: 's.localhost', url: URL_B, title: 'B', firstSeen: 1, lastSeen: 2 });
    await importAll(d, file, 'replace');
    expect(await d.getAllKeys('items')).toEqual([a]);
  });

  it('refuses a newer format, a wrong shape and a broken vector, changing nothing', async () => {
    const { d } = await seeded();
    const good = JSON.parse(JSON.stringify(await exportAll(d, true)));
    const before = await d.count('events');
    await expect(importAll(d, { ...good, schema: DB_VERSION + 1 }, 'replace')).rejects.toThrow(/newer Carryover.*Nothing was changed/);
    await expect(importAll(d, { ...good, stores: { ...good.stores, events: [{ itemId: 'x' }] } }, 'replace')).rejects.toThrow(/stores\.events\.0\.itemId/);
    const broken = structuredClone(good);
    broken.stores.vectors[0].fused.f32 = 'AAA';
    await expect(importAll(d, broken, 'replace')).rejects.toThrow(/product vector 1: is not valid vector data.*stores\.vectors\.0 .*Nothing was changed/);
    expect(await d.count('events')).toBe(before);
    expect(await d.count('vectors')).toBe(1);
  });
});

describe('import checks (issue 12)', () => {
  it('12.3: refuses javascript:, data: and relative item or image URLs, naming the record', async () => {
    const good = await goodFile();
    for (const [field, bad] of [['url', 'javascript:alert(1)'], ['imageUrl', 'javascript:alert(document.cookie)'], ['imageUrl', 'data:image/png;base64,AAAA'], ['url', '/p/a']] as const) {
      const d = await fresh();
      const file = structuredClone(good);
      file.stores.items[0][field] = bad;
      await expect(importAll(d, file, 'merge')).rejects.toThrow(new RegExp(`stores\\.items\\.0\\.${field}.*Nothing was changed`));
      expect(await d.count('items')).toBe(0);
    }
  });

  it('12.4: an item cannot be filed under another shop or another product\'s id', async () => {
    const good = await goodFile();
    const d = await fresh();
    const wrongSite = structuredClone(good);
    wrongSite.stores.items[0].site = 'attacker.example';
    await expect(importAll(d, wrongSite, 'merge')).rejects.toThrow(/stores\.items\.0\.site/);
    const wrongId = structuredClone(good);
    wrongId.stores.items[0].url = URL_B;
    await expect(importAll(d, wrongId, 'merge')).rejects.toThrow(/stores\.items\.0\.id/);
  });

  it('12.5: settings only from their allowed values; consent is never imported as granted', async () => {
    const good = await goodFile();
    for (const bad of [{ key: 'retentionDays', value: 0.0001 }, { key: 'paused', value: 'yes' }, { key: 'backend', value: 'evil' }]) {
      const d = await fresh();
      const file = structuredClone(good);
      file.stores.settings = [bad];
      await expect(importAll(d, file, 'replace')).rejects.toThrow(/stores\.settings\.0\.value/);
      expect(await d.count('settings')).toBe(0);
    }
    const d = await fresh();
    const file = structuredClone(good);
    const model = { id: 'clip@abc', name: 'clip', dtypes: ['q8'], testModel: false, files: [{ path: 'onnx/vision_model.onnx', size: 10, sha256: 'a'.repeat(64) }] };
    file.stores.settings = [{ key: 'retentionDays', value: 90 }, { key: 'downloadedModel', value: model }, { key: 'queuePauseMs', value: 99999 }];
    file.stores.sites[0].granted = true;
    const r = await importAll(d, file, 'merge');
    expect(await d.get('settings', 'retentionDays')).toEqual({ key: 'retentionDays', value: 90 });
    expect(await d.get('settings', 'downloadedModel')).toBeUndefined(); // its files are not stored here
    expect(await d.get('settings', 'queuePauseMs')).toBeUndefined();
    expect(await d.get('sites', 's.localhost')).toMatchObject({ granted: false, imageHosts: ['img.s.localhost'] });
    expect((await d.get('sites', 's.localhost'))!.grantedAt).toBeUndefined();
    expect(r.reask).toEqual(['s.localhost']);
  });

  it('12.5: a shop this browser already allows keeps its consent through a replace', async () => {
    const { d } = await seeded();
    const file = JSON.parse(JSON.stringify(await exportAll(d, false)));
    file.stores.sites[0].granted = false;
    const r = await importAll(d, file, 'replace');
    expect(await d.get('sites', 's.localhost')).toMatchObject({ granted: true });
    expect(r.reask).toEqual([]);
  });

  it('12.12: vectors of the wrong length or with NaN are refused', async () => {
    const good = await goodFile();
    const f32 = (a: number[]) => ({ f32: Buffer.from(new Float32Array(a).buffer).toString('base64') });
    const d = await fresh();
    const nan = structuredClone(good);
    nan.stores.vectors[0].fused = f32([NaN, 1]);
    await expect(importAll(d, nan, 'merge')).rejects.toThrow(/not finite.*stores\.vectors\.0\.fused/);
    const short = structuredClone(good);
    short.stores.vectors[0].text = f32([1, 0, 0]);
    await expect(importAll(d, short, 'merge')).rejects.toThrow(/has 3 numbers where this model's vectors have 2.*stores\.vectors\.0\.text/);
    // And against what is stored: this browser's vectors of model m have 2 numbers.
    const { d: here } = await seeded();
    const other = structuredClone(good);
    other.stores.vectors[0].itemId = await itemIdFor(URL_B);
    other.stores.vectors[0].fused = f32([1, 0, 0, 0]);
    delete other.stores.vectors[0].text;
    await expect(importAll(here, other, 'merge')).rejects.toThrow(/has 4 numbers where this model's vectors have 2/);
  });

  it('12.12: a failure in a later chunk undoes the earlier chunks, in merge and in replace', async () => {
    const good = await goodFile();
    const items = await Promise.all(Array.from({ length: 50 }, async (_, i) => {
      const url = `http://s.localhost/p/n${i}`;
      return { id: await itemIdFor(url), site: 's.localhost', url, title: `N${i}`, firstSeen: 1, lastSeen: 2 };
    }));
    for (const mode of ['merge', 'replace'] as const) {
      const { d } = await seeded();
      const before = await contents(d);
      const file = structuredClone(good);
      file.stores.items = items;
      file.stores.events = [...items.map((i) => ({ itemId: i.id, site: 's.localhost', type: 'view', ts: 9 })), { itemId: items[0]!.id, site: 's.localhost', type: 'nope', ts: 1 }];
      await expect(importAll(d, file, mode, 10)).rejects.toThrow(/stores\.events\.50\.type.*Nothing was changed/);
      expect(await contents(d)).toEqual(before);
    }
  });

  it('12.12: an import a stopped background left unfinished is undone at the next start', async () => {
    const { d } = await seeded();
    const before = await contents(d);
    const file = await goodFile();
    const url = 'http://s.localhost/p/new';
    const id = await startImport(d, file, { items: 2, events: 0, sites: 0, settings: 0 }, 'merge');
    await importChunk(d, id, 'items', [{ id: await itemIdFor(url), site: 's.localhost', url, title: 'New', firstSeen: 1, lastSeen: 1 }], 0);
    expect(await d.count('items')).toBe(2);
    // The background stops here: its session is gone, the undo record is in the database.
    await abortImport(await fresh(), id); // (another database: a no-op, only forgets the session)
    expect(await rollbackUnfinished(d)).toBe(1);
    expect(await contents(d)).toEqual(before);
    await expect(importChunk(d, id, 'items', [], 1)).rejects.toThrow(/interrupted/);
  });

  it('12.12: an import missing records it announced is undone', async () => {
    const { d } = await seeded();
    const before = await contents(d);
    const file = await goodFile();
    const url = 'http://s.localhost/p/new';
    const id = await startImport(d, file, { items: 2, events: 0, sites: 0, settings: 0 }, 'replace');
    await importChunk(d, id, 'items', [{ id: await itemIdFor(url), site: 's.localhost', url, title: 'New', firstSeen: 1, lastSeen: 1 }], 0);
    const { finishImport } = await import('../../../src/background/data-import.ts');
    await expect(finishImport(d, id)).rejects.toThrow(/did not receive all of items/);
    expect(await contents(d)).toEqual(before);
  });
});
