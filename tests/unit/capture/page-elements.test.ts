// The one element walk (elements.ts) sorts the page's elements into kinds by tag, class, id and role
// read once, matching class and id with small case-insensitive expressions. Each list must hold
// exactly what its documented selector (and the per-kind test the walk replaced: lower-case, then
// look for the word) holds, in page order, whatever the case and the characters around the words.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { pageElements, type PageElements } from '../../../src/capture/extract/elements.ts';

const WORDS = ['recommend', 'related', 'carousel', 'sims', 'upsell', 'cross-sell', 'fbt', 'accessor', 'compar', 'similar', 'producttitle', 'itemtitle', 'product-title', 'product-name'];
// Letters that lower-case to ASCII (K, İ) or fold to it under other rules (ſ), and word glue.
const GLUE = ['', ' ', '-', '_', 'x', 'İ', 'K', 'ſ', 'é', '1'];
const TAGS = ['div', 'span', 'a', 'button', 'input', 'select', 'h1', 'form', 'img', 'del', 's', 'strike', 'header', 'nav', 'footer', 'aside', 'template', 'noscript', 'li', 'td', 'p', 'section'];
const ROLES = [undefined, 'button', 'Button', 'navigation', 'banner', 'contentinfo', 'main'];
const TYPES = [undefined, 'submit', 'SUBMIT', 'button', 'image', 'text', 'number'];

const name = fc.array(fc.oneof(
  fc.constantFrom(...WORDS),
  fc.constantFrom(...WORDS).map((w) => w.toUpperCase()),
  fc.constantFrom(...WORDS).map((w) => w.slice(0, 1).toUpperCase() + w.slice(1).replace('i', 'İ')),
  fc.constantFrom(...GLUE),
), { maxLength: 4 }).map((parts) => parts.join(''));

const element = fc.record({
  tag: fc.constantFrom(...TAGS),
  cls: fc.option(name, { nil: undefined }),
  id: fc.option(name, { nil: undefined }),
  role: fc.constantFrom(...ROLES),
  type: fc.constantFrom(...TYPES),
  hidden: fc.boolean(),
  href: fc.boolean(),
});
type Spec = typeof element extends fc.Arbitrary<infer T> ? T : never;

const VOID = new Set(['input', 'img']);
function html(specs: Spec[]): string {
  const body = specs.map((s) => {
    const attrs = [
      s.cls !== undefined ? `class="${s.cls}"` : '', s.id !== undefined ? `id="${s.id}"` : '', s.role ? `role="${s.role}"` : '',
      s.type && s.tag === 'input' ? `type="${s.type}"` : '', s.hidden ? 'hidden' : '', s.href && s.tag === 'a' ? 'href="/x"' : '',
    ].filter(Boolean).join(' ');
    return VOID.has(s.tag) ? `<${s.tag} ${attrs}>` : `<${s.tag} ${attrs}>t</${s.tag}>`;
  }).join('');
  return `<html><body><main>${body}</main></body></html>`;
}

// The tests the walk replaced, as they were written (lower-casing, then the words).
const lower = (el: Element) => ({ cls: (el.getAttribute('class') ?? '').toLowerCase(), id: el.id.toLowerCase() });
const type = (el: Element) => (el.getAttribute('type') ?? '').toLowerCase();
const REFERENCE: Partial<Record<keyof PageElements, (el: Element) => boolean>> = {
  other: (el) => {
    const { cls, id } = lower(el);
    return (!!cls && ['recommend', 'related', 'carousel', 'sims', 'upsell', 'cross-sell', 'fbt', 'accessor', 'compar', 'similar'].some((w) => cls.includes(w))) ||
      (!!id && ['recommend', 'related', 'sims', 'upsell', 'fbt', 'compar', 'similar'].some((w) => id.includes(w)));
  },
  headingCandidates: (el) => {
    const { cls, id } = lower(el);
    return el.tagName === 'H1' || id.includes('producttitle') || id.includes('itemtitle') || cls.includes('product-title') || cls.includes('product-name');
  },
  namedTitles: (el) => lower(el).id.includes('producttitle') || lower(el).cls.includes('product-title'),
  boilerplate: (el) => ['HEADER', 'NAV', 'FOOTER', 'ASIDE'].includes(el.tagName) || ['navigation', 'banner', 'contentinfo'].includes(el.getAttribute('role') ?? ''),
  hidden: (el) => el.hasAttribute('hidden') || el.tagName === 'TEMPLATE' || el.tagName === 'NOSCRIPT',
  struck: (el) => ['DEL', 'S', 'STRIKE'].includes(el.tagName),
  buttons: (el) => el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && ['submit', 'button', 'image'].includes(type(el))) || el.getAttribute('role') === 'button',
  controls: (el) => el.tagName === 'BUTTON' || el.tagName === 'A' || (el.tagName === 'INPUT' && ['submit', 'button'].includes(type(el))) || el.getAttribute('role') === 'button',
  blocks: (el) => ['A', 'DIV', 'SPAN'].includes(el.tagName),
  fields: (el) => el.tagName === 'INPUT' || el.tagName === 'SELECT',
  links: (el) => el.tagName === 'A' && el.hasAttribute('href'),
  labelCells: (el) => ['TH', 'DT', 'TD', 'SPAN', 'B', 'STRONG', 'LABEL', 'DIV', 'P', 'LI'].includes(el.tagName),
  h1: (el) => el.tagName === 'H1',
  forms: (el) => el.tagName === 'FORM',
  images: (el) => el.tagName === 'IMG',
};

// The selectors the lists stand for, where the DOM's own engine can say it too.
const SELECTORS: Partial<Record<keyof PageElements, string>> = {
  other: ['recommend', 'related', 'carousel', 'sims', 'upsell', 'cross-sell', 'fbt', 'accessor', 'compar', 'similar'].map((w) => `[class*="${w}" i]`)
    .concat(['recommend', 'related', 'sims', 'upsell', 'fbt', 'compar', 'similar'].map((w) => `[id*="${w}" i]`)).join(', '),
  headingCandidates: 'h1, [id*="producttitle" i], [class*="product-title" i], [class*="product-name" i], [id*="itemtitle" i]',
  namedTitles: '[id*="producttitle" i], [class*="product-title" i]',
};

describe('the page elements sorted by one walk', () => {
  it('holds in each list what the test it replaced picks, in page order', () => {
    fc.assert(fc.property(fc.array(element, { maxLength: 30 }), (specs) => {
      const doc = parseHTML(html(specs)).document as unknown as Document;
      const lists = pageElements(doc);
      const all = [...doc.querySelectorAll('*')];
      for (const [kind, test] of Object.entries(REFERENCE)) expect(lists[kind as keyof PageElements], kind).toEqual(all.filter(test!));
    }), { numRuns: 400 });
  });

  it('agrees with the selectors its comments name', () => {
    fc.assert(fc.property(fc.array(element, { maxLength: 30 }), (specs) => {
      const doc = parseHTML(html(specs)).document as unknown as Document;
      const lists = pageElements(doc);
      for (const [kind, selector] of Object.entries(SELECTORS)) expect(lists[kind as keyof PageElements], kind).toEqual([...doc.querySelectorAll(selector!)]);
    }), { numRuns: 200 });
  });
});
