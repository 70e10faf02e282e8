// The content script's side of the message contract: typed sends, and failures reported to the
// background's log (never thrown into the page).
import browser from 'webextension-polyfill';
import type { ContentMessage, Reply } from '../shared/messages.ts';

export async function send<T = unknown>(msg: ContentMessage): Promise<T | undefined> {
  const reply = (await browser.runtime.sendMessage(msg)) as Reply<T> | undefined;
  if (!reply) return undefined;
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

export function report(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // If even the report cannot be sent (extension reloaded), the console is all that is left.
  send({ type: 'log', level: 'error', message: `${location.href.slice(0, 200)}: ${message}` }).catch(() =>
    console.warn('Carryover: could not report', message));
}
