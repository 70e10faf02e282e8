// Card detection is linear in the page's size and bounded in time (issue 12.13): listings of 3,000
// and 10,000 cards used to block the main thread for seconds (an all-pairs filter in findCards).
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { findCards } from '../../../src/capture/extract/cards.ts';
import { extractPage } from '../../../src/capture/extract/index.ts';

const listing = (n: number) => `<html><body><h1>Shoes</h1><ul class="grid">${Array.from({ length: n }, (_, i) =>
  `<li class="card"><a href="/p/${i}"><img src="/i/${i}.jpg" width="300" height="300"><h3>Shoe ${i}</h3></a><span class="price">€ ${(i % 90) + 10},99</span><span class="rating" aria-label="${(i % 5) + 1} out of 5 stars">(${i})</span></li>`).join('')}</ul></body></html>`;
const parse = (html: string) => parseHTML(html).document as unknown as Document;

/** CPU time of `f` in ms (the machine is shared: wall-clock would measure the other runs too). */
function cpu(f: () => unknown): number {
  const c0 = process.cpuUsage();
  f();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('card detection at scale', () => {
  it('is linear: 10,000 cards cost about 10/3 of 3,000 cards, not 11 times', () => {
    const small = parse(listing(3000));
    const big = parse(listing(10_000));
    findCards(small, 'https://shop.example/c/shoes', {}, { min: 3, needImage: true });
    const a = Math.min(...[0, 1].map(() => cpu(() => findCards(small, 'https://shop.example/c/shoes', {}, { min: 3, needImage: true }))));
    const b = Math.min(...[0, 1].map(() => cpu(() => findCards(big, 'https://shop.example/c/shoes', {}, { min: 3, needImage: true }))));
    // Quadratic would be 11×; linear is 3.3× (allow for the node limit and noise).
    expect(b / a).toBeLessThan(6);
  }, 120_000);

  it('stops cleanly at the page budget with the first cards, in page order, positions and ratings kept', () => {
    const doc = parse(listing(10_000));
    const full = cpu(() => extractPage(doc, 'https://shop.example/c/shoes?page=2'));
    let page = extractPage(doc, 'https://shop.example/c/shoes?page=2', { budgetMs: 40 });
    const ms = cpu(() => (page = extractPage(doc, 'https://shop.example/c/shoes?page=2', { budgetMs: 40 })));
    expect(page.kind).toBe('listing');
    expect(page.products.length).toBeGreaterThan(0);
    expect(page.products[0]).toMatchObject({ title: 'Shoe 0', listPosition: 1, listPage: 2, rating: 1, reviewCount: 0 });
    expect(page.products[1]).toMatchObject({ title: 'Shoe 1', listPosition: 2, rating: 2, reviewCount: 1 });
    expect(page.products.length).toBeLessThan(200);
    // linkedom's selector passes over 70,000 nodes are not budgeted (a browser does them in a few ms);
    // everything else stops: the budgeted page costs a fraction of the whole one.
    expect(ms).toBeLessThan(full / 2);
  }, 120_000);
});
