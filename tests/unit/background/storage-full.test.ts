// 12.11: with every write failing for lack of room, a page is stored whole or not at all, the
// background remembers that storage is full (for the popup and options page) until a write works
// again, and the log still holds what could not be written.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const session = new Map<string, unknown>();
vi.mock('webextension-polyfill', () => ({
  default: {
    storage: {
      session: {
        get: async (k: string) => (session.has(k) ? { [k]: session.get(k) } : {}),
        set: async (o: Record<string, unknown>) => { for (const [k, v] of Object.entries(o)) session.set(k, v); },
        remove: async (k: string) => void session.delete(k),
      },
    },
  },
}));
const { recordPage } = await import('../../../src/background/capture-store.ts');
const { openAt } = await import('../../../src/background/db.ts');
const { DB_VERSION } = await import('../../../src/background/schema.ts');
const { isQuotaError, noteFailure, noteWritten, storageHealth } = await import('../../../src/background/storage-health.ts');
const { logFailure, recentLog, reportError } = await import('../../../src/background/log.ts');

/** Makes IndexedDB writes fail as a full disk does, after `okWrites` writes went through. */
function fillDiskAfter(okWrites: number) {
  let n = 0;
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  for (const m of ['put', 'add'] as const) {
    const real = IDBObjectStore.prototype[m];
    vi.spyOn(IDBObjectStore.prototype, m).mockImplementation(function (this: IDBObjectStore, ...args: Parameters<typeof real>) {
      if (n++ >= okWrites) throw quota();
      return real.apply(this, args);
    });
  }
}

afterEach(() => vi.restoreAllMocks());

describe('12.11: full storage', () => {
  it('recognises the browser\'s quota errors', () => {
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Error('Transaction aborted', { cause: new DOMException('x', 'QuotaExceededError') }))).toBe(true);
    expect(isQuotaError(new Error('the image answered 404'))).toBe(false);
  });

  it('a page is written whole or not at all', async () => {
    const d = await openAt(DB_VERSION, 'storage-full-page');
    fillDiskAfter(3);
    const products = Array.from({ length: 10 }, (_, i) => ({ url: `https://s.example/p/${i}`, title: `P${i}` }));
    await expect(recordPage(d, 's.example', 'listing', products)).rejects.toThrow(/quota/);
    vi.restoreAllMocks();
    expect(await d.count('items')).toBe(0);
    expect(await d.count('events')).toBe(0);
  });

  it('storage full is remembered (across a restarted background, in storage.session) until a write works', async () => {
    expect((await storageHealth()).fullSince).toBeUndefined();
    reportError('capture/page', new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await new Promise((r) => setTimeout(r, 20));
    const h = await storageHealth();
    expect(h.fullSince).toBeGreaterThan(0);
    expect(h.where).toBe('capture/page');
    expect(session.get('storageFull')).toMatchObject({ where: 'capture/page' });
    expect(noteFailure('x', new Error('other'))).toBe(false);
    noteWritten();
    await new Promise((r) => setTimeout(r, 20));
    expect((await storageHealth()).fullSince).toBeUndefined();
    expect(session.has('storageFull')).toBe(false);
  });

  it('the log degrades gracefully: an entry that cannot be written is still listed', async () => {
    fillDiskAfter(0);
    await expect(logFailure('error', 'background:embedding', 'the disk is full')).rejects.toThrow(/quota/);
    vi.restoreAllMocks();
    expect((await recentLog()).map((e) => e.message)).toContain('the disk is full');
  });
});
