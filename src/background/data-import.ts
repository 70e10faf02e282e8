// An import, streamed: the options page sends the file's header, then its records in chunks, then
// "finish". Each chunk is checked whole and written in one transaction together with its undo record
// (what each key held before), so that a failure anywhere — a bad record in the last chunk, storage
// full, the background stopped half-way — is rolled back to exactly what was there, chunk by chunk.
// The undo records live in the `settings` store (they must survive a stopped background: an import
// left unfinished is rolled back at the next start) and are dropped when the import finishes.
import { IMPORT_STORES } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';
import type { Db } from './db.ts';
import type { ModelDescription } from '../shared/model-index.ts';
import { verifyStored } from './model-download.ts';
import { checkHeader, decodeRecords } from './data-transfer.ts';
import { checkEvent, checkItem, checkSetting, checkSite, checkSnapshot, checkVector, ImportError, type StoreName } from './import-check.ts';
import { ITEM_STORES, removeItem, type ItemTx } from './capture-store.ts';

export type ImportMode = 'merge' | 'replace';
export interface ImportResult {
  items: number;
  events: number;
  sites: number;
  vectors: number;
  /** Shops the file had that this browser must be allowed to read again (consent is never imported). */
  reask: string[];
}

const UNDO = 'import-undo:';
type Undo = [store: StoreName, key: IDBValidKey, before: unknown][];

interface Session {
  mode: ImportMode;
  includesVectors: boolean;
  seq: number;
  seen: Record<StoreName, Set<IDBValidKey>>;
  /** itemId|type|ts of every event here or imported: an event is imported once. */
  eventKeys: Set<string>;
  /** The length of each model's vectors (from what is stored, else the file's first). */
  dims: Map<string, number>;
  counts: { items: number; events: number; sites: number; vectors: number };
  reask: Set<string>;
  /** Records per store the file holds, and how many arrived. */
  expected: Record<string, number>;
  received: Record<string, number>;
}

// An open import lives only as long as the background; its undo records outlive it.
const sessions = new Map<string, Session>();

const eventKey = (e: { itemId: string; type: string; ts: number }) => `${e.itemId}|${e.type}|${e.ts}`;

/** The stores every export has: without them a file is not one (and "replace" would empty them). */
const REQUIRED: readonly StoreName[] = ['items', 'events', 'sites', 'settings'];

export async function startImport(d: Db, header: unknown, counts: Record<string, number>, mode: ImportMode): Promise<string> {
  const h = checkHeader(header);
  for (const s of REQUIRED) if (counts[s] === undefined) throw new ImportError(`stores.${s}`, t('importIsMissing'));
  await rollbackUnfinished(d);
  const dims = new Map<string, number>();
  const eventKeys = new Set<string>();
  const tx = d.transaction(['vectors', 'events']);
  for (let c = await tx.objectStore('vectors').index('modelId').openCursor(null, 'nextunique'); c; c = await c.continue()) dims.set(c.value.modelId, c.value.fused.length);
  if (mode === 'merge') for (let c = await tx.objectStore('events').openCursor(); c; c = await c.continue()) eventKeys.add(eventKey(c.value));
  await tx.done;
  const id = crypto.randomUUID();
  sessions.set(id, {
    mode, includesVectors: h.includesVectors, seq: 0, eventKeys, dims, reask: new Set(), expected: counts, received: {},
    seen: { items: new Set(), events: new Set(), sites: new Set(), settings: new Set(), vectors: new Set(), model: new Set() },
    counts: { items: 0, events: 0, sites: 0, vectors: 0 },
  });
  return id;
}

function session(id: string): Session {
  const s = sessions.get(id);
  if (!s) throw new Error(t('errImportInterrupted'));
  return s;
}

/** Checks and writes one chunk of one store's records (`offset` is the first one's index in the file). */
export async function importChunk(d: Db, id: string, store: StoreName, records: readonly unknown[], offset: number): Promise<number> {
  const s = session(id);
  try {
    return await writeChunk(d, id, s, store, records, offset);
  } catch (e) {
    await abortImport(d, id);
    if (e instanceof ImportError) throw new Error(e.message);
    throw new Error(t('errImportFailed', e instanceof Error ? e.message : String(e)));
  }
}

async function writeChunk(d: Db, id: string, s: Session, store: StoreName, raw: readonly unknown[], offset: number): Promise<number> {
  if (s.expected[store] === undefined || offset !== (s.received[store] ?? 0)) throw new Error(t('errImportOrder', store));
  s.received[store] = offset + raw.length;
  const decoded = decodeRecords(store, raw, offset);
  const path = (i: number) => `stores.${store}.${offset + i}`;
  // Everything is checked before the transaction opens (hashing an item's URL is asynchronous and
  // would let the transaction commit under us).
  const items = store === 'items' ? await Promise.all(decoded.map((r, i) => checkItem(r, path(i)))) : [];
  const checked: unknown[] = store === 'items' ? items
    : store === 'events' ? decoded.map((r, i) => checkEvent(r, path(i)))
    : store === 'vectors' ? decoded.map((r, i) => checkVector(r, path(i), s.dims))
    : store === 'model' ? decoded.map((r, i) => checkSnapshot(r, path(i)))
    : store === 'settings' ? await checkSettings(d, decoded, path)
    : decoded;
  const tx = d.transaction([store, 'settings'], 'readwrite');
  const os = tx.objectStore(store);
  const undo: Undo = [];
  let written = 0;
  for (const [i, rec] of checked.entries()) {
    if (store === 'events') {
      const e = rec as { id?: number; itemId: string; type: string; ts: number };
      if (s.eventKeys.has(eventKey(e))) continue;
      s.eventKeys.add(eventKey(e));
      let key: IDBValidKey;
      if (s.mode === 'replace' && e.id !== undefined) {
        undo.push(['events', e.id, await os.get(e.id)]);
        key = await os.put(e as never);
      } else {
        // Merged events get new keys; a key present but undefined is not a key (DataError).
        const { id: _drop, ...rest } = e;
        key = await os.add(rest as never);
        undo.push(['events', key, undefined]);
      }
      s.seen.events.add(key);
      s.counts.events++;
      written++;
      continue;
    }
    let value = rec;
    if (store === 'settings' && rec === undefined) continue; // a setting this browser does not take
    const key = store === 'sites' ? (rec as { site: string }).site : store === 'settings' ? (value as { key: string }).key
      : store === 'vectors' ? (rec as { itemId: string }).itemId : store === 'model' ? (rec as { slot: string }).slot : (rec as { id: string }).id;
    if (typeof key !== 'string') throw new ImportError(path(i), t('importExpectKey'));
    const before = await os.get(key);
    if (store === 'sites') {
      value = checkSite(rec, path(i), before as never);
      if (!(before as { granted?: boolean } | undefined)?.granted) s.reask.add(key);
      s.counts.sites++;
    }
    s.seen[store].add(key);
    // Merging keeps what is here; settings and sites (checked above) take the file's values.
    if (s.mode === 'merge' && before !== undefined && store !== 'settings' && store !== 'sites') continue;
    undo.push([store, key, before]);
    await os.put(value as never);
    if (store === 'items') s.counts.items++;
    if (store === 'vectors') s.counts.vectors++;
    written++;
  }
  await tx.objectStore('settings').put({ key: `${UNDO}${id}:${String(s.seq++).padStart(9, '0')}`, value: undo });
  await tx.done;
  return written;
}

/** Settings with their allowed values; a downloaded model only if this browser stores its files. */
async function checkSettings(d: Db, decoded: unknown[], path: (i: number) => string): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const [i, r] of decoded.entries()) {
    const s = checkSetting(r, path(i));
    out.push(s && s.key === 'downloadedModel' && (await verifyStored(s.value as ModelDescription, d)) ? undefined : s);
  }
  return out;
}

/** Ends an import: in replace mode what the file did not have goes (except this browser's consent). */
export async function finishImport(d: Db, id: string): Promise<ImportResult> {
  const s = session(id);
  const missing = Object.keys(s.expected).filter((k) => (s.received[k] ?? 0) !== s.expected[k]);
  if (missing.length) {
    await abortImport(d, id);
    throw new Error(t('errImportIncomplete', missing.join(', ')));
  }
  const stores = [...ITEM_STORES, 'sites', 'model', 'settings'] as const;
  const tx = d.transaction([...stores], 'readwrite');
  try {
    if (s.mode === 'replace') {
      for (const key of await tx.objectStore('items').getAllKeys()) if (!s.seen.items.has(key)) await removeItem(tx as unknown as ItemTx, key);
      for (const key of await tx.objectStore('events').getAllKeys()) if (!s.seen.events.has(key)) await tx.objectStore('events').delete(key);
      for (const rec of await tx.objectStore('sites').getAll()) if (!s.seen.sites.has(rec.site) && !rec.granted) await tx.objectStore('sites').delete(rec.site);
      if (s.includesVectors) {
        for (const key of await tx.objectStore('vectors').getAllKeys()) if (!s.seen.vectors.has(key)) await tx.objectStore('vectors').delete(key);
        for (const key of await tx.objectStore('model').getAllKeys()) if (!s.seen.model.has(key)) await tx.objectStore('model').delete(key);
      }
    }
    await tx.objectStore('settings').delete(undoRange(id));
    await tx.done;
  } catch (e) {
    await abortImport(d, id);
    throw new Error(t('errImportFailed', e instanceof Error ? e.message : String(e)));
  }
  sessions.delete(id);
  return { ...s.counts, reask: [...s.reask].sort() };
}

const undoRange = (id: string) => IDBKeyRange.bound(`${UNDO}${id}:`, `${UNDO}${id}:\uffff`);

/** Puts back what the import's chunks changed, newest first, in one transaction. */
export async function abortImport(d: Db, id: string): Promise<void> {
  sessions.delete(id);
  const tx = d.transaction(['items', 'events', 'sites', 'settings', 'vectors', 'model'], 'readwrite');
  const entries = await tx.objectStore('settings').getAll(undoRange(id));
  for (const entry of entries.reverse()) {
    for (const [store, key, before] of (entry.value as Undo).reverse()) {
      if (before === undefined) await tx.objectStore(store).delete(key as never);
      else await tx.objectStore(store).put(before as never);
    }
  }
  await tx.objectStore('settings').delete(undoRange(id));
  await tx.done;
}

/** Undoes imports a stopped background left unfinished (run before an import and at start-up). */
export async function rollbackUnfinished(d: Db): Promise<number> {
  const keys = await d.getAllKeys('settings', IDBKeyRange.bound(UNDO, `${UNDO}\uffff`));
  const ids = new Set(keys.map((k) => String(k).slice(UNDO.length).split(':')[0]!));
  for (const id of ids) if (!sessions.has(id)) await abortImport(d, id);
  return ids.size;
}

/** A whole file at once (tests, small files): the same path as a streamed import. */
export async function importAll(d: Db, file: unknown, mode: ImportMode, chunk = 1000): Promise<ImportResult> {
  const f = file as { stores?: Record<string, unknown> } | null;
  const stores = f && typeof f === 'object' && f.stores && typeof f.stores === 'object' ? f.stores : undefined;
  if (!stores) throw new ImportError('stores', t('importIsMissing'));
  const counts = Object.fromEntries(IMPORT_STORES.filter((s) => stores[s] !== undefined).map((s) => [s, Array.isArray(stores[s]) ? (stores[s] as unknown[]).length : 0]));
  const id = await startImport(d, file, counts, mode);
  for (const store of IMPORT_STORES) {
    const recs = stores[store];
    if (recs === undefined) continue;
    if (!Array.isArray(recs)) {
      await abortImport(d, id);
      throw new ImportError(`stores.${store}`, t('importExpectList'));
    }
    for (let i = 0; i < recs.length; i += chunk) await importChunk(d, id, store, recs.slice(i, i + chunk), i);
  }
  return finishImport(d, id);
}

