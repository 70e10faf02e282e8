// How fast a shop is asked, and what its answers do to that: at most one request a second, slower
// (never faster again in the same crawl) after a 429 or a server error, Retry-After honoured, and
// the crawl given up after repeated failures in a row.

export const MIN_INTERVAL_MS = 1000;
export const MAX_INTERVAL_MS = 5 * 60_000;
export const MAX_FAILURES = 5;
const MAX_RETRY_AFTER_MS = 60 * 60_000;

export interface Pace {
  intervalMs: number;
  nextAt: number;
  failures: number;
}

/** Retry-After as seconds or an HTTP date, in ms from now (capped at an hour). */
export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (!header) return undefined;
  const s = header.trim();
  const ms = /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms)) : undefined;
}

export type Outcome = 'ok' | 'retry' | 'give-up';

/** The pace after an answer (status 0: no answer, a network error). A 4xx other than 429 is an
 * answer about that URL, not about the shop's load: the crawl moves on at the same pace. */
export function afterAnswer(pace: Pace, status: number, retryAfter: string | undefined, now: number): { pace: Pace; outcome: Outcome } {
  if (status === 429 || status >= 500 || status === 0) {
    const failures = pace.failures + 1;
    const wait = retryAfterMs(retryAfter, now);
    const intervalMs = Math.min(MAX_INTERVAL_MS, Math.max(pace.intervalMs * 2, status === 429 ? wait ?? 0 : 0));
    // Exponential backoff on top of the slower pace while failures repeat.
    const backoff = Math.min(MAX_INTERVAL_MS, intervalMs * 2 ** (failures - 1));
    const nextAt = now + Math.max(wait ?? 0, backoff);
    return { pace: { intervalMs, nextAt, failures }, outcome: failures >= MAX_FAILURES ? 'give-up' : 'retry' };
  }
  return { pace: { intervalMs: pace.intervalMs, nextAt: now + pace.intervalMs, failures: 0 }, outcome: 'ok' };
}
