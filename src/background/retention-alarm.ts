// The daily alarm that prunes by the retention setting (an alarm wakes a stopped worker).
import browser from 'webextension-polyfill';
import { RETENTION_ALARM } from './retention.ts';

export async function scheduleRetention(days: number | null): Promise<void> {
  if (days === null) await browser.alarms.clear(RETENTION_ALARM);
  else if (!(await browser.alarms.get(RETENTION_ALARM))) await browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 1 });
}
