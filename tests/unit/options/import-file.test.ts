// The options page's side of a streamed import: chunks bounded by count and size, progress, and the
// background's own checks reached through the same messages (here answered by the real handlers).
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { chunks, importFile } from '../../../src/options/import-file.ts';
import { abortImport, finishImport, importChunk, startImport } from '../../../src/background/data-import.ts';
import { itemIdFor } from '../../../src/background/capture-store.ts';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { MAX_IMPORT_CHUNK, type UiMessage } from '../../../src/shared/messages.ts';

describe('streamed import', () => {
  it('cuts records by count and by size, never a chunk over the limit unless one record is', () => {
    const recs = Array.from({ length: 12_000 }, (_, i) => ({ i, pad: 'x'.repeat(i % 7 === 0 ? 900 : 10) }));
    const out = [...chunks(recs, 100_000)];
    expect(out.flatMap((c) => c.records)).toEqual(recs);
    for (const c of out) {
      expect(c.records.length).toBeLessThanOrEqual(MAX_IMPORT_CHUNK);
      expect(JSON.stringify(c.records).length).toBeLessThan(100_000 + 2 * c.records.length + 2);
    }
    expect(out[1]!.offset).toBe(out[0]!.records.length);
  });

  it('sends the header, every chunk with progress, then finish; the background writes it', async () => {
    const d = await openAt(DB_VERSION, 'import-file-test');
    const sent: string[] = [];
    const ask = (async (m: UiMessage) => {
      sent.push(m.type);
      if (m.type === 'data/import-start') return { importId: await startImport(d, m.header, m.counts, m.mode) };
      if (m.type === 'data/import-chunk') return importChunk(d, m.importId, m.store, m.records, m.offset);
      if (m.type === 'data/import-finish') return finishImport(d, m.importId);
      if (m.type === 'data/import-abort') return abortImport(d, m.importId);
      throw new Error(m.type);
    }) as never;
    const items = await Promise.all(Array.from({ length: 3000 }, async (_, i) => {
      const url = `http://s.localhost/p/${i}`;
      return { id: await itemIdFor(url), site: 's.localhost', url, title: `P${i}`, firstSeen: 1, lastSeen: 1 };
    }));
    const file = { format: 'carryover-export', version: 1, schema: DB_VERSION, exportedAt: 1, includesVectors: false, stores: { items, events: [], sites: [], settings: [] } };
    const progress: number[] = [];
    const r = await importFile(ask, file, 'merge', (p) => progress.push(p.done));
    expect(r.items).toBe(3000);
    expect(await d.count('items')).toBe(3000);
    expect(progress.at(-1)).toBe(3000);
    expect(progress.length).toBeGreaterThan(1);
    expect(sent[0]).toBe('data/import-start');
    expect(sent.at(-1)).toBe('data/import-finish');
  });
});
