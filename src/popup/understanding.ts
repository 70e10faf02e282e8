// The embedding backlog in the shopper's terms: products (each has a title job and, with a photo, an
// image job), not steps; nothing "in progress" while paused; a bar only while there is work.
import type { EmbeddingStatus } from '../background/embedding.ts';

export type Understanding =
  | { kind: 'no-model' }
  | { kind: 'paused'; waiting: number }
  | { kind: 'working'; waiting: number; finished: number; total: number; minutesLeft?: number }
  | { kind: 'done' };

export function understanding(s: EmbeddingStatus, items: number, paused: boolean): Understanding {
  if (!s.model) return { kind: 'no-model' };
  const q = s.queue;
  const jobs = q.queued.text + q.queued.image + q.running;
  // Two jobs per product at most: never more products waiting than products kept.
  const waiting = Math.min(items, Math.max(jobs ? 1 : 0, Math.ceil(jobs / 2)));
  if (paused) return { kind: 'paused', waiting };
  if (!jobs) return { kind: 'done' };
  const finished = q.done + q.failed;
  return { kind: 'working', waiting, finished, total: finished + jobs, minutesLeft: q.perMinute > 0 ? Math.ceil(jobs / q.perMinute) : undefined };
}
