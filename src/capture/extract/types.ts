// What one markup source says about one product, before the merge step weighs the sources.
import type { Product } from '../../shared/schemas.ts';
import type { SOURCES } from '../../shared/schemas.ts';

export type Source = (typeof SOURCES)[number];

export type Field = Exclude<keyof Product, 'sources' | 'confidence'>;

export type Candidate = Partial<Omit<Product, 'sources' | 'confidence'>> & { source: Source };

/** Bounds that keep a hostile or huge page from costing more than a few milliseconds. */
export const LIMITS = {
  jsonLdScriptChars: 2_000_000,
  jsonLdScripts: 50,
  nodesVisited: 20_000,
  depth: 24,
  candidates: 200,
  textChars: 500,
  /** The whole page's budget (ms); each walk stops cleanly when it is spent. */
  // 500, not 40: the budget is the cap for pathological pages (thousands of cards), not a target.
  // At 40, and still at 150, a 30- or 48-card listing on two busy cores spent it in the earlier
  // phases and lost every card after the first screenful (issue 12.8/12.9's tests caught it).
  pageBudgetMs: 500,
} as const;
