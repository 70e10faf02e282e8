// On-device training, off the UI path, at most every TRAIN_EVERY_MS unless the shopper has made
// markedly more strong choices since, or the model has embedded markedly more of those choices'
// products since (trainingDue): the two-tower's weights are
// fitted to the shopper's own choices on every shop (each against what the device knew on that shop
// when they chose: the items it had seen there by then), as a MAP estimate around the prior (content
// similarity). There is no held-out coin-flip: the prior holds a short history near content
// similarity, and more choices move it further. The last weights are kept in the "previous" slot.
import type { EventType } from '../shared/schemas.ts';
import { sequenceOf, type SequenceEvent } from '../rec/samples.ts';
import type { ItemSignals } from '../rec/features.ts';
import { DEFAULT_REC_SETTINGS } from '../rec/signals.ts';
import { meanLogLikelihood, priorWeights, train } from '../rec/twotower.ts';
import { db } from './db.ts';
import { currentModel } from './model-source.ts';
import { currentWeights, signalsOf } from './recommend.ts';
import { getSetting, setSetting } from './settings.ts';

export const TRAIN_EVERY_MS = 10 * 60_000;
/** Within TRAIN_EVERY_MS, training runs again once the shopper's strong choices (basket, saved,
 * liked, bought) have grown by this factor (rounded down, and by one at least): under ten of them,
 * each new one, so that weights fitted on the first shop's few carts do not rank the third shop; a
 * long history is not refitted on every page. Views wait for the next periodic training: one look
 * at a shop's bestseller is weak evidence, and looking is what every page does. */
export const RETRAIN_GROWTH = 1.2;
const STRONG: ReadonlySet<EventType> = new Set(['cart', 'wishlist', 'purchase', 'like']);

type LastTraining = { at: number; choices?: number; embedded?: number } | null;

const grown = (before: number, now: number) => now >= Math.max(before + 1, Math.floor(before * RETRAIN_GROWTH));

/** Whether to train now, given the last training, the shopper's strong choices now and how far the
 * model has got with the chosen products' titles and photos (embeddedChoices). */
export function trainingDue(last: LastTraining, choices: number, now: number, embedded?: number): boolean {
  if (!last || now - last.at >= TRAIN_EVERY_MS) return true;
  if (last.choices === undefined) return false;
  if (grown(last.choices, choices)) return true;
  // A choice whose product was not embedded yet was no sample, and one without its photo had a
  // vector of its title only: as titles and photos come in, the weights are fitted again, so that
  // they do not depend on how far the queue had got when the shopper chose.
  return embedded !== undefined && last.embedded !== undefined && grown(last.embedded, embedded);
}

/** How far the model has got with the products strongly chosen (basket, saved, liked, bought; not
 * views, which wait for the periodic training, as in trainingDue): each one's title and photo
 * embedded by the current model count one each (a photo changes its vector). */
async function embeddedChoices(d: Awaited<ReturnType<typeof db>>, events: readonly SequenceEvent[], modelId: string): Promise<number> {
  const ids = [...new Set(events.filter((e) => STRONG.has(e.type)).map((e) => e.itemId))];
  const tx = d.transaction('vectors');
  let n = 0;
  for (const id of ids) {
    const v = await tx.store.get(id);
    if (v?.modelId === modelId) n += (v.text ? 1 : 0) + (v.image ? 1 : 0);
  }
  await tx.done;
  return n;
}

/** Distinct products the shopper put in the basket, saved, liked or bought, per shop. */
export const strongChoicesIn = (events: readonly SequenceEvent[]) => new Set(events.filter((e) => STRONG.has(e.type)).map((e) => `${e.site}|${e.itemId}`)).size;

let running: Promise<void> | undefined;

export function maybeTrain(now = Date.now()): Promise<void> {
  running ??= run(now).finally(() => (running = undefined));
  return running;
}

async function run(now: number): Promise<void> {
  const last = await getSetting('lastTraining');
  const model = await currentModel();
  if (!model) return;
  const d = await db();
  const events: SequenceEvent[] = (await d.getAll('events')).sort((a, b) => a.ts - b.ts).map((e) => ({ itemId: e.itemId, type: e.type, ts: e.ts, site: e.site, value: e.value, view: e.view }));
  const choices = strongChoicesIn(events);
  const embedded = await embeddedChoices(d, events, model.model.id);
  if (!trainingDue(last, choices, now, embedded)) return;
  // Every item the device knows on the shops of the history, with when it first saw it.
  const known = new Map<string, { firstSeen: number; it: ItemSignals }[]>();
  const byId = new Map<string, ItemSignals>();
  const tx = d.transaction(['items', 'vectors']);
  for (const site of new Set(events.map((e) => e.site))) {
    const list: { firstSeen: number; it: ItemSignals }[] = [];
    for (const item of await tx.objectStore('items').index('site').getAll(site)) {
      const v = await tx.objectStore('vectors').get(item.id);
      if (!v || v.modelId !== model.model.id) continue;
      const it = signalsOf(item, v.fused);
      byId.set(item.id, it);
      list.push({ firstSeen: item.firstSeen, it });
    }
    known.set(site, list);
  }
  await tx.done;
  const seq = sequenceOf(events, (id) => byId.get(id), (site, ts) => (known.get(site) ?? []).filter((x) => x.firstSeen <= ts).map((x) => x.it), DEFAULT_REC_SETTINGS);
  if (!seq.samples.length) {
    await setSetting('lastTraining', { at: now, choices, embedded, samples: 0, adopted: false, before: 0, after: 0, note: 'no choices with their shop\'s products embedded yet' }); // not shown to the shopper
    return;
  }
  const current = await currentWeights(d);
  const weights = train(seq.samples, seq.user, {}, current.version);
  const write = d.transaction('model', 'readwrite');
  const prev = await write.store.get('current');
  if (prev) await write.store.put({ ...prev, slot: 'previous' });
  await write.store.put({ slot: 'current', version: weights.version, createdAt: now, data: weights });
  await write.done;
  // How well the choices are explained (mean log-likelihood per choice), by the prior and by the fit.
  await setSetting('lastTraining', { at: now, choices, embedded, samples: seq.samples.length, adopted: true, before: meanLogLikelihood(priorWeights(), seq.samples), after: meanLogLikelihood(weights, seq.samples) });
}
