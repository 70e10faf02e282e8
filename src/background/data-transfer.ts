// Everything Carryover knows about the shopper as one versioned JSON file, and back. An import is
// streamed in chunks (data-import.ts); an invalid file changes nothing and says what is wrong.
// Vectors (and the ranker's weights) are optional: they can be made again from the items.
import * as v from 'valibot';
import { t } from '../shared/i18n.ts';
import type { Db } from './db.ts';
import { DB_VERSION, type Store } from './schema.ts';
import { IMPORTED_SETTINGS, ImportError, type StoreName } from './import-check.ts';
import { fromIssues } from './import-words.ts';

export const EXPORT_FORMAT = 'carryover-export';
export const EXPORT_VERSION = 1;

const b64 = (a: Float32Array) => {
  const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
};
const fromB64 = (s: string) => {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Float32Array(bytes.buffer);
};

/** Float32Arrays anywhere in a record become {f32: base64}; and back. */
function encode(x: unknown): unknown {
  if (x instanceof Float32Array) return { f32: b64(x) };
  if (Array.isArray(x)) return x.map(encode);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, encode(y)]));
  return x;
}
function decode(x: unknown): unknown {
  if (x && typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 1 && typeof (x as { f32?: unknown }).f32 === 'string') {
    const bytes = (x as { f32: string }).f32;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bytes) || (atob(bytes).length % 4) !== 0) throw new Error('a vector is not valid base64 float32 data');  // not shown to the shopper
    return fromB64(bytes);
  }
  if (Array.isArray(x)) return x.map(decode);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, decode(y)]));
  return x;
}

const HeaderSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  schema: v.number(),
  exportedAt: v.number(),
  includesVectors: v.boolean(),
});
export type ExportHeader = v.InferOutput<typeof HeaderSchema>;
/** `catalogue`: how many products of each shop's public catalogue Carryover holds. They are counted,
 * not exported: they are the shop's, not the shopper's, and are read again from the shop. */
export type ExportFile = ExportHeader & { stores: Partial<Record<StoreName, unknown[]>>; catalogue?: Record<string, number> };

/** The stores an export holds; jobs, the log, the profile snapshot and model files are made again or not personal. */
const CORE: Store[] = ['items', 'events', 'sites', 'settings'];
const WITH_VECTORS: Store[] = ['vectors', 'model'];

export async function exportAll(d: Db, includeVectors: boolean, now = Date.now()): Promise<ExportFile> {
  const stores = includeVectors ? [...CORE, ...WITH_VECTORS] : CORE;
  const tx = d.transaction([...stores, 'catalogue' as const]);
  const out: Record<string, unknown[]> = {};
  for (const s of stores) out[s] = (await tx.objectStore(s).getAll()).map(encode);
  const catalogue: Record<string, number> = {};
  let cursor = await tx.objectStore('catalogue').index('site').openKeyCursor();
  while (cursor) {
    const site = String(cursor.key);
    catalogue[site] = (catalogue[site] ?? 0) + 1;
    cursor = await cursor.continue();
  }
  await tx.done;
  // Only what an import takes back: settings about this browser (its backend, a downloaded model) stay here.
  out.settings = (out.settings as { key: string }[]).filter((s) => IMPORTED_SETTINGS.includes(s.key));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, schema: DB_VERSION, exportedAt: now, includesVectors: includeVectors, stores: out, catalogue };
}

/** The header of a file (everything but its records), checked before an import starts. */
export function checkHeader(raw: unknown): ExportHeader {
  const parsed = v.safeParse(HeaderSchema, raw);
  if (!parsed.success) throw fromIssues('', parsed.issues);
  if (parsed.output.schema > DB_VERSION) throw new Error(t('importNewer', parsed.output.schema));
  return parsed.output;
}

/** Records of a store as they travel (vectors as base64), decoded; throws ImportError naming the record. */
export function decodeRecords(store: StoreName, records: readonly unknown[], offset: number): unknown[] {
  return records.map((r, i) => {
    try {
      return decode(r);
    } catch {
      // decode() fails only on a vector's base64 (the rest passes through as it is).
      throw new ImportError(`stores.${store}.${offset + i}`, t('importExpectBase64'));
    }
  });
}
