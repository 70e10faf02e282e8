// The rules that decide a page from its structure (issue 13), each on a small page built for it:
// a rule keyed to a phrase list or one site would not pass these in several languages at once.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';
import { parsePrice } from '../../../src/capture/extract/price.ts';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const page = (body: string, head = '') => `<html><head><title>Garni 570 | Shop</title>${head}</head><body><header><a href="/cart">Košík</a></header><main>${body}</main></body></html>`;

describe('page kind from structure', () => {
  it('a Slovak buy form and a Russian div named "buy" make product pages, with no English words', () => {
    const sk = extractPage(parse(page('<h1>Garni 570</h1><img src="/g.jpg" width="500" height="500"><span class="price">54,50 €</span><form action="/kosik/pridat" class="buy-form"><input name="quantity" value="1"><button type="submit" class="product-cta__to-basket">Do košíka</button></form>')), 'https://shop.sk/garni-570');
    expect(sk.kind).toBe('product');
    expect(sk.products[0]).toMatchObject({ title: 'Garni 570', price: 54.5, currency: 'EUR', availability: 'in_stock' });
    const ru = extractPage(parse(page('<h1>Холодильник BEKO</h1><div class="aa_price">131 990 ₸</div><div class="aa_buy jq_aa_buy">Купить</div>')), 'https://shop.kz/product/holodilnik-beko/');
    expect(ru.kind).toBe('product');
  });

  it('a grid of cards, each with its own buy button, stays a listing', () => {
    const cards = Array.from({ length: 8 }, (_, i) => `<li class="card"><a href="/p/${i}"><img src="/i/${i}.jpg"><h3>Shoe ${i}</h3></a><span class="price">€ ${i + 10},00</span><button class="add-to-cart">Add to cart</button></li>`).join('');
    const p = extractPage(parse(page(`<h1>Shoes</h1><ul>${cards}</ul>`)), 'https://shop.example/c/shoes?page=3');
    expect(p.kind).toBe('listing');
    expect(p.products).toHaveLength(8);
    expect(p.products[2]).toMatchObject({ title: 'Shoe 2', listPosition: 3, listPage: 3 });
  });
});

describe('values the shopper sees', () => {
  it('a disabled buy button is out of stock even when the markup says in stock', () => {
    const ld = '<script type="application/ld+json">{"@type":"Product","name":"Garni 570","offers":{"price":"54.50","priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script>';
    const p = extractPage(parse(page('<h1>Garni 570</h1><button class="add-to-cart" disabled>Do košíka</button>', ld)), 'https://shop.sk/garni-570');
    expect(p.products[0]?.availability).toBe('out_of_stock');
  });

  it('stock text in an availability block decides when there is no button', () => {
    const p = extractPage(parse(page('<h1>Chips</h1><span class="price">$2.99</span><div id="availability"><span>Derzeit nicht verfügbar.</span></div><form action="/gp/handle-buy-box"></form>')), 'https://shop.de/dp/B07FW264WL');
    expect(p.products[0]?.availability).toBe('out_of_stock');
  });

  it('a labelled product code in any main language, the one the URL carries first', () => {
    for (const [label, url] of [['Art.-Nr.:', 'https://shop.de/p/lampe-1049084'], ['Kód produktu:', 'https://shop.sk/lampa-1049084'], ['商品編號：', 'https://shop.tw/M1049084.htm'], ['Product code:', 'https://shop.uk/lamp/p1049084']] as const) {
      const code = label === '商品編號：' ? 'M1049084' : '1049084';
      const p = extractPage(parse(page(`<h1>Lamp</h1><span class="price">€ 12,00</span><button class="add-to-cart">x</button><table><tr><td>Model</td><td>XL-200</td></tr><tr><th>${label}</th><td>${code}</td></tr></table>`)), url);
      expect(p.products[0]?.sku, label).toBe(code);
    }
  });

  it('reads "$229<sup>99</sup>" as 229.99, not 22999', () => {
    const p = extractPage(parse(page('<h1>Lamp</h1><span class="price">$229<sup>99</sup></span><button class="add-to-cart">Add to cart</button>')), 'https://shop.com/p/lamp-123456');
    expect(p.products[0]?.price).toBe(229.99);
  });

  it('the shown sale price beats the markup price shown crossed out', () => {
    const ld = '<script type="application/ld+json">{"@type":"Product","name":"Coat","offers":{"price":"219.99","priceCurrency":"EUR"}}</script>';
    const p = extractPage(parse(page('<h1>Coat</h1><div class="offer"><s>EUR219.99</s> <b class="sale">EUR110.00</b></div><button class="add-to-cart">Ielikt grozā</button>', ld)), 'https://shop.lv/coat-5066.html');
    expect(p.products[0]).toMatchObject({ price: 110, listPrice: 219.99 });
  });

  it('a converted price ("Circa EUR 14,43") is not the price', () => {
    const p = extractPage(parse(page('<h1>Cable</h1><div class="vi-price"><span id="prcIsum" class="price">GBP 12,99</span></div><div><span>Circa EUR 14,43</span></div><a class="btn" id="binBtn" role="button">Buy it now</a>')), 'https://shop.it/itm/133588510845');
    expect(p.products[0]?.price).toBe(12.99);
  });

  it('aggregateRating on the 0–5 scale, normalised by bestRating', () => {
    const ld = '<script type="application/ld+json">{"@type":"Product","name":"Lamp","aggregateRating":{"ratingValue":"8.6","bestRating":"10","reviewCount":"1.234"},"offers":{"price":"10","priceCurrency":"EUR"}}</script>';
    expect(extractPage(parse(page('<h1>Lamp</h1>', ld)), 'https://shop.example/p/1').products[0]).toMatchObject({ rating: 4.3, reviewCount: 1234 });
    const micro = '<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Lamp</h1><div itemprop="aggregateRating" itemscope itemtype="https://schema.org/AggregateRating"><meta itemprop="ratingValue" content="4.5"><meta itemprop="reviewCount" content="87"></div><div itemprop="offers" itemscope><meta itemprop="price" content="10"><meta itemprop="priceCurrency" content="EUR"></div></div>';
    expect(extractPage(parse(page(micro)), 'https://shop.example/p/1').products[0]).toMatchObject({ rating: 4.5, reviewCount: 87 });
  });

  it('a block whose id says "compare" but holds the h1 is the product, not other products', () => {
    const p = extractPage(parse(page('<div id="compare258685" class="product-top"><h1>Garni 570</h1><span class="price">54,50 €</span><button class="add-to-cart" disabled>Do košíka</button></div>')), 'https://shop.sk/garni-570');
    expect(p.products[0]?.availability).toBe('out_of_stock');
  });

  it('a nested microdata Brand named by <meta itemprop=name content>, and a withdrawn currency code', () => {
    const micro = '<div itemscope itemtype="https://schema.org/Product"><h1 itemprop="name">Mix</h1><div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><meta itemprop="name" content="Nutrilon"></div><div itemprop="offers" itemscope><meta itemprop="price" content="1290"><meta itemprop="priceCurrency" content="RUR"></div></div>';
    expect(extractPage(parse(page(micro)), 'https://shop.ru/product/mix/1').products[0]).toMatchObject({ brand: 'Nutrilon', currency: 'RUB', price: 1290 });
  });

  it('parsePrice reads what JSON-LD writes and nothing that is not a value', () => {
    expect(parsePrice({ '@value': '19.99' })?.amount).toBe(19.99);
    expect(parsePrice([19.99])?.amount).toBe(19.99);
    expect(parsePrice({ toString: () => '19.99' })).toBeUndefined();
  });
});
