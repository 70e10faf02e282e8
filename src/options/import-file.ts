// Sends an export file to the background in chunks (one message each, well under the browser's
// limit for a message), reporting progress; on any failure the background undoes what was written.
import { IMPORT_STORES, MAX_IMPORT_CHUNK, type UiMessage } from '../shared/messages.ts';
import type { Answer } from '../shared/connector.ts';

/** Characters of JSON per chunk: far below Chrome's 64 MB per message, big enough to be quick. */
export const CHUNK_CHARS = 4_000_000;

type Ask = <T extends UiMessage['type']>(msg: Extract<UiMessage, { type: T }>) => Promise<Answer<T>>;
export interface Progress { done: number; total: number }

/** Cuts a store's records into chunks by count and by size. */
export function* chunks(records: readonly unknown[], maxChars = CHUNK_CHARS): Generator<{ offset: number; records: unknown[] }> {
  let start = 0;
  let chars = 0;
  for (let i = 0; i < records.length; i++) {
    const size = JSON.stringify(records[i])?.length ?? 0;
    if (i > start && (chars + size > maxChars || i - start >= MAX_IMPORT_CHUNK)) {
      yield { offset: start, records: records.slice(start, i) };
      start = i;
      chars = 0;
    }
    chars += size;
  }
  if (start < records.length) yield { offset: start, records: records.slice(start) };
}

export async function importFile(ask: Ask, file: unknown, mode: 'merge' | 'replace', onProgress: (p: Progress) => void): Promise<Answer<'data/import-finish'>> {
  const { stores, ...header } = (file && typeof file === 'object' ? file : {}) as { stores?: Record<string, unknown> };
  const lists = IMPORT_STORES.map((s) => [s, stores && typeof stores === 'object' ? stores[s] : undefined] as const);
  const counts = Object.fromEntries(lists.filter(([, r]) => r !== undefined).map(([s, r]) => [s, Array.isArray(r) ? r.length : 1]));
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const { importId } = await ask({ type: 'data/import-start', header, counts, mode });
  let done = 0;
  onProgress({ done, total });
  try {
    for (const [store, recs] of lists) {
      if (recs === undefined) continue;
      // The background names what is wrong; a list that is not one is refused here the same way.
      const list = Array.isArray(recs) ? recs : [recs];
      for (const c of chunks(list)) {
        await ask({ type: 'data/import-chunk', importId, store, offset: c.offset, records: c.records });
        done += c.records.length;
        onProgress({ done, total });
      }
    }
    return await ask({ type: 'data/import-finish', importId });
  } catch (e) {
    // The background has undone it already when a chunk failed; this covers a failure on our side.
    await ask({ type: 'data/import-abort', importId }).catch((err: unknown) => console.error('Carryover: import abort failed', err));
    throw e;
  }
}
