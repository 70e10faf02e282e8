// Whether Carryover can still write: when the browser's storage for the extension is full, every
// IndexedDB write fails with QuotaExceededError. That is remembered (in storage.session, which does
// not live in IndexedDB and survives a stopped background) until a write succeeds again, and shown
// in the popup and the options page with what the shopper can do.
import browser from 'webextension-polyfill';
import type { StorageHealth } from '../shared/storage-health.ts';

export type { StorageHealth };

const KEY = 'storageFull';
let full: { since: number; where: string } | null | undefined;

/** A write that failed because storage is full, in whichever form the browser reports it. */
export function isQuotaError(e: unknown): boolean {
  const seen = new Set<unknown>();
  for (let x = e; x && typeof x === 'object' && !seen.has(x); x = (x as { cause?: unknown; inner?: unknown }).cause ?? (x as { inner?: unknown }).inner) {
    seen.add(x);
    const { name, message } = x as { name?: unknown; message?: unknown };
    if (name === 'QuotaExceededError' || (typeof message === 'string' && /QuotaExceeded|quota.*exceeded|storage.*full/i.test(message))) return true;
  }
  return typeof e === 'string' && /QuotaExceeded/i.test(e);
}

async function persist(value: typeof full): Promise<void> {
  full = value;
  try {
    await (value ? browser.storage.session.set({ [KEY]: value }) : browser.storage.session.remove(KEY));
  } catch (e) {
    // storage.session is small and separate; if even it fails the module variable still holds.
    console.warn('Carryover: could not remember the storage state', e);
  }
}

/** Called with any failure: a quota failure marks storage full. True when it was one. */
export function noteFailure(where: string, e: unknown, now = Date.now()): boolean {
  if (!isQuotaError(e)) return false;
  if (!full) void persist({ since: now, where });
  return true;
}

/** Called after a write went through: storage has room again. */
export function noteWritten(): void {
  if (full !== null) void persist(null);
}

export async function storageHealth(): Promise<StorageHealth> {
  if (full === undefined) {
    try {
      full = ((await browser.storage.session.get(KEY))[KEY] as typeof full) ?? null;
    } catch (e) {
      console.warn('Carryover: could not read the storage state', e);
      full = null;
    }
  }
  let estimate: StorageEstimate | undefined;
  try {
    estimate = await (globalThis as { navigator?: Navigator }).navigator?.storage?.estimate?.();
  } catch (e) {
    console.warn('Carryover: no storage estimate', e);
  }
  return { ...(full ? { fullSince: full.since, where: full.where } : {}), usage: estimate?.usage, quota: estimate?.quota };
}
