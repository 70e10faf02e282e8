// Generated hostile pages for the extractor's fuzz runs (the unit test's bounded one and
// `npm run bench:extract -- --fuzz N`): every reader gets arbitrary JSON where it expects values —
// `{}`, `{"@value": …}`, arrays, `{"toString": 1}`, `__proto__` keys — and arbitrary strings in
// microdata, RDFa and meta attributes, mixed with listing cards, deep nesting and broken HTML.
import fc from 'fast-check';

const KEYS = [
  '__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '@type', '@value', '@graph', '@id', '@context',
  'name', 'price', 'lowPrice', 'highPrice', 'priceCurrency', 'offers', 'availability', 'priceSpecification', 'priceType', 'brand',
  'image', 'contentUrl', 'url', 'sku', 'gtin13', 'mpn', 'category', 'itemListElement', 'item', 'position', 'hasVariant',
  'aggregateRating', 'ratingValue', 'bestRating', 'worstRating', 'reviewCount', 'ratingCount', 'manufacturer', 'description',
];
const TYPES = ['Product', 'product', 'ProductGroup', 'Offer', 'AggregateOffer', 'ItemList', 'ListItem', 'BreadcrumbList', 'Order', 'AggregateRating', 'Brand'];
const PROPS = ['name', 'price', 'pricecurrency', 'priceCurrency', 'availability', 'brand', 'image', 'sku', 'offers', 'ratingValue', 'reviewCount', 'bestRating', 'aggregateRating', 'url', 'gtin13', 'lowPrice'];
const METAS = ['og:type', 'og:title', 'og:image', 'og:url', 'product:price:amount', 'product:price:currency', 'product:sale_price:amount', 'product:brand', 'product:availability', 'twitter:label1', 'twitter:data1'];

const { node } = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 1 }),
    fc.constantFrom('19.99', '1.299,00 €', '$229', '', 'NaN', '-1', '1e309', 'RUR', 'https://schema.org/InStock', 'javascript:alert(1)', '//x/y.jpg'),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 6 })), tie('node'), { maxKeys: 6 }),
    fc.record({ '@type': fc.constantFrom(...TYPES) }).chain((typed) => fc.dictionary(fc.constantFrom(...KEYS), tie('node'), { maxKeys: 8 }).map((d) => ({ ...d, ...typed }))),
  ),
}));

const attr = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('19.99', '€ 12,50', 'InStock', '4.5', '5', '120', 'javascript:x', '{"@value":1}'));
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

const jsonLd = node.map((n) => {
  let text: string;
  try {
    text = JSON.stringify(n);
  } catch {
    text = '{'; // A value JSON cannot write (none from these arbitraries): broken JSON-LD is a case too.
  }
  return `<script type="application/ld+json">${text}</script>`;
});
const microdata = fc.tuple(fc.constantFrom('itemscope itemtype="https://schema.org/Product"', 'itemscope itemtype="http://schema.org/Offer"', 'typeof="Product"', 'itemscope'), fc.array(fc.tuple(fc.constantFrom(...PROPS), attr, fc.boolean()), { maxLength: 8 }))
  .map(([scope, props]) => `<div ${scope}>${props.map(([p, v, meta]) => (meta ? `<meta itemprop="${p}" content="${esc(v)}">` : `<span itemprop="${p}" property="${p}">${esc(v)}</span>`)).join('')}</div>`);
const meta = fc.array(fc.tuple(fc.constantFrom(...METAS), attr), { maxLength: 6 }).map((ms) => ms.map(([k, v]) => `<meta property="${k}" content="${esc(v)}">`).join(''));
const fragment = fc.constantFrom(
  '<h1>Thing</h1>', '<button>Add to cart</button>', '<button disabled class="add-to-cart">Do košíka</button>', '<form action="/cart/add"><input name="qty" value="1"><button type="submit">Buy</button></form>',
  '<span class="price">$229<span>99</span></span>', '<del>€ 30</del>', '<div class="aa_buy">Купить</div>', '<p>Out of stock</p>', '<p>SKU: AB-1234</p>', '<dt>Brand</dt><dd>Acme</dd>',
  '<a href="/p/1">', '</a>', '<img src="/a.jpg" width="400" height="400">', '<li>', '</li>', '<div>', '</div>', '<nav>', '</nav>', '€', '<!--', '<svg><text>1</text></svg>',
);
const cards = fc.nat({ max: 120 }).map((n) => `<ul>${Array.from({ length: n }, (_, i) => `<li class="card"><a href="/p/${i}"><img src="/i/${i}.jpg"><h3>Item ${i}</h3></a><span class="price">€ ${i},99</span><span class="rating">4.${i % 10} (${i})</span></li>`).join('')}</ul>`);
const deep = fc.nat({ max: 300 }).map((n) => `${'<div><span>'.repeat(n)}€ 1${'</span></div>'.repeat(n)}`);

/** One generated page's HTML. */
export const fuzzPage = fc.tuple(
  fc.array(jsonLd, { maxLength: 3 }), meta, fc.array(microdata, { maxLength: 3 }), fc.array(fragment, { maxLength: 30 }),
  fc.oneof({ weight: 8, arbitrary: fc.constant('') }, { weight: 1, arbitrary: cards }, { weight: 1, arbitrary: deep }),
).map(([lds, metas, micros, frags, big]) => `<html lang="en"><head>${metas}${lds.join('')}</head><body>${micros.join('')}${frags.join('')}${big}</body></html>`);

export const fuzzUrl = fc.oneof(fc.webUrl(), fc.constantFrom('https://shop.example/p/123', 'https://shop.example/c/shoes?page=3', 'https://shop.example/search?q=x'));

/** What must hold of every page: no property added to the shared prototypes. */
export function prototypesClean(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted === undefined && Object.getOwnPropertyNames(Object.prototype).every((k) => OBJECT_KEYS.has(k)) &&
    Object.getOwnPropertyNames(Array.prototype).every((k) => ARRAY_KEYS.has(k));
}
const OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
const ARRAY_KEYS = new Set(Object.getOwnPropertyNames(Array.prototype));
