// The content script's side of the message contract: typed sends, retried until the background
// answers, and failures reported to the background's log (never thrown into the page).
import browser from 'webextension-polyfill';
import type { ContentMessage, Reply } from '../shared/messages.ts';

/** Delays between tries while the background is stopped or starting (about 40 s in all). */
export const RETRY_MS = [100, 250, 500, 1000, 2000, 4000, 8000, 8000, 8000, 8000];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The extension was reloaded or removed: this script is an orphan and no retry can reach anyone. */
const orphaned = (e: unknown) => /Extension context invalidated/i.test(e instanceof Error ? e.message : String(e));

/**
 * Sends and waits for the answer. When the background is stopped mid-answer, Chrome rejects with
 * "message channel closed" (or answers nothing): the same message is sent again, so every capture
 * message carries a `view` id that makes a repeat harmless (the background stores it once).
 * A refusal (an `ok: false` answer) is an answer, and is not retried.
 */
export async function send<T = unknown>(msg: ContentMessage, delays: readonly number[] = RETRY_MS): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    let reply: Reply<T> | undefined;
    try {
      reply = (await browser.runtime.sendMessage(msg)) as Reply<T> | undefined;
    } catch (e) {
      if (orphaned(e) || attempt >= delays.length) throw e;
      await sleep(delays[attempt]!);
      continue;
    }
    if (reply === undefined) {
      if (attempt >= delays.length) return undefined;
      await sleep(delays[attempt]!);
      continue;
    }
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  }
}

export function report(error: unknown): void {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  // If even the report cannot be sent (extension reloaded), the console is all that is left.
  send({ type: 'log', level: 'error', message: `${location.href.slice(0, 200)}: ${message}` }).catch(() =>
    console.warn('Carryover: could not report', message));
}
