// Ranking on a shop: score the candidates with the two-tower model, keep what was bought or
// dismissed out, diversify the top with MMR, and explain each pick by the nearest thing the shopper
// engaged with ("like the linen shirt you saved on North Threads").
import { dot } from '../shared/vector.ts';
import type { Profile } from './profile.ts';
import { TowerScorer, type TowerWeights } from './twotower.ts';

export interface Candidate {
  id: string;
  vector: Float32Array;
  /** On the page the shopper is looking at now: preferred when scores are close. */
  onPage: boolean;
}

export interface HistoryItem {
  id: string;
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

export function rank(weights: TowerWeights, profile: Profile, candidates: readonly Candidate[], history: readonly HistoryItem[], o: RankOptions): Ranked[] {
  const scorer = new TowerScorer(weights, profile);
  const pool = candidates
    .filter((c) => !o.exclude.has(c.id))
    .map((c) => ({ c, s: scorer.score(c.vector, c.id) + (c.onPage ? o.pageBonus : 0) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, Math.max(o.k * 5, 30));
  // MMR: each next pick trades relevance against likeness to what is already picked.
  const picked: typeof pool = [];
  while (picked.length < o.k && pool.length) {
    let best = 0;
    let bestValue = -Infinity;
    pool.forEach((p, i) => {
      const redundancy = picked.length ? Math.max(...picked.map((q) => dot(q.c.vector, p.c.vector))) : 0;
      const value = o.mmrLambda * p.s - (1 - o.mmrLambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    });
    picked.push(pool.splice(best, 1)[0]!);
  }
  return picked.map(({ c, s }) => ({ id: c.id, score: s, match: Math.max(0, Math.min(1, s)), because: explain(c.vector, history) }));
}

function explain(x: Float32Array, history: readonly HistoryItem[]): Ranked['because'] {
  let best: HistoryItem | undefined;
  let sim = -Infinity;
  for (const h of history) {
    const s = dot(h.vector, x);
    if (s > sim) {
      sim = s;
      best = h;
    }
  }
  return best && { id: best.id, title: best.title, site: best.site, action: best.action, similarity: sim };
}
