// The embedding queue. Every job lives in IndexedDB, so the queue outlives the service worker: a
// batch is claimed with a token and a lease, and its results are written together with the jobs'
// new state in one transaction, only while the token still holds. A worker stopped mid-batch loses
// nothing: at the next start its running jobs are queued again, and a late answer to the old batch
// is ignored. Each job therefore takes effect exactly once. Pure over a Db and an embedder, so it
// is tested in Node.
import { t } from '../shared/i18n.ts';
import { fuse } from '../shared/vector.ts';
import { safeUrl } from '../shared/safe-url.ts';
import type { Db } from './db.ts';
import type { CatalogueRecord, ItemRecord, JobRecord, VectorRecord } from './schema.ts';

export interface EmbedRequest {
  texts: { id: string; text: string }[];
  images: { id: string; url: string }[];
}
export interface EmbedReply {
  modelId: string;
  texts: { id: string; vector: number[] }[];
  /** `thumb`: the photo made small when it was read (ml/thumbnail.ts), for the sidebar. */
  images: ({ id: string; vector: number[]; thumb?: string } | { id: string; error: string })[];
  /** Cut short for a page just opened: the jobs not answered go back to the queue as they were. */
  cut?: boolean;
}
export type Embedder = (req: EmbedRequest) => Promise<EmbedReply>;

/** Titles are cheap, so many go at once; images fewer (the runtime runs them 4 at a time while the
 * next ones decode), so that progress shows and a stopped worker loses little. */
export const BATCH = { text: 64, image: 32 } as const;
/** Batches of products no open page is waiting for are cut smaller, so that a page the shopper
 * opens waits at most for one small batch (about a second of photos at real size). */
export const BACKGROUND_BATCH = { text: 64, image: 8 } as const;
export const LEASE_MS = 2 * 60_000;
export const MAX_ATTEMPTS = 5;
const BACKOFF_MS = [5_000, 30_000, 2 * 60_000, 10 * 60_000];

export const jobId = (kind: JobRecord['kind'], itemId: string) => `${kind}:${itemId}`;

/** What the text tower reads of an item: title, brand and category (DESIGN.md). */
export function itemText(item: Pick<ItemRecord, 'title' | 'brand' | 'category'>): string {
  return [item.title, item.brand, ...(item.category ?? [])].filter(Boolean).join(' ').slice(0, 500);
}

function newJob(kind: JobRecord['kind'], itemId: string, modelId: string, now: number): JobRecord {
  return { id: jobId(kind, itemId), itemId, kind, modelId, state: 'queued', attempts: 0, nextAt: now, createdAt: now };
}

/** Items per transaction when queueing many: other readers (the options page) get their turn between. */
const ENQUEUE_CHUNK = 250;

/** Queues what the items still need under `modelId`: a job already there for this model stays as it
 * is, and a vector already made by this model (an import) needs no job. `page`: the items are on a
 * page the shopper has open, so their jobs (new or still waiting) go first. */
export async function enqueueItems(d: Db, itemIds: readonly string[], modelId: string, now = Date.now(), opts: { page?: boolean } = {}): Promise<number> {
  let added = 0;
  for (let i = 0; i < itemIds.length; i += ENQUEUE_CHUNK) added += await enqueueChunk(d, itemIds.slice(i, i + ENQUEUE_CHUNK), modelId, now, !!opts.page);
  return added;
}

/** What a job embeds: a kept item, or a product of a shop's catalogue (a candidate only). */
type Embeddable = ItemRecord | CatalogueRecord;

/** A catalogue product's photo is read only once the cascade picked it (its title scored among the
 * best): titles for all of a catalogue, photos for the best hundred. */
const wantsPhoto = (item: Embeddable) => !!safeUrl(item.imageUrl) && (!('source' in item) || !!item.photo);

async function enqueueChunk(d: Db, itemIds: readonly string[], modelId: string, now: number, page: boolean): Promise<number> {
  const tx = d.transaction(['items', 'catalogue', 'jobs', 'vectors'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  let added = 0;
  for (const itemId of itemIds) {
    const item: Embeddable | undefined = (await tx.objectStore('items').get(itemId)) ?? (await tx.objectStore('catalogue').get(itemId));
    if (!item) continue;
    const vec = await tx.objectStore('vectors').get(itemId);
    const kinds: JobRecord['kind'][] = wantsPhoto(item) ? ['text', 'image'] : ['text'];
    for (const kind of kinds) {
      const old = await jobs.get(jobId(kind, itemId));
      if (old?.modelId === modelId || (vec?.modelId === modelId && vec[kind])) {
        if (page && old?.modelId === modelId && old.state === 'queued') await jobs.put({ ...old, priority: now });
        continue;
      }
      await jobs.put(page ? { ...newJob(kind, itemId, modelId, now), priority: now } : newJob(kind, itemId, modelId, now));
      added++;
    }
  }
  await tx.done;
  return added;
}

/** At every start: queue what no job covers yet (items captured before, a new model), and release
 * the jobs a stopped worker was running. */
export async function recoverQueue(d: Db, modelId: string, now = Date.now()): Promise<{ requeued: number; added: number }> {
  const tx = d.transaction('jobs', 'readwrite');
  let requeued = 0;
  for (const job of await tx.store.index('state').getAll('running')) {
    await tx.store.put({ ...job, state: 'queued', claim: undefined, leaseUntil: undefined });
    requeued++;
  }
  await tx.done;
  const added = await enqueueItems(d, [...await d.getAllKeys('items'), ...await d.getAllKeys('catalogue')], modelId, now);
  return { requeued, added };
}

export interface Batch {
  token: string;
  kind: JobRecord['kind'];
  jobs: JobRecord[];
  request: EmbedRequest;
}

/** Takes the next batch: text jobs before image jobs; of a kind, an open page's products first
 * (newest page first), then oldest first; marks them running under a new token. */
export async function claim(d: Db, modelId: string, now = Date.now()): Promise<Batch | undefined> {
  const tx = d.transaction(['jobs', 'items', 'catalogue'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const ready = [...(await jobs.index('state').getAll('queued')), ...(await jobs.index('state').getAll('running')).filter((j) => (j.leaseUntil ?? 0) < now)]
    .filter((j) => j.modelId === modelId && j.nextAt <= now);
  const kind = ready.some((j) => j.kind === 'text') ? 'text' : 'image';
  const ordered = ready.filter((j) => j.kind === kind).sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || a.createdAt - b.createdAt);
  // A batch for an open page holds only page jobs, at the full size; otherwise a small one.
  const forPage = !!ordered[0]?.priority;
  const picked = (forPage ? ordered.filter((j) => j.priority) : ordered).slice(0, forPage ? BATCH[kind] : BACKGROUND_BATCH[kind]);
  if (!picked.length) {
    await tx.done;
    return undefined;
  }
  const token = crypto.randomUUID();
  const request: EmbedRequest = { texts: [], images: [] };
  const claimed: JobRecord[] = [];
  for (const job of picked) {
    const item: Embeddable | undefined = (await tx.objectStore('items').get(job.itemId)) ?? (await tx.objectStore('catalogue').get(job.itemId));
    if (!item || (kind === 'image' && !safeUrl(item.imageUrl))) {
      await jobs.delete(job.id); // its item is gone (deleted by the shopper) or has no image any more
      continue;
    }
    const running: JobRecord = { ...job, state: 'running', claim: token, leaseUntil: now + LEASE_MS };
    await jobs.put(running);
    claimed.push(running);
    if (kind === 'text') request.texts.push({ id: job.itemId, text: itemText(item) });
    else request.images.push({ id: job.itemId, url: item.imageUrl! });
  }
  await tx.done;
  return claimed.length ? { token, kind, jobs: claimed, request } : claim(d, modelId, now);
}

function backoff(job: JobRecord, error: string, now: number): JobRecord {
  const attempts = job.attempts + 1;
  const base = { ...job, attempts, error, claim: undefined, leaseUntil: undefined };
  if (attempts >= MAX_ATTEMPTS) return { ...base, state: 'failed' };
  return { ...base, state: 'queued', nextAt: now + BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]! };
}

/** A thumbnail as the sidebar may show it: a small WebP or JPEG inlined as data, nothing to fetch. */
export const THUMB_DATA_URL = /^data:image\/(webp|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/;
export const MAX_THUMB_CHARS = 64_000;

/** Writes a batch's vectors (and photos' thumbnails) and its jobs' new state together, for the jobs
 * the token still holds. */
export async function complete(d: Db, batch: Batch, reply: EmbedReply, now = Date.now()): Promise<{ done: number; failed: number; stale: number; requeued: number }> {
  const tx = d.transaction(['jobs', 'vectors', 'thumbs'], 'readwrite');
  const jobs = tx.objectStore('jobs');
  const vectors = tx.objectStore('vectors');
  const results = new Map<string, { vector: number[]; thumb?: string } | { error: string }>(
    [...reply.texts, ...reply.images.map((r) => ('vector' in r ? r : { id: r.id, error: r.error }))]
      .map((r) => [r.id, 'vector' in r ? { vector: r.vector, thumb: 'thumb' in r ? (r.thumb as string | undefined) : undefined } : { error: r.error }]),
  );
  let done = 0;
  let failed = 0;
  let stale = 0;
  let requeued = 0;
  for (const sent of batch.jobs) {
    const job = await jobs.get(sent.id);
    if (!job || job.state !== 'running' || job.claim !== batch.token) {
      stale++;
      continue;
    }
    if (reply.cut && reply.modelId === job.modelId && !results.has(job.itemId)) {
      // Not run (the batch gave way to a page): queued again as it was, no attempt counted.
      await jobs.put({ ...job, state: 'queued', claim: undefined, leaseUntil: undefined });
      requeued++;
      continue;
    }
    const result = reply.modelId === job.modelId ? results.get(job.itemId) : { error: t('errJobOtherModel', reply.modelId, job.modelId) };
    if (!result || 'error' in result) {
      await jobs.put(backoff(job, result?.error ?? t('errJobNoResult'), now));
      failed++;
      continue;
    }
    const vec = Float32Array.from(result.vector);
    const old = await vectors.get(job.itemId);
    const base: Partial<VectorRecord> = old?.modelId === job.modelId ? old : {};
    const other = base[job.kind === 'text' ? 'image' : 'text'];
    // A vector with NaN in it, or of another length than the item's other one, would poison every
    // ranking it takes part in: the job fails with the reason instead.
    if (!vec.length || !vec.every(Number.isFinite) || (other && other.length !== vec.length)) {
      await jobs.put(backoff(job, t(vec.every(Number.isFinite) ? 'errJobBadVector' : 'errJobBadVectorNotFinite', vec.length), now));
      failed++;
      continue;
    }
    const next = { ...base, itemId: job.itemId, modelId: job.modelId, [job.kind]: vec } as VectorRecord;
    next.fused = fuse(next.image, next.text);
    await vectors.put(next);
    const thumb = job.kind === 'image' ? result.thumb : undefined;
    if (thumb && thumb.length <= MAX_THUMB_CHARS && THUMB_DATA_URL.test(thumb)) await tx.objectStore('thumbs').put({ itemId: job.itemId, dataUrl: thumb, createdAt: now });
    await jobs.put({ ...job, state: 'done', doneAt: now, claim: undefined, leaseUntil: undefined, error: undefined });
    done++;
  }
  await tx.done;
  return { done, failed, stale, requeued };
}

/** The whole batch failed (the runtime could not start, the model is missing): every job backs off. */
export async function failBatch(d: Db, batch: Batch, error: string, now = Date.now()): Promise<void> {
  const tx = d.transaction('jobs', 'readwrite');
  for (const sent of batch.jobs) {
    const job = await tx.store.get(sent.id);
    if (job?.state === 'running' && job.claim === batch.token) await tx.store.put(backoff(job, error, now));
  }
  await tx.done;
}

/** Claims, embeds and completes one batch; 0 when nothing is ready. */
export async function runOnce(d: Db, embed: Embedder, modelId: string, now = () => Date.now()): Promise<number> {
  const batch = await claim(d, modelId, now());
  if (!batch) return 0;
  let reply: EmbedReply;
  try {
    reply = await embed(batch.request);
  } catch (e) {
    await failBatch(d, batch, e instanceof Error ? e.message : String(e), now());
    throw e;
  }
  await complete(d, batch, reply, now());
  return batch.jobs.length;
}

export interface QueueStatus {
  queued: { text: number; image: number };
  running: number;
  done: number;
  failed: number;
  /** Jobs finished in the last minute. */
  perMinute: number;
  /** The soonest time a backed-off job may run again. */
  nextRetryAt?: number;
  recentErrors: { itemId: string; kind: JobRecord['kind']; error: string; attempts: number }[];
}

export async function queueStatus(d: Db, modelId: string | undefined, now = Date.now()): Promise<QueueStatus> {
  const all = (await d.getAll('jobs')).filter((j) => !modelId || j.modelId === modelId);
  const queued = all.filter((j) => j.state === 'queued');
  const later = queued.filter((j) => j.nextAt > now).map((j) => j.nextAt);
  return {
    queued: { text: queued.filter((j) => j.kind === 'text').length, image: queued.filter((j) => j.kind === 'image').length },
    running: all.filter((j) => j.state === 'running').length,
    done: all.filter((j) => j.state === 'done').length,
    failed: all.filter((j) => j.state === 'failed').length,
    perMinute: all.filter((j) => (j.doneAt ?? 0) > now - 60_000).length,
    nextRetryAt: later.length ? Math.min(...later) : undefined,
    recentErrors: all.filter((j) => j.error && j.state !== 'done').slice(-10)
      .map((j) => ({ itemId: j.itemId, kind: j.kind, error: j.error!, attempts: j.attempts })),
  };
}
