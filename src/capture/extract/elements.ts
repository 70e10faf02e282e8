// The page's elements in page order, listed by one walk per pass (pass.ts), and the few kinds of
// element the walks start from (forms, controls, images, label cells) picked from that list by tag
// and attribute tests in code. Several whole-document queries with long selector lists cost one
// document walk each; in a DOM without a native selector engine (linkedom in Node) each one also
// parses and compiles its selector, and together they were a large share of a small page's time.
import { perPass } from './pass.ts';

/** Elements listed; past them a page is read as far as this (more than any walk visits). */
const MAX_ELEMENTS = 100_000;

export const allElements = perPass((doc: Document): Element[] => {
  const root = doc.documentElement;
  if (!root) return [];
  if (typeof doc.createTreeWalker !== 'function') return [...doc.querySelectorAll('*')].slice(0, MAX_ELEMENTS);
  const out: Element[] = [root];
  const walker = doc.createTreeWalker(root, 1 /* NodeFilter.SHOW_ELEMENT */);
  for (let el = walker.nextNode(); el && out.length < MAX_ELEMENTS; el = walker.nextNode()) out.push(el as Element);
  return out;
});

const byTest = perPass((_doc: Document) => new Map<string, Element[]>());

/** The page's elements that pass `test`, in page order, listed once per pass under `name`. */
export function elementsWhere(doc: Document, name: string, test: (el: Element) => boolean): Element[] {
  const memo = byTest(doc);
  let list = memo.get(name);
  if (!list) memo.set(name, (list = allElements(doc).filter(test)));
  return list;
}

const typeIs = (el: Element, ...types: string[]) => types.includes((el.getAttribute('type') ?? '').toLowerCase());

/** `button, input[type="submit"], input[type="button"], input[type="image"], [role="button"]` */
export const isButton = (el: Element) => el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && typeIs(el, 'submit', 'button', 'image')) || el.getAttribute('role') === 'button';

/** `button, input[type="submit"], input[type="button"], a[role="button"], [role="button"], a`: what a shopper presses. */
export const isControl = (el: Element) => el.tagName === 'BUTTON' || el.tagName === 'A' || (el.tagName === 'INPUT' && typeIs(el, 'submit', 'button')) || el.getAttribute('role') === 'button';

export const imagesOf = (doc: Document) => elementsWhere(doc, 'img', (el) => el.tagName === 'IMG');
/** `a[href]` */
export const isLink = (el: Element) => el.tagName === 'A' && el.hasAttribute('href');

export const linksOf = (doc: Document) => elementsWhere(doc, 'a[href]', isLink);
