// The extractor as the content script runs it (same call, same page budget), bundled into the page
// by bench:extract --in-page, beside a baseline any script touching the page pays: one walk over
// every element reading what the extractor reads first (tag, id, class, child count). Two ways, as
// the content script has them (capture/read-page.ts): the hand-off (the page pays for the snapshot
// and for serialising the message, a structured clone as extension messaging makes it with the
// manifest's message_serialization; the extension's document parses and reads it, measured here in
// a DOMParser document of the same renderer) and the read in the live page (the fallback).
import { extractSnapshot, snapshotOf } from '../../src/capture/extract/hand-off.ts';
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

type Message = Parameters<typeof extractSnapshot>[0] & { type: string; url: string; budgetMs: number };
let message: Message | undefined;

/** The page's part of the hand-off: the snapshot, and the message serialised (postMessage
 * serialises on the sending thread; nobody reads the other port, as the browser's process would). */
function handOff(): number {
  const t0 = performance.now();
  const snapshot = snapshotOf(document);
  message = { type: 'capture/extract', url: location.href, budgetMs: LIMITS.pageBudgetMs, ...snapshot };
  const channel = new MessageChannel();
  channel.port1.postMessage(message);
  const ms = performance.now() - t0;
  channel.port1.close();
  return ms;
}

/** The extension's part: the message copied as it arrives, parsed with DOMParser and read. */
function elsewhere(): InPageRun {
  const t0 = performance.now();
  const m = structuredClone(message!);
  const page = extractSnapshot(m, m.url, m.budgetMs);
  const ms = performance.now() - t0;
  last = page;
  return { ms, kind: page.kind, products: page.products.length };
}

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

(globalThis as { __carryoverBench?: unknown }).__carryoverBench = { extract, walk, output, handOff, elsewhere };
