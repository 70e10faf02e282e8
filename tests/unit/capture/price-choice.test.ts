// Which of a product page's many prices is the product's (issue 13, the classes of error the Zyte
// benchmark's --errors showed): each rule on a small page built for it, in more than one language.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';

const parse = (html: string) => parseHTML(html).document as unknown as Document;
const page = (body: string) => `<html><head><title>Lamp | Shop</title></head><body><main>${body}</main></body></html>`;
const priceOf = (body: string, url = 'https://shop.example/p/lamp-1409.html') => extractPage(parse(page(body)), url).products[0]?.price;

describe('the product price among others on the page', () => {
  it('a recommendation widget named by its id only prices other products, even when its prices are hinted', () => {
    // The widget sits a few nodes from the buy control, its prices named "sale_price"; the product's
    // own price has no hint at all.
    const widget = (id: string) => `<div id="${id}"><div class="row">${[129, 79, 69].map((p) => `<div class="item"><a href="/p/${p}"><img src="/i/${p}.jpg"></a><div class="sale_price">$${p}</div><div class="list_price">$${p + 50}</div></div>`).join('')}</div></div>`;
    for (const id of ['vendor_recommend_tag', 'relatedProducts']) {
      const body = `<div class="box"><h1>Lamp</h1><div class="deal">Only $<span>99</span></div><a id="buy_btn" href="javascript:;"><div class="buy_btn"></div></a></div>${widget(id)}`;
      expect(priceOf(body), id).toBe(99);
    }
  });

  it('a block stating three amounts or more is a table of prices, not one price reading its first number', () => {
    // "Buy 1 box, each 839 …": read whole, the block's first number is the quantity.
    const tiers = [[1, 839], [2, 819], [3, 799]].map(([n, p]) => `<div class="line">Buy ${n} · each <span>$${p}</span></div>`).join('');
    const body = `<h1>Lamp</h1><div class="btn_price">${tiers}</div><button class="add-to-cart">Add to cart</button>`;
    expect(priceOf(body)).toBe(839);
    const de = [[1, '83,90'], [2, '81,90'], [3, '79,90']].map(([n, p]) => `<div>Ab ${n} Stück je <b>${p} €</b></div>`).join('');
    expect(priceOf(`<h1>Lampe</h1><div class="staffel-price">${de}</div><button class="add-to-cart">In den Warenkorb</button>`, 'https://shop.de/p/lampe-1409')).toBe(83.9);
  });

  it('of several microdata offers at different prices, the one that shows its price on the page', () => {
    const offer = (price: string, shown: string) => `<div itemprop="offers" itemscope itemtype="http://schema.org/Offer"><meta itemprop="price" content="${price}"><meta itemprop="priceCurrency" content="EUR">${shown}</div>`;
    const item = (offers: string) => `<div itemscope itemtype="http://schema.org/Product"><h1 itemprop="name">Lampada</h1>${offers}<button class="add-to-cart">Aggiungi al carrello</button></div>`;
    // A feed's offer (metas only) first, then the offer the shopper sees, "online only".
    expect(priceOf(item(offer('18.00', '') + `<p>Prezzo solo online:</p>` + offer('17.10', '<strong>€ <span>17,10</span></strong>')), 'https://shop.it/libri/lampada/2000000043333')).toBe(17.1);
    // With no offer showing its price, the first one stays the price.
    expect(priceOf(item(offer('18.00', '') + offer('17.10', '')), 'https://shop.it/libri/lampada/2000000043333')).toBe(18);
  });

  it('a bare amount whose currency is the next element is a price ("<b>2320</b><span>元</span>")', () => {
    const tw = extractPage(parse(page('<h1>Lamp</h1><div class="offer"><del>$3200</del> <strong>特價</strong> <span style="font:bold 27px Verdana">2320</span><span> 元 </span></div><button class="add-to-cart">加入購物車</button>')), 'https://shop.com.tw/M14876706.htm').products[0];
    expect(tw).toMatchObject({ price: 2320, currency: 'TWD' });
    const cz = extractPage(parse(page('<h1>Lampa</h1><div class="offer"><span>1 280</span><span>Kč</span></div><button class="add-to-cart">Do košíku</button>')), 'https://shop.cz/lampa-1049').products[0];
    expect(cz).toMatchObject({ price: 1280, currency: 'CZK' });
  });
});
