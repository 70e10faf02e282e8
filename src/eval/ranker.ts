// One interface for every ranker (after implicit's RecommenderBase): fit on the training events,
// score candidates for one shopper, recommend the top k. Rankers that need item vectors say so.
import type { EvalEvent, EvalItem } from './dataset.ts';
import type { Knows } from './protocols.ts';

export interface TrainView {
  items: ReadonlyMap<string, EvalItem>;
  /** Every training event, of every shopper, time-ordered. */
  events: readonly EvalEvent[];
}

export interface Query {
  user: string;
  /** This shopper's events the ranker may use (time-ordered). */
  history: readonly EvalEvent[];
  now: number;
  /** What the device knew about the history's shops (default: their catalogues). */
  knows?: Knows;
  /** The ids of the listing the shopper is looking at, when there is one. */
  page?: readonly string[];
}

export interface Ranker {
  readonly name: string;
  readonly needsVectors: boolean;
  /** Needs other shoppers' data, which the extension never has: reported apart, never the bar. */
  readonly oracle: boolean;
  fit(train: TrainView): void;
  /** Higher is better; one score per candidate, in order. */
  score(q: Query, candidates: readonly EvalItem[]): Float64Array;
}

/** A fixed pseudo-random order for ties: runs repeat exactly, and no id order (which a dataset may
 * correlate with popularity or age) decides between equal scores. */
function tieKey(user: string, id: string): number {
  let h = 0x811c9dc5;
  const s = `${user}|${id}`;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The top k candidate ids, best first. */
export function recommend(r: Ranker, q: Query, candidates: readonly EvalItem[], k: number, exclude: ReadonlySet<string> = new Set()): string[] {
  const s = r.score(q, candidates);
  return candidates
    .map((c, i) => ({ id: c.id, s: s[i]!, t: tieKey(q.user, c.id) }))
    .filter((x) => !exclude.has(x.id) && Number.isFinite(x.s))
    .sort((a, b) => b.s - a.s || a.t - b.t)
    .slice(0, k)
    .map((x) => x.id);
}
