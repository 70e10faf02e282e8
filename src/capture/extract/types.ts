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
  // Nothing is lost past it: cards already found are all kept, and a card walk it cut short is read
  // again when the page is quiet, with a larger budget (listing-watch.ts).
  pageBudgetMs: 500,
} as const;
