// Ranking on a shop: score the candidates with the two-tower model, keep what was bought or
// dismissed out, diversify the top with MMR, and explain each pick by the nearest thing the shopper
// engaged with ("because you saved the linen shirt on North Threads") — never by the pick itself.
import { dot } from '../shared/vector.ts';
import type { ItemSignals } from './features.ts';
import type { Profile } from './profile.ts';
import { scoreList, type TowerWeights } from './twotower.ts';

/** One of the shop's products with what the shop shows about it (position, reviews, price, brand). */
export interface Candidate extends ItemSignals {
  /** On the page the shopper is looking at now: preferred when scores are close. */
  onPage: boolean;
  /** As HistoryItem.group. */
  group?: string;
}

export interface HistoryItem {
  id: string;
  /** The product across shops (the id of its GTIN twin first seen elsewhere), when known. */
  group?: string;
  vector: Float32Array;
  title: string;
  site: string;
  /** The strongest thing the shopper did with it. */
  action: 'looked at' | 'liked' | 'saved' | 'put in your basket' | 'bought';
}

export interface Ranked {
  id: string;
  score: number;
  /** 0..1, for the match bar. */
  match: number;
  because?: { id: string; title: string; site: string; action: HistoryItem['action']; similarity: number };
}

export interface RankOptions {
  k: number;
  mmrLambda: number;
  exclude: ReadonlySet<string>;
  /** Added to the score of items on the current page. */
  pageBonus: number;
}

/** The sidebar's preference for products on the page the shopper is looking at (score units). */
export const PAGE_BONUS = 0.02;
/** The sidebar's list length. */
export const SIDEBAR_PICKS = 8;

/** Scores are log-probabilities over the shop's candidates; the match bar (and MMR's relevance)
 * shows them relative to the best pick, softened so that one unit of content spread costs about
 * what a cosine step of 0.25 does. */
const MATCH_TEMPERATURE = 3;
const matchOf = (s: number, top: number) => Math.max(0, Math.min(1, Math.exp((s - top) / MATCH_TEMPERATURE)));

/** Every candidate of the shop scored for the shopper (features are relative to the shop), the
 * page's products as the context (what kind of product this listing is about). */
export function scoreCandidates(weights: TowerWeights, profile: Profile, candidates: readonly Candidate[]): Float64Array {
  return scoreList(weights, profile, candidates, candidates.filter((c) => c.onPage).map((c) => c.vector));
}

/** Ranks the candidates; `scores`, when the caller already has them, are scoreCandidates' for the
 * same weights, profile and candidates. */
export function rank(weights: TowerWeights, profile: Profile, candidates: readonly Candidate[], history: readonly HistoryItem[], o: RankOptions, scores = scoreCandidates(weights, profile, candidates)): Ranked[] {
  // Scored against every candidate, then filtered.
  const pool = candidates
    .map((c, i) => ({ c, s: scores[i]! + (c.onPage ? o.pageBonus : 0) }))
    .filter((x) => !o.exclude.has(x.c.id))
    .sort((a, b) => b.s - a.s)
    .slice(0, Math.max(o.k * 5, 30));
  // MMR: each next pick trades relevance against likeness to what is already picked.
  const top = pool[0]?.s ?? 0;
  const picked: typeof pool = [];
  while (picked.length < o.k && pool.length) {
    let best = 0;
    let bestValue = -Infinity;
    pool.forEach((p, i) => {
      const redundancy = picked.length ? Math.max(...picked.map((q) => dot(q.c.vector, p.c.vector))) : 0;
      // Relevance on the match scale (0..1), as redundancy is a cosine.
      const value = o.mmrLambda * matchOf(p.s, top) - (1 - o.mmrLambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    picked.push(pool.splice(best, 1)[0]!);
  }
  return picked.map(({ c, s }) => ({ id: c.id, score: s, match: matchOf(s, top), because: explain(c, history) }));
}

/** A reason is another product: the pick itself (the same id, or the same product on another shop)
 * is in the history whenever the shopper engaged with it, and "because you liked X" on X says nothing. */
function explain(c: Candidate, history: readonly HistoryItem[]): Ranked['because'] {
  let best: HistoryItem | undefined;
  let sim = -Infinity;
  const self = (h: HistoryItem) => h.id === c.id || (h.group ?? h.id) === (c.group ?? c.id);
  for (const h of history) {
    if (self(h)) continue;
    const s = dot(h.vector, c.vector);
    if (s > sim) {
      sim = s;
      best = h;
    }
  }
  return best && { id: best.id, title: best.title, site: best.site, action: best.action, similarity: sim };
}
