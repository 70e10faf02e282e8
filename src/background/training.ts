// On-device training, off the UI path: at most every TRAIN_EVERY_MS and only with enough of the
// shopper's own sequence. Samples: each time they chose a product (clicked, saved, carted, bought,
// liked a pick), against what was shown on that shop in the half hour before. The newest fifth is
// held out; new weights are adopted only if they rank it better (NDCG@10); the last good ones are
// kept in the `model` store's "previous" slot.
import { samplesFrom, SHOWN } from '../rec/samples.ts';
import { DEFAULT_REC_SETTINGS } from '../rec/signals.ts';
import { trainAndMaybeAdopt } from '../rec/twotower.ts';
import { db } from './db.ts';
import { currentWeights, loadHistory } from './recommend.ts';
import { getSetting, setSetting } from './settings.ts';

export const TRAIN_EVERY_MS = 10 * 60_000;
const MIN_SAMPLES = 10;

let running: Promise<void> | undefined;

export function maybeTrain(now = Date.now()): Promise<void> {
  running ??= run(now).finally(() => (running = undefined));
  return running;
}

async function run(now: number): Promise<void> {
  const last = await getSetting('lastTraining');
  if (last && now - last.at < TRAIN_EVERY_MS) return;
  const d = await db();
  const h = await loadHistory(d);
  if (!h) return;
  const shown = (await d.getAll('events')).filter((e) => SHOWN.has(e.type));
  const events = [...h.events, ...shown].sort((a, b) => a.ts - b.ts);
  // Vectors of what was shown are read too: they are the "not chosen" side.
  const shownVectors = new Map<string, Float32Array>();
  const tx = d.transaction('vectors');
  for (const id of new Set(shown.map((e) => e.itemId))) {
    const v = h.vectors.get(id)?.fused ?? (await tx.store.get(id))?.fused;
    if (v) shownVectors.set(id, v);
  }
  await tx.done;
  const samples = samplesFrom(events, (id) => h.vectors.get(id)?.fused ?? shownVectors.get(id), DEFAULT_REC_SETTINGS);
  if (samples.length < MIN_SAMPLES) {
    await setSetting('lastTraining', { at: now, samples: samples.length, adopted: false, before: 0, after: 0, note: `needs ${MIN_SAMPLES} choices with what was shown beside them` });
    return;
  }
  const cut = Math.floor(samples.length * 0.8);
  const current = await currentWeights(d, samples[0]!.positive.length);
  const result = trainAndMaybeAdopt(current, samples.slice(0, cut), samples.slice(cut));
  if (result.adopted) {
    const tx = d.transaction('model', 'readwrite');
    const prev = await tx.store.get('current');
    if (prev) await tx.store.put({ ...prev, slot: 'previous' });
    await tx.store.put({ slot: 'current', version: result.weights.version, createdAt: now, data: result.weights });
    await tx.done;
  }
  await setSetting('lastTraining', { at: now, samples: samples.length, adopted: result.adopted, before: result.before, after: result.after });
}
