// The evaluator's one data shape, for the synthetic world and for real datasets alike.
import type { EventType } from '../shared/schemas.ts';

export interface EvalItem {
  id: string;
  shop: string;
  /** The fused item vector (normalised); absent when no model was given for a real dataset. */
  vector?: Float32Array;
  image?: Float32Array;
  text?: Float32Array;
  title?: string;
  /** When the item appeared (ms or days, per dataset); used by the item cold-start protocol. */
  addedAt?: number;
  /** What the shop shows every visitor: place in its own sort order (1-based), that listing's page,
   * review count and rating (absent where the shop shows none), price, brand. */
  listPosition?: number;
  listPage?: number;
  reviewCount?: number;
  rating?: number;
  price?: number;
  brand?: string;
}

export interface EvalEvent {
  user: string;
  item: string;
  shop: string;
  type: EventType;
  ts: number;
  /** What was shown beside the item when it was chosen (the listing), if known. */
  shown?: string[];
}

export interface Dataset {
  name: string;
  items: EvalItem[];
  events: EvalEvent[];
}

/** Interactions that say the shopper wanted the item. */
export const POSITIVE: ReadonlySet<EventType> = new Set(['click', 'view', 'dwell', 'wishlist', 'cart', 'purchase', 'like', 'rec_click']);
export const isPositive = (e: EvalEvent) => POSITIVE.has(e.type);
