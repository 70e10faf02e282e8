// Everything Carryover knows about the shopper as one versioned JSON file, and back. An import is
// checked whole before anything is written; an invalid file changes nothing and says what is wrong.
// Vectors (and the ranker's weights) are optional: they can be made again from the items.
import * as v from 'valibot';
import { describeIssues } from '../shared/messages.ts';
import { EventTypeSchema, ItemIdSchema } from '../shared/schemas.ts';
import type { Db } from './db.ts';
import { DB_VERSION, type Store } from './schema.ts';

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
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(bytes) || (atob(bytes).length % 4) !== 0) throw new Error('a vector is not valid base64 float32 data');
    return fromB64(bytes);
  }
  if (Array.isArray(x)) return x.map(decode);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, y]) => [k, decode(y)]));
  return x;
}

const Vec = v.object({ f32: v.string() });
const ItemSchema = v.looseObject({ id: ItemIdSchema, site: v.string(), url: v.pipe(v.string(), v.url()), title: v.string(), firstSeen: v.number(), lastSeen: v.number() });
const EventSchema = v.looseObject({ id: v.optional(v.number()), itemId: ItemIdSchema, site: v.string(), type: EventTypeSchema, ts: v.number(), value: v.optional(v.number()) });
const SiteRecordSchema = v.looseObject({ site: v.string(), granted: v.boolean(), origins: v.array(v.string()), imageHosts: v.array(v.string()) });
const SettingSchema = v.object({ key: v.string(), value: v.unknown() });
const VectorSchema = v.looseObject({ itemId: ItemIdSchema, modelId: v.string(), fused: Vec, image: v.optional(Vec), text: v.optional(Vec) });
const SnapshotSchema = v.looseObject({ slot: v.picklist(['current', 'previous'] as const), version: v.number(), createdAt: v.number(), data: v.unknown() });

export const ExportSchema = v.object({
  format: v.literal(EXPORT_FORMAT),
  version: v.literal(EXPORT_VERSION),
  schema: v.number(),
  exportedAt: v.number(),
  includesVectors: v.boolean(),
  stores: v.object({
    items: v.array(ItemSchema),
    events: v.array(EventSchema),
    sites: v.array(SiteRecordSchema),
    settings: v.array(SettingSchema),
    vectors: v.optional(v.array(VectorSchema)),
    model: v.optional(v.array(SnapshotSchema)),
  }),
});
export type ExportFile = v.InferOutput<typeof ExportSchema>;

/** The stores an export holds; jobs, the log, the profile snapshot and model files are made again or not personal. */
const CORE: Store[] = ['items', 'events', 'sites', 'settings'];
const WITH_VECTORS: Store[] = ['vectors', 'model'];
/** Settings that describe this browser, not the shopper: not carried to another one. */
const LOCAL_SETTINGS = new Set(['lastBackend', 'downloadedModel', 'queuePauseMs', 'lastTraining']);

export async function exportAll(d: Db, includeVectors: boolean, now = Date.now()): Promise<ExportFile> {
  const stores = includeVectors ? [...CORE, ...WITH_VECTORS] : CORE;
  const tx = d.transaction(stores);
  const out: Record<string, unknown[]> = {};
  for (const s of stores) out[s] = (await tx.objectStore(s).getAll()).map(encode);
  await tx.done;
  out.settings = (out.settings as { key: string }[]).filter((s) => !LOCAL_SETTINGS.has(s.key));
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, schema: DB_VERSION, exportedAt: now, includesVectors: includeVectors, stores: out as ExportFile['stores'] };
}

export interface ImportResult { items: number; events: number; sites: number; vectors: number }

/** Checks the whole file first; then, in one transaction, merges (keeps what is here, adds what is
 * new, events once each) or replaces (clears the exported stores first). */
export async function importAll(d: Db, raw: unknown, mode: 'merge' | 'replace'): Promise<ImportResult> {
  const parsed = v.safeParse(ExportSchema, raw);
  if (!parsed.success) throw new Error(`This is not a Carryover export Carryover can read: ${describeIssues(parsed.issues)}. Nothing was changed.`);
  const file = parsed.output;
  if (file.schema > DB_VERSION) throw new Error(`This export comes from a newer Carryover (database version ${file.schema}); update Carryover first. Nothing was changed.`);
  let decoded: Record<string, unknown[]>;
  try {
    decoded = Object.fromEntries(Object.entries(file.stores).map(([k, recs]) => [k, (recs ?? []).map(decode)]));
  } catch (e) {
    throw new Error(`This export is damaged: ${(e as Error).message}. Nothing was changed.`);
  }
  const stores = [...CORE, ...WITH_VECTORS];
  const tx = d.transaction(stores, 'readwrite');
  if (mode === 'replace') for (const s of stores) if (decoded[s]) await tx.objectStore(s).clear();
  const events = tx.objectStore('events');
  const seen = new Set(mode === 'merge' ? (await events.getAll()).map((e) => `${e.itemId}|${e.type}|${e.ts}`) : []);
  let nEvents = 0;
  for (const e of decoded.events as { itemId: string; type: string; ts: number; id?: number }[]) {
    const key = `${e.itemId}|${e.type}|${e.ts}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (mode === 'replace' && e.id !== undefined) await events.put(e as never);
    else {
      // Merged events get new keys; a key present but undefined is not a key (DataError).
      const { id: _drop, ...rest } = e;
      await events.add(rest as never);
    }
    nEvents++;
  }
  for (const s of ['items', 'sites', 'settings', 'vectors', 'model'] as const) {
    for (const rec of decoded[s] ?? []) {
      if (mode === 'merge' && s !== 'settings' && (await tx.objectStore(s).getKey((rec as Record<string, string>)[s === 'items' ? 'id' : s === 'sites' ? 'site' : s === 'vectors' ? 'itemId' : 'slot'] as never))) continue;
      await tx.objectStore(s).put(rec as never);
    }
  }
  await tx.done;
  return { items: decoded.items!.length, events: nEvents, sites: decoded.sites!.length, vectors: decoded.vectors?.length ?? 0 };
}
