// Functions the harness runs inside the extension, as source text (see api.ts for why strings).
// They only read and write the extension's own IndexedDB, the same in both browsers.

/** Every store's records; typed arrays become number arrays and blobs a size, so the result is JSON. */
export const DUMP = `async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const plain = (v) => {
    if (ArrayBuffer.isView(v)) return Array.from(v);
    if (v instanceof Blob) return { blob: v.size, type: v.type };
    if (Array.isArray(v)) return v.map(plain);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
    return v;
  };
  const out = {};
  for (const name of Array.from(db.objectStoreNames)) {
    out[name] = await new Promise((res, rej) => { const r = db.transaction(name).objectStore(name).getAll(); r.onsuccess = () => res(r.result.map(plain)); r.onerror = () => rej(r.error); });
  }
  db.close();
  return out;
}`;

export const SET_SETTING = `async ([key, value]) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  await new Promise((res, rej) => { const tx = db.transaction('settings', 'readwrite'); tx.objectStore('settings').put({ key, value }); tx.oncomplete = () => res(); tx.onerror = () => rej(tx.error); });
  db.close();
}`;

/** Finds a button, link or label by its visible text and returns it (for a trusted click by the driver). */
export const FIND_BY_TEXT = `(pattern, flags, within) => {
  const re = new RegExp(pattern, flags);
  const root = within ? document.querySelector(within) : document;
  if (!root) return null;
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0; };
  const text = (el) => (el.innerText || el.textContent || el.getAttribute('aria-label') || '').trim();
  return [...root.querySelectorAll('button, a, label, [role=button], summary')].find((el) => visible(el) && re.test(text(el))) ?? null;
}`;

export function textPattern(t: string | RegExp): [string, string] {
  return typeof t === 'string' ? [`^\\s*${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, ''] : [t.source, t.flags];
}

/** Finds the form control a label (by its text) names, or one whose aria-label is that text. */
export const FIND_BY_LABEL = `(pattern, flags) => {
  const re = new RegExp(pattern, flags);
  const label = [...document.querySelectorAll('label')].find((l) => re.test((l.innerText || l.textContent || '').trim()));
  if (label) return label.control ?? label.querySelector('input, select, textarea');
  return [...document.querySelectorAll('input[aria-label], select[aria-label], textarea[aria-label]')].find((el) => re.test(el.getAttribute('aria-label').trim())) ?? null;
}`;

/** The sidebar is an extension page in a frame of the shop's tab (src/sidebar/frame.html). */
export const SIDEBAR_FRAME = /^(chrome|moz)-extension:\/\/[^/]+\/src\/sidebar\/frame\.html/;

/** Asks the content script of a tab what it saw on this page view (`capture/status`); null where
 * none runs. Run in an extension context with the tab's id. */
export const PAGE_STATUS = `async (tabId) => {
  const api = globalThis.browser ?? chrome;
  try {
    return (await api.tabs.sendMessage(tabId, { type: 'capture/status' }, { frameId: 0 })) ?? null;
  } catch (e) {
    if (/Receiving end does not exist|Could not establish connection/.test(String(e))) return null;
    throw e;
  }
}`;

export const SIDEBAR_PICKS = "[...document.querySelectorAll('li[data-item-id]')].map((e) => e.getAttribute('data-item-id'))";
export const SIDEBAR_PHOTOS = "[...document.querySelectorAll('li[data-item-id]')].map((e) => e.querySelector('img')?.getAttribute('src') ?? '')";

/**
 * How far a shop's catalogue is understood, counted in the extension's IndexedDB: only the counts
 * cross to the test (a full dump ships every 512-float vector, megabytes a poll at real size, and
 * its cost would land in the figures it measures). `photosRead`: catalogue products whose photo has
 * a vector, flagged by the cascade now or before.
 */
export const CATALOGUE_PROGRESS = `async (site) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const req = (r) => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const tx = db.transaction(['catalogue', 'vectors']);
  const cat = await req(tx.objectStore('catalogue').index('site').getAll(site));
  const out = { products: cat.length, flagged: 0, titles: 0, flaggedWithPhoto: 0, photosRead: 0 };
  const vectors = tx.objectStore('vectors');
  for (const c of cat) {
    const v = await req(vectors.get(c.id));
    if (v?.text) out.titles++;
    if (v?.image) out.photosRead++;
    if (c.photo) { out.flagged++; if (v?.image) out.flaggedWithPhoto++; }
  }
  db.close();
  return out;
}`;

/** Catalogue products not also kept as items, and the kept items: counted in IndexedDB. */
export const CATALOGUE_CANDIDATES = `async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const keys = (store) => new Promise((res, rej) => { const r = db.transaction(store).objectStore(store).getAllKeys(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const items = new Set(await keys('items'));
  const candidates = (await keys('catalogue')).filter((k) => !items.has(k)).length;
  db.close();
  return { candidates, items: items.size };
}`;

/** The embedding queue's jobs counted by kind and state (`{ image: { running: 8, done: 40 } }`),
 * read in IndexedDB without the vectors (a dump is slow to poll). */
export const JOB_COUNTS = `async () => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open('carryover'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const jobs = db.objectStoreNames.contains('jobs') ? await new Promise((res, rej) => { const r = db.transaction('jobs').objectStore('jobs').getAll(); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); }) : [];
  db.close();
  const out = {};
  for (const j of jobs) {
    out[j.kind] ??= {};
    out[j.kind][j.state] = (out[j.kind][j.state] ?? 0) + 1;
  }
  return out;
}`;
type JobKind = 'text' | 'image';
type JobState = 'queued' | 'running' | 'done' | 'failed';
export type JobCounts = Partial<Record<JobKind, Partial<Record<JobState, number>>>>;

/** Jobs of `kinds` in any of `states` (every state where none is named). */
export function jobsIn(c: JobCounts, kinds: readonly JobKind[], states?: readonly JobState[]): number {
  let n = 0;
  for (const k of kinds) for (const [state, count] of Object.entries(c[k] ?? {})) if (!states || states.includes(state as JobState)) n += count ?? 0;
  return n;
}
