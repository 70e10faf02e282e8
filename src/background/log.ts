// The background's log: failures anyone reports (content scripts included), kept bounded, shown in
// the options page. Nothing here leaves the device.
import { db } from './db.ts';
import type { LogRecord } from './schema.ts';
import { noteFailure } from './storage-health.ts';

const KEEP = 500;
/** Entries that could not be written (storage full): kept here for this background's lifetime and
 * shown with the stored ones, so that the log still says what went wrong. */
const unwritten: LogRecord[] = [];
const KEEP_UNWRITTEN = 50;

export async function logFailure(level: LogRecord['level'], source: string, message: string): Promise<void> {
  const entry: LogRecord = { ts: Date.now(), level, source, message: message.slice(0, 2000) };
  try {
    await writeLog(entry);
  } catch (e) {
    unwritten.push(entry);
    if (unwritten.length > KEEP_UNWRITTEN) unwritten.shift();
    noteFailure('log', e);
    throw e;
  }
}

async function writeLog(entry: LogRecord): Promise<void> {
  const d = await db();
  const tx = d.transaction('log', 'readwrite');
  await tx.store.add(entry);
  const count = await tx.store.count();
  if (count > KEEP) {
    let cursor = await tx.store.openCursor();
    for (let n = count - KEEP; cursor && n > 0; n--) {
      await cursor.delete();
      cursor = await cursor.continue();
    }
  }
  await tx.done;
}

export async function recentLog(limit = 100): Promise<LogRecord[]> {
  const all = [...(await (await db()).getAll('log')), ...unwritten].sort((a, b) => a.ts - b.ts);
  return all.slice(-limit).reverse();
}

/** For failures inside the background itself: to the console and to the log. */
export function reportError(where: string, error: unknown): void {
  const message = error instanceof Error ? `${error.message}` : String(error);
  console.error(`Carryover background: ${where}:`, error);
  noteFailure(where, error);
  logFailure('error', `background:${where}`, message).catch((e) => console.error('Carryover: log write failed (the entry is kept in memory)', e));
}
