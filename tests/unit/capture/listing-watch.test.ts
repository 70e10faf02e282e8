// Products a listing adds after load (infinite scroll, client-rendered grids) are captured once,
// after the page is quiet, within bounds, and never after the page view ends.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';
import { watchListing } from '../../../src/capture/listing-watch.ts';
import type { Product } from '../../../src/shared/schemas.ts';

const URL_ = 'https://shop.example/c/shoes';
const card = (i: number) => `<li class="card"><a href="/p/${i}"><img src="/i/${i}.jpg"><h3>Shoe ${i}</h3></a><span class="price">€ ${i + 10},00</span></li>`;
const fail = (e: unknown) => {
  throw e;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Waits for `ok` (a loaded machine delays timers), at most `ms`. */
async function until(ok: () => boolean, ms = 5000) {
  for (const end = Date.now() + ms; !ok() && Date.now() < end;) await sleep(10);
}

function listing(n: number) {
  const { document } = parseHTML(`<html><head><title>Shoes | Shop</title></head><body><main><h1>Shoes</h1><ul id="grid">${Array.from({ length: n }, (_, i) => card(i)).join('')}</ul></main></body></html>`);
  const doc = document as unknown as Document;
  const first = extractPage(doc, URL_);
  expect(first.kind).toBe('listing');
  return { doc, seen: first.products.map((p) => p.url) };
}

function append(doc: Document, from: number, count: number) {
  const grid = doc.getElementById('grid')!;
  for (let i = from; i < from + count; i++) grid.insertAdjacentHTML('beforeend', card(i));
}

describe('listing watch', () => {
  it('hands on only the cards added later, once, after a burst of additions settles', async () => {
    const { doc, seen } = listing(8);
    const batches: Product[][] = [];
    const life = new AbortController();
    watchListing(doc, () => URL_, { signal: life.signal, seen, onAdded: (p) => batches.push(p), onError: fail, quietMs: 300, maxWaitMs: 5000 });
    // Infinite scroll appends a page of cards a few at a time, each its own mutation callback.
    for (let k = 0; k < 4; k++) {
      append(doc, 8 + 2 * k, 2);
      await sleep(1);
    }
    await until(() => batches.length > 0);
    await sleep(400);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((p) => p.title)).toEqual(['Shoe 8', 'Shoe 9', 'Shoe 10', 'Shoe 11', 'Shoe 12', 'Shoe 13', 'Shoe 14', 'Shoe 15']);
    expect(batches[0]![0]!.listPosition).toBe(9);
    life.abort();
  });

  it('a page that never stops changing is still read by maxWaitMs', async () => {
    const { doc, seen } = listing(6);
    const batches: Product[][] = [];
    const life = new AbortController();
    // Never quiet for a minute: only maxWaitMs can make it read while the page keeps changing.
    watchListing(doc, () => URL_, { signal: life.signal, seen, onAdded: (p) => batches.push(p), onError: fail, quietMs: 60_000, maxWaitMs: 100 });
    for (let k = 0; k < 40 && !batches.length; k++) {
      append(doc, 6 + k, 1);
      await sleep(20);
    }
    expect(batches.length).toBeGreaterThanOrEqual(1);
    life.abort();
  });

  it("ignores Carryover's own elements, stops after maxReads and when the page view ends", async () => {
    const { doc, seen } = listing(6);
    let reads = 0;
    const life = new AbortController();
    watchListing(doc, () => URL_, { signal: life.signal, seen, onAdded: () => reads++, onError: fail, ignore: (el) => el.tagName === 'CARRYOVER-SIDEBAR', quietMs: 10, maxReads: 2 });
    doc.body.append(doc.createElement('carryover-sidebar'));
    await sleep(50);
    expect(reads).toBe(0);
    for (let k = 0; k < 4; k++) {
      const before = reads;
      append(doc, 6 + k, 1);
      await until(() => reads > before, k < 2 ? 5000 : 300);
    }
    expect(reads).toBe(2);
    const after = new AbortController();
    const again = listing(6);
    let late = 0;
    watchListing(again.doc, () => URL_, { signal: after.signal, seen: again.seen, onAdded: () => late++, onError: fail, quietMs: 10 });
    append(again.doc, 6, 3);
    after.abort();
    await sleep(50);
    expect(late).toBe(0);
    life.abort();
  });

  it('with a reader elsewhere (the hand-off), reads one at a time and again for what came during a read', async () => {
    const { doc, seen } = listing(4);
    const got: string[] = [];
    let running = 0;
    let overlapped = false;
    let reads = 0;
    const life = new AbortController();
    const read = async (budgetMs: number) => {
      reads++;
      overlapped ||= running > 0;
      running++;
      // The snapshot is taken at once; the answer comes later, as from the background.
      const page = extractPage(doc, URL_, { budgetMs });
      await sleep(150);
      running--;
      return page;
    };
    watchListing(doc, () => URL_, { signal: life.signal, seen, read, onAdded: (p) => got.push(...p.map((x) => x.title)), onError: fail, quietMs: 10 });
    append(doc, 4, 2);
    await until(() => reads === 1);
    await sleep(30);
    // Cards added while the first read is out.
    append(doc, 6, 2);
    await until(() => got.length === 4);
    expect(got).toEqual(['Shoe 4', 'Shoe 5', 'Shoe 6', 'Shoe 7']);
    expect(overlapped).toBe(false);
    life.abort();
  });

  it('stops watching when the reader says the site is no longer captured', async () => {
    const { doc, seen } = listing(4);
    let reads = 0;
    const life = new AbortController();
    watchListing(doc, () => URL_, { signal: life.signal, seen, read: async () => (reads++, undefined), onAdded: fail, onError: fail, quietMs: 10 });
    append(doc, 4, 1);
    await until(() => reads === 1);
    append(doc, 5, 1);
    await sleep(100);
    expect(reads).toBe(1);
    life.abort();
  });

  it('reads the rest of a listing whose first read the time budget cut short, when the page is quiet', async () => {
    // A busy machine: the first read (here a 1 ms budget) stops after the first few cards.
    const { document } = parseHTML(`<html><body><main><h1>Shoes</h1><ul id="grid">${Array.from({ length: 150 }, (_, i) => card(i)).join('')}</ul></main></body></html>`);
    const doc = document as unknown as Document;
    const first = extractPage(doc, URL_, { budgetMs: 1 });
    expect(first.kind).toBe('listing');
    expect(first.cut).toBe(true);
    expect(first.products.length).toBeLessThan(150);
    const got = new Set(first.products.map((p) => p.url));
    const life = new AbortController();
    watchListing(doc, () => URL_, { signal: life.signal, seen: got, cut: first.cut, onAdded: (p) => p.forEach((x) => got.add(x.url)), onError: fail, quietMs: 10 });
    await until(() => got.size === 150, 20_000);
    expect(got.size).toBe(150);
    life.abort();
  }, 30_000);

  it('keeps every product of a structured listing however late the budget runs out', () => {
    const items = Array.from({ length: 48 }, (_, i) => ({ '@type': 'ListItem', position: i + 1, item: { '@type': 'Product', name: `Shoe ${i}`, url: `https://shop.example/p/${i}`, image: `https://shop.example/i/${i}.jpg`, offers: { '@type': 'Offer', price: `${i + 10}.00`, priceCurrency: 'EUR' } } }));
    const ld = JSON.stringify({ '@context': 'https://schema.org', '@type': 'ItemList', itemListElement: items });
    const { document } = parseHTML(`<html><head><script type="application/ld+json">${ld}</script></head><body><h1>Shoes</h1></body></html>`);
    const page = extractPage(document as unknown as Document, URL_, { budgetMs: 0 });
    expect(page.kind).toBe('listing');
    expect(page.products).toHaveLength(48);
    expect(page.cut).toBeUndefined();
  });
});
