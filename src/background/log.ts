// The background's log: failures anyone reports (content scripts included), kept bounded, shown in
// the options page. Nothing here leaves the device.
import { db } from './db.ts';
import type { LogRecord } from './schema.ts';

const KEEP = 500;

export async function logFailure(level: LogRecord['level'], source: string, message: string): Promise<void> {
  const d = await db();
  const tx = d.transaction('log', 'readwrite');
  await tx.store.add({ ts: Date.now(), level, source, message: message.slice(0, 2000) });
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
  const all = await (await db()).getAll('log');
  return all.slice(-limit).reverse();
}

/** For failures inside the background itself: to the console and to the log. */
export function reportError(where: string, error: unknown): void {
  const message = error instanceof Error ? `${error.message}` : String(error);
  console.error(`Carryover background: ${where}:`, error);
  logFailure('error', `background:${where}`, message).catch((e) => console.error('Carryover: log write failed', e));
}
