// Drives the embedding queue from the background: after capture, at every start, and when a
// backed-off job is due (an alarm, which also wakes a stopped worker). One pump per background
// lifetime; everything it needs to resume lives in IndexedDB (queue.ts).
import browser from 'webextension-polyfill';
import { db } from './db.ts';
import { reportError } from './log.ts';
import { noteWritten } from './storage-health.ts';
import { tellSidebars } from './sidebar-push.ts';
import { askMl } from './ml-host.ts';
import { currentModel } from './model-source.ts';
import { enqueueItems, LEASE_MS, queueStatus, recoverQueue, runOnce, type Embedder, type QueueStatus } from './queue.ts';
import { DeadlineError, withDeadline } from '../shared/deadline.ts';
import { t } from '../shared/i18n.ts';
import { say } from '../shared/phrase.ts';
import { getSetting, setSetting, type Settings } from './settings.ts';

export const QUEUE_ALARM = 'embedding-queue';
const QUEUE_WATCHDOG_MS = 30_000;
/** A first batch may include loading the model (a real-size fp32 model loads in ~35 s here). */
const EMBED_DEADLINE_MS = LEASE_MS - 10_000;

let recovered: { modelId: string; done: Promise<void> } | undefined;
let pumping: Promise<void> | undefined;
let again = false;
/** A photo batch is with the ML document now (a page just opened asks it to give way). */
let photosRunning = false;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Once per background lifetime and model: a new model (downloaded meanwhile) queues everything again. */
async function recoverOnce(modelId: string): Promise<void> {
  if (recovered?.modelId !== modelId) {
    const done = recoverQueue(await db(), modelId).then(() => undefined);
    recovered = { modelId, done };
    done.catch(() => (recovered = undefined));
  }
  return recovered!.done;
}

async function pumpLoop(): Promise<void> {
  // Kicks from here on are this pump's to honour; one that comes after its last look restarts it.
  again = false;
  const choice = await currentModel();
  if (!choice) return; // no model yet: jobs wait; the options page offers the download
  const d = await db();
  // A watchdog while the queue works: if the browser stops the background mid-queue (Firefox
  // suspends an event page, Chrome a service worker) and nothing else wakes it, the alarm does, and
  // the queue resumes from the database. 30 s is the shortest alarm Chrome allows a packed extension.
  // It is moved on after every batch: an alarm that fires while the queue still runs is used up, and
  // a background stopped after that would otherwise wait for the next capture.
  const watchdog = () => browser.alarms.create(QUEUE_ALARM, { when: Date.now() + QUEUE_WATCHDOG_MS });
  await watchdog();
  await recoverOnce(choice.model.id);
  let batchIds: string[] = [];
  const embed: Embedder = async (req) => {
    batchIds = [...req.texts, ...req.images].map((x) => x.id);
    // Bounded below the batch's lease: a runtime that never answers fails this batch (its jobs back
    // off and are retried) instead of holding the queue for the rest of the background's life.
    // The batch's reason is the popup's why for its products: in the shopper's words.
    photosRunning = req.images.length > 0;
    const answer = await withDeadline(askMl('ml/embed', { model: choice.model, override: await getSetting('backend'), ...req }), EMBED_DEADLINE_MS, 'the model runtime') // not shown to the shopper
      .catch((e: unknown) => { throw e instanceof DeadlineError ? new Error(t('errMlTooSlow', Math.round(EMBED_DEADLINE_MS / 1000)), { cause: e }) : e; })
      .finally(() => { photosRunning = false; });
    await setSetting('lastBackend', { ...answer.backend, modelId: answer.modelId, loadMs: answer.loadMs, at: Date.now(), batch: { texts: answer.texts.length, images: answer.images.length, ms: answer.ms } });
    // A photo's why, in the shopper's words: the popup shows it as the products' reason.
    return { ...answer, images: answer.images.map((r) => ('error' in r ? { id: r.id, error: say(r.error) } : r)) };
  };
  do {
    again = false;
    try {
      while (await runOnce(d, embed, choice.model.id)) {
        noteWritten();
        await watchdog();
        // Written: the open sidebars of these products' shops re-rank now.
        tellSidebars(batchIds).catch((e) => reportError('sidebar update', e));
        if (__TEST_BUILD__) {
          const pause = await getSetting('queuePauseMs');
          if (pause) await sleep(pause);
        }
      }
    } catch (e) {
      // The batch's jobs have backed off with this reason; the alarm below retries them.
      reportError('embedding', e);
    }
  } while (again);
  const status = await queueStatus(d, choice.model.id);
  if (status.nextRetryAt) await browser.alarms.create(QUEUE_ALARM, { when: Math.max(status.nextRetryAt, Date.now() + 1000) });
  else await browser.alarms.clear(QUEUE_ALARM);
}

/** Starts the queue if it is idle; if it is running, it goes round once more before stopping. */
export function kickQueue(): Promise<void> {
  again = true;
  pumping ??= pumpLoop().finally(() => {
    pumping = undefined;
    // A kick that came while the pump was finishing (after its last look at the queue, while it
    // set the alarm) found it still running and would be lost: the jobs it queued would wait
    // with no pump and no alarm. It starts a new pump instead.
    if (again) void kickQueue();
  });
  return pumping.catch((e) => reportError('embedding queue', e));
}

/** New or updated items: queue what they need and start. `page`: they are on the page the shopper
 * has open, so they go before everything else waiting. */
export async function queueItems(ids: string[], opts: { page?: boolean } = {}): Promise<void> {
  const choice = await currentModel();
  if (!choice || !ids.length) return;
  await recoverOnce(choice.model.id);
  if (!(await enqueueItems(await db(), ids, choice.model.id, Date.now(), opts))) return;
  // A photo batch already running gives way after the photos it is on (a sub-batch, under a second
  // at real size) instead of making the page's titles wait for all of it; what it did not run is
  // queued again, behind the page's jobs.
  if (opts.page && photosRunning) askMl('ml/yield', {}).catch((e) => reportError('embedding queue', e));
  void kickQueue();
}

export interface EmbeddingStatus {
  model: { id: string; name: string; testModel: boolean; source: 'bundled' | 'downloaded'; dtypes: string[]; bytes: number } | null;
  queue: QueueStatus;
  backend: Settings['lastBackend'];
  override: Settings['backend'];
}

export async function embeddingStatus(): Promise<EmbeddingStatus> {
  const choice = await currentModel();
  const m = choice?.model;
  return {
    model: m ? { id: m.id, name: m.name, testModel: m.testModel, source: choice.source, dtypes: m.dtypes, bytes: m.files.reduce((a, f) => a + f.size, 0) } : null,
    queue: await queueStatus(await db(), m?.id),
    backend: await getSetting('lastBackend'),
    override: await getSetting('backend'),
  };
}
