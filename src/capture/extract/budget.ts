// One page's time budget. extractPage starts it; the walks over the page check it every few hundred
// elements and stop cleanly when it is spent, keeping what they found (a huge page then yields its
// structured data and part of its heuristics, never a blocked main thread). Module state is fine:
// extraction is synchronous, one page at a time.
let start = 0;
let budget = Number.POSITIVE_INFINITY;

export function startBudget(ms: number): void {
  start = performance.now();
  budget = ms;
}

/** Past the budget, or past `factor` times it (a hard stop for work that must leave something). */
export function overBudget(factor = 1): boolean {
  return performance.now() - start > budget * factor;
}

/** Every `every`th step (a power of two minus one as a mask), whether the budget is spent. */
export const checkEvery = (i: number, mask = 15): boolean => (i & mask) === 0 && overBudget();
