// Training samples from a shopper's own sequence: each time they chose a product, the profile of
// what came before, the chosen product, and what was shown beside it (the listing it was picked
// from, or what was shown on that shop in the half hour before). Used on the device and offline.
import type { EventType } from '../shared/schemas.ts';
import { buildProfile } from './profile.ts';
import type { Interaction, RecSettings } from './signals.ts';
import type { Sample } from './twotower.ts';

export const CHOSEN: ReadonlySet<EventType> = new Set(['click', 'rec_click', 'wishlist', 'cart', 'purchase', 'like']);
export const SHOWN: ReadonlySet<EventType> = new Set(['impression', 'rec_impression']);
const WINDOW_MS = 30 * 60_000;

export interface SequenceEvent extends Interaction {
  site: string;
  /** The items shown beside it, when the data knows them. */
  shown?: readonly string[];
}

/** Time-ordered events in; one sample per choice that has a vector and something shown beside it. */
export function samplesFrom(events: readonly SequenceEvent[], vectorOf: (id: string) => Float32Array | undefined, settings: Pick<RecSettings, 'halfLifeDays' | 'maxInterests'>): Sample[] {
  const vectors = new Map<string, Float32Array>();
  for (const e of events) {
    const v = vectorOf(e.itemId);
    if (v) vectors.set(e.itemId, v);
  }
  const samples: Sample[] = [];
  const history: SequenceEvent[] = [];
  for (const [i, e] of events.entries()) {
    if (CHOSEN.has(e.type) && vectors.has(e.itemId)) {
      const shownIds = e.shown ?? events.slice(0, i + 1).filter((s) => SHOWN.has(s.type) && s.site === e.site && s.ts > e.ts - WINDOW_MS).map((s) => s.itemId);
      const negatives = [...new Set(shownIds)].filter((id) => id !== e.itemId).flatMap((id) => vectors.get(id) ?? vectorOf(id) ?? []);
      const profile = buildProfile(history, vectors, e.ts, settings);
      if (profile && negatives.length) samples.push({ profile, positive: vectors.get(e.itemId)!, negatives });
    }
    if (!SHOWN.has(e.type)) history.push(e);
  }
  return samples;
}
