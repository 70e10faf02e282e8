// The extractor as the content script runs it (same call, same page budget), bundled into the page
// by bench:extract --in-page, beside a baseline any script touching the page pays: one walk over
// every element reading what the extractor reads first (tag, id, class, child count).
import { extractPage } from '../../src/capture/extract/index.ts';
import { LIMITS } from '../../src/capture/extract/types.ts';

export interface InPageRun {
  ms: number;
  kind: string;
  products: number;
}

let last: unknown;

function extract(): InPageRun {
  const t0 = performance.now();
  const page = extractPage(document, location.href, { budgetMs: LIMITS.pageBudgetMs });
  const ms = performance.now() - t0;
  last = page;
  return { ms, kind: page.kind, products: page.products.length };
}

/** The last extraction's whole output as JSON, asked after the CPU time is read (not counted). */
const output = (): string => JSON.stringify(last);

function walk(): number {
  const t0 = performance.now();
  let n = 0;
  const all = document.getElementsByTagName('*');
  for (let i = 0; i < all.length; i++) {
    const el = all[i]!;
    n += el.tagName.length + el.id.length + (el.getAttribute('class')?.length ?? 0) + el.childElementCount;
  }
  // Kept where the optimiser cannot drop the loop.
  (globalThis as { __carryoverWalked?: number }).__carryoverWalked = n;
  return performance.now() - t0;
}

(globalThis as { __carryoverBench?: unknown }).__carryoverBench = { extract, walk, output };
