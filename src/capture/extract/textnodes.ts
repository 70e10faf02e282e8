// Short visible text runs of a page, cheaply: a walk over text nodes (each visited once), instead of
// textContent on every element (which reads each subtree again and is quadratic in nesting depth).
// The runs are collected once per pass (pass.ts) and shared by every reader (stock text, labelled
// values), so that a page's text is walked once however many facts are looked for in it.
import { checkEvery } from './budget.ts';
import { perPass } from './pass.ts';
import { fold } from './phrases.ts';
import { LIMITS } from './types.ts';

const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|OPTION|SELECT|TEXTAREA|svg)$/i;

/** Longest run kept, and text nodes walked, for every reader. */
const MAX_CHARS = 160;
const MAX_NODES = 20_000;

interface Run {
  /** Collapsed, trimmed. */
  text: string;
  /** `text` folded for the phrase lists (phrases.ts), once for all of them. */
  folded: string;
  /** The text node's raw length. */
  raw: number;
  el: Element;
  /** The text node's place among the body's text nodes. */
  at: number;
}

/** Text nodes listed, for every walk over them (the price candidates look twice as far as the runs). */
const MAX_LISTED = LIMITS.nodesVisited * 2;

/** The body's text nodes in page order with their values, walked once per pass for every reader
 * (the short runs below, the price candidates' digits in heuristics.ts). */
export const textNodesOf = perPass((doc: Document): { nodes: Text[]; values: string[] } => {
  const nodes: Text[] = [];
  const values: string[] = [];
  const body = doc.body;
  if (!body || typeof doc.createTreeWalker !== 'function') return { nodes, values };
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let i = 0; i < MAX_LISTED; i++) {
    if (checkEvery(i, 63)) break;
    const node = walker.nextNode();
    if (!node) break;
    nodes.push(node as Text);
    values.push(node.nodeValue ?? '');
  }
  return { nodes, values };
});

const runsOf = perPass((doc: Document): Run[] => {
  const out: Run[] = [];
  const { nodes, values } = textNodesOf(doc);
  for (let i = 0; i < MAX_NODES && i < nodes.length; i++) {
    if (checkEvery(i, 63)) break;
    const raw = values[i]!;
    if (raw.length > MAX_CHARS * 2 || !/\S/.test(raw)) continue;
    const el = nodes[i]!.parentElement;
    if (!el || SKIP.test(el.tagName)) continue;
    const text = raw.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    if (text && text.length <= MAX_CHARS) out.push({ text, folded: fold(text), raw: raw.length, el, at: i });
  }
  return out;
});

/** Calls `visit` with each text node's collapsed text (up to `max` chars, at most 160), its element
 * and the text folded for the phrase lists, among the first `budget` text nodes; stops when it
 * returns true or the budget runs out. */
export function eachShortText(doc: Document, max: number, budget: number, visit: (text: string, el: Element, folded: string) => boolean | void): void {
  const runs = runsOf(doc);
  const upTo = Math.min(max, MAX_CHARS);
  for (const r of runs) {
    if (r.at >= budget) return;
    if (r.raw > upTo * 2 || r.text.length > upTo) continue;
    if (visit(r.text, r.el, r.folded)) return;
  }
}
