// How much each interaction says about taste, and how that fades: view < long dwell < like <
// wishlist < cart < purchase; "not for me" is negative. Impressions say nothing by themselves (they
// are the "shown but not chosen" side of training).
import type { EventType } from '../shared/schemas.ts';

export const EVENT_WEIGHT: Record<EventType, number> = {
  impression: 0,
  rec_impression: 0,
  view: 1,
  click: 1,
  rec_click: 1.5,
  dwell: 1.5, // a dwell event is sent only after 2 visible seconds; long dwell adds below
  like: 4,
  wishlist: 5,
  cart: 6,
  purchase: 8,
  dismiss: -6,
};

/** Seconds on a product page beyond which a dwell counts as long. */
export const LONG_DWELL_S = 30;

export interface RecSettings {
  /** Days after which an interaction counts half. */
  halfLifeDays: number;
  /** MMR trade-off: 1 = relevance only, 0 = diversity only. */
  mmrLambda: number;
  /** At most this many interests. */
  maxInterests: number;
}

/** mmrLambda is measured, not guessed: scripts/bench/mmr-lambda.ts takes as much variety as costs
 * nothing measurable on the validation shoppers (README, "What the shopper is shown"); at 0.95 MMR
 * reorders only picks whose scores are nearly tied. */
export const DEFAULT_REC_SETTINGS: RecSettings = { halfLifeDays: 30, mmrLambda: 0.95, maxInterests: 5 };

export interface Interaction {
  itemId: string;
  type: EventType;
  ts: number;
  value?: number;
}

export function eventWeight(e: Interaction, now: number, halfLifeDays: number): number {
  let w = EVENT_WEIGHT[e.type];
  if (e.type === 'dwell' && (e.value ?? 0) >= LONG_DWELL_S) w = 2.5;
  const ageDays = Math.max(0, now - e.ts) / 86_400_000;
  return w * 0.5 ** (ageDays / halfLifeDays);
}

/** Net decayed weight per item: positive is interest, negative is "not for me". */
export function itemWeights(events: readonly Interaction[], now: number, halfLifeDays: number): Map<string, number> {
  const w = new Map<string, number>();
  for (const e of events) {
    const x = eventWeight(e, now, halfLifeDays);
    if (x !== 0) w.set(e.itemId, (w.get(e.itemId) ?? 0) + x);
  }
  // A dismissal wins over earlier interest in the same item.
  for (const e of events) if (e.type === 'dismiss') w.set(e.itemId, Math.min(w.get(e.itemId) ?? 0, -1));
  return w;
}
