// Short visible text runs of a page, cheaply: a walk over text nodes (each visited once), instead of
// textContent on every element (which reads each subtree again and is quadratic in nesting depth).
import { checkEvery } from './budget.ts';

const SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|OPTION|SELECT|TEXTAREA|svg)$/i;

/** Calls `visit` with each text node's collapsed text (up to `max` chars) and its element; stops when it returns true or the budget runs out. */
export function eachShortText(doc: Document, max: number, budget: number, visit: (text: string, el: Element) => boolean | void): void {
  const body = doc.body;
  if (!body || typeof doc.createTreeWalker !== 'function') return;
  const walker = doc.createTreeWalker(body, 4 /* NodeFilter.SHOW_TEXT */);
  for (let i = 0; i < budget; i++) {
    if (checkEvery(i, 63)) return;
    const node = walker.nextNode();
    if (!node) return;
    const raw = node.nodeValue ?? '';
    if (raw.length > max * 2 || !/\S/.test(raw)) continue;
    const el = node.parentElement;
    if (!el || SKIP.test(el.tagName)) continue;
    const text = raw.replace(/[\s\u00a0\u200b]+/g, ' ').trim();
    if (text && text.length <= max && visit(text, el)) return;
  }
}
