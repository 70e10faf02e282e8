// Retention: interactions older than the shopper's chosen number of days are deleted, and so are the
// products (with their vectors and jobs) that no remaining interaction names and that were not seen
// since. Runs daily from an alarm, and at once when the setting changes.
import { ITEM_STORES, removeItem } from './capture-store.ts';
import type { Db } from './db.ts';

export const RETENTION_ALARM = 'retention';
export const RETENTION_CHOICES = [30, 90, 180, 365] as const;

export async function prune(d: Db, days: number, now = Date.now()): Promise<{ events: number; items: number }> {
  const cutoff = now - days * 86_400_000;
  const tx = d.transaction([...ITEM_STORES], 'readwrite');
  let events = 0;
  for (const key of await tx.objectStore('events').index('ts').getAllKeys(IDBKeyRange.upperBound(cutoff, true))) {
    await tx.objectStore('events').delete(key);
    events++;
  }
  let items = 0;
  for (const item of await tx.objectStore('items').index('lastSeen').getAll(IDBKeyRange.upperBound(cutoff, true))) {
    if (await tx.objectStore('events').index('itemId').count(item.id)) continue;
    await removeItem(tx, item.id);
    items++;
  }
  await tx.done;
  return { events, items };
}
