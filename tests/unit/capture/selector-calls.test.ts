// The extractor asks the DOM's selector engine a bounded number of questions per page, not some per
// card or per price (issue 12's 50 ms per generated page): a DOM without a native engine (linkedom
// here) parses and compiles a selector on every call, and generated pages of a few hundred nodes took
// hundreds of ms when each card, price and property asked its own.
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';

const listing = (n: number) => `<html lang="en"><body><h1>Shoes</h1><ul class="grid">${Array.from({ length: n }, (_, i) =>
  `<li class="card"><a href="/p/${i}"><img src="/i/${i}.jpg"><h3>Shoe ${i}</h3></a><span class="price">€ ${i},99</span><del>€ ${i + 5},99</del><span class="rating">4.${i % 10} (${i})</span></li>`).join('')}</ul></body></html>`;
const product = (prices: number) => `<html lang="en"><body><nav class="breadcrumb"><ul><li><a href="/">Home</a></li><li><a href="/c">Shoes</a></li></ul></nav>
  <h1>Runner</h1><div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Runner</span></div>
  <form action="/cart/add"><button type="submit">Add to cart</button></form>
  ${Array.from({ length: prices }, (_, i) => `<ul><li><a href="/p/${i}"><img src="/i/${i}.jpg"><span class="price">€ ${i},50</span></a></li></ul>`).join('')}</body></html>`;
const deep = (n: number) => `<html><body>${'<div><span>'.repeat(n)}€ 1${'</span></div>'.repeat(n)}<button>Add to cart</button></body></html>`;

const METHODS = ['querySelector', 'querySelectorAll', 'matches', 'closest'] as const;
const restore: (() => void)[] = [];
afterEach(() => restore.splice(0).forEach((f) => f()));

/** Counts the selector calls made on `doc`'s elements and on `doc` while `f` runs. */
function selectorCalls(doc: Document, f: () => unknown): number {
  let calls = 0;
  const protos = new Set<object>();
  for (const start of [doc, doc.createElement('div')]) {
    for (let p = Object.getPrototypeOf(start); p && p !== Object.prototype; p = Object.getPrototypeOf(p)) protos.add(p);
  }
  for (const proto of protos) {
    for (const m of METHODS) {
      const own = Object.getOwnPropertyDescriptor(proto, m);
      if (typeof own?.value !== 'function') continue;
      const original = own.value as (...a: unknown[]) => unknown;
      Object.defineProperty(proto, m, { ...own, value(this: unknown, ...a: unknown[]) { calls++; return original.apply(this, a); } });
      restore.push(() => Object.defineProperty(proto, m, own));
    }
  }
  f();
  restore.splice(0).forEach((r) => r());
  return calls;
}

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const count = (html: string, url: string) => {
  const doc = parse(html);
  return selectorCalls(doc, () => extractPage(doc, url));
};

describe('selector queries per page', () => {
  it('do not grow with the number of cards on a listing', () => {
    const few = count(listing(10), 'https://shop.example/c/shoes');
    const many = count(listing(120), 'https://shop.example/c/shoes');
    expect(few).toBeGreaterThan(0);
    expect(many).toBe(few);
  });

  it('do not grow with the number of prices on a product page', () => {
    const few = count(product(5), 'https://shop.example/p/runner');
    const many = count(product(100), 'https://shop.example/p/runner');
    expect(many).toBe(few);
  });

  it('do not grow with nesting depth', () => {
    expect(count(deep(200), 'https://shop.example/p/1')).toBe(count(deep(20), 'https://shop.example/p/1'));
  });
});
