// Pages are written by strangers: huge, deeply nested, malformed or malicious markup must neither
// throw nor pollute prototypes, and must cost bounded time.
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const URL_ = 'https://shop.example/p/1';
const ld = (json: string) => `<html><head><script type="application/ld+json">${json}</script></head><body><h1>Thing</h1></body></html>`;

function pollutionCheck() {
  const probe = {} as Record<string, unknown>;
  expect(probe.polluted).toBeUndefined();
  expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
}

describe('hostile and broken pages', () => {
  it('ignores __proto__, constructor and prototype keys in JSON-LD', () => {
    const page = extractPage(parse(ld('{"@type":"Product","name":"Lamp","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},"offers":{"__proto__":{"polluted":3},"price":"10","priceCurrency":"EUR"}}')), URL_);
    expect(page.products[0]).toMatchObject({ title: 'Lamp', price: 10, currency: 'EUR' });
    pollutionCheck();
  });

  it('survives a megabyte of JSON-LD and very deep nesting', () => {
    const big = JSON.stringify({ '@type': 'Product', name: 'Big', description: 'x'.repeat(1_500_000), offers: { price: 5, priceCurrency: 'USD' } });
    expect(() => extractPage(parse(ld(big)), URL_)).not.toThrow();
    let deep = '{"@type":"Product","name":"Deep","offers":{"price":1,"priceCurrency":"USD"}}';
    for (let i = 0; i < 5000; i++) deep = `{"a":${deep}}`;
    expect(() => extractPage(parse(ld(deep)), URL_)).not.toThrow();
    const wide = JSON.stringify({ '@graph': Array.from({ length: 50_000 }, (_, i) => ({ '@type': 'Thing', name: `t${i}` })) });
    expect(() => extractPage(parse(ld(wide)), URL_)).not.toThrow();
  });

  it('reads JSON-LD with @graph, arrays, odd casing and trailing commas', () => {
    const page = extractPage(parse(ld('{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["PRODUCT"],"name":"Chair","offers":[{"@type":"Offer","price":"1.299,00","priceCurrency":"EUR",},],},]}')), URL_);
    expect(page.products[0]).toMatchObject({ title: 'Chair', price: 1299, currency: 'EUR' });
  });

  it('reads AggregateOffer, ProductGroup variants and priceSpecification', () => {
    const agg = extractPage(parse(ld('{"@type":"Product","name":"Sofa","offers":{"@type":"AggregateOffer","lowPrice":"399","highPrice":"599","priceCurrency":"GBP"}}')), URL_);
    expect(agg.products[0]).toMatchObject({ price: 399, currency: 'GBP' });
    const group = extractPage(parse(ld('{"@type":"ProductGroup","name":"Tee","hasVariant":[{"@type":"Product","name":"Tee S","offers":{"price":"12.00","priceCurrency":"USD"}},{"@type":"Product","name":"Tee M","offers":{"price":"12.00","priceCurrency":"USD"}}]}')), URL_);
    expect(group.products).toHaveLength(1);
    expect(group.products[0]).toMatchObject({ title: 'Tee', price: 12, currency: 'USD' });
    const spec = extractPage(parse(ld('{"@type":"Product","name":"Pen","offers":{"@type":"Offer","priceSpecification":[{"@type":"UnitPriceSpecification","price":"24.90","priceType":"https://schema.org/ListPrice","priceCurrency":"CHF"},{"@type":"UnitPriceSpecification","price":"19.50","priceCurrency":"CHF"}]}}')), URL_);
    expect(spec.products[0]).toMatchObject({ price: 19.5, listPrice: 24.9, currency: 'CHF' });
  });

  it('resolves protocol-relative, srcset and lazy image URLs to absolute ones', () => {
    const html = (img: string) => `<html><head><meta property="og:type" content="product"><meta property="og:title" content="Cup"><meta property="product:price:amount" content="3"><meta property="product:price:currency" content="EUR"></head><body><h1>Cup</h1>${img}<button>Add to cart</button></body></html>`;
    expect(extractPage(parse(html('<img src="data:image/gif;base64,R0lGOD" data-src="//cdn.shop.example/cup.jpg" width="500" height="500" alt="Cup">')), URL_).products[0]?.imageUrl).toBe('https://cdn.shop.example/cup.jpg');
    expect(extractPage(parse(html('<img srcset="/s.jpg 200w, /l.jpg 800w" width="500" height="500" alt="Cup">')), URL_).products[0]?.imageUrl).toBe('https://shop.example/l.jpg');
  });

  it('never throws and never pollutes on mutated markup (property)', () => {
    const fragments = [
      '<script type="application/ld+json">', '</script>', '{"@type":"Product"', ',"name":', '"x"', '}', '[', ']', '"__proto__":{"polluted":1}',
      '<div itemscope itemtype="https://schema.org/Product">', '<span itemprop="name">', '</span>', '<div itemprop="offers" itemscope>',
      '<meta itemprop="price" content="1,00">', '</div>', '<meta property="og:title" content="T">', '<meta name="og:image" content="//x">',
      '<h1>', '</h1>', '<img src="javascript:alert(1)">', '<img srcset=", ,">', '€', '$1.2.3', '<button>Add to cart</button>',
      '<div typeof="Product"><span property="name">R</span>', '<a href="/p/1">', '</a>', '<del>9</del>', '<li>', '</li>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...fragments), { maxLength: 60 }), fc.webUrl(), (parts, url) => {
        const page = extractPage(parse(`<html><body>${parts.join('')}</body></html>`), url);
        expect(['product', 'listing', 'cart', 'confirmation', 'other']).toContain(page.kind);
        for (const p of page.products) {
          expect(typeof p.title).toBe('string');
          if (p.imageUrl) expect(p.imageUrl).toMatch(/^https?:\/\//);
        }
        pollutionCheck();
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
