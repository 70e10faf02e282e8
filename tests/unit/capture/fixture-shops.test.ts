// The extractor on every page type of every fixture shop, each in its own markup style.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage } from '../../../src/capture/extract/index.ts';
import { generateCatalog, SHOPS } from '../../fixtures/shops/catalog.ts';
import { cartPage, confirmationPage, listingPage, productPage, type Urls } from '../../fixtures/shops/render.ts';

const catalog = generateCatalog();
const parse = (html: string) => parseHTML(html).document as unknown as Document;

describe.each(SHOPS)('fixture shop $name ($markup)', (shop) => {
  const urls: Urls = {
    page: (path) => `http://${shop.host}:8080${path}`,
    image: (p) => `http://img.${shop.host}:8080/${p.slug}.img`,
  };
  const own = catalog.filter((p) => p.shop === shop.id);
  const p = own[0]!;

  it('reads a product page: kind, title, price, currency, brand, image, canonical URL', () => {
    const page = extractPage(parse(productPage(shop, p, urls, own.slice(1, 5))), urls.page(`/p/${p.slug}?utm_source=x`));
    expect(page.kind).toBe('product');
    expect(page.products).toHaveLength(1);
    expect(page.products[0]).toMatchObject({
      url: urls.page(`/p/${p.slug}`),
      title: p.title,
      price: p.price,
      currency: shop.currency,
      brand: p.brand,
      imageUrl: urls.image(p),
    });
    if (p.listPrice) expect(page.products[0]!.listPrice).toBe(p.listPrice);
  });

  it('reads a listing page: every card with its URL, title and price', () => {
    const list = own.slice(0, 12);
    const page = extractPage(parse(listingPage(shop, 'Dresses', list, urls)), urls.page('/c/dress'));
    expect(page.kind).toBe('listing');
    expect(page.products.map((x) => x.url).sort()).toEqual(list.map((x) => urls.page(`/p/${x.slug}`)).sort());
    for (const x of list) {
      expect(page.products.find((q) => q.url === urls.page(`/p/${x.slug}`))).toMatchObject({ title: x.title, price: x.price });
    }
  });

  it('reads a cart page and an order confirmation with their line items', () => {
    const items = own.slice(2, 4);
    const cart = extractPage(parse(cartPage(shop, items, urls)), urls.page('/cart'));
    expect(cart.kind).toBe('cart');
    expect(cart.products.map((x) => x.url).sort()).toEqual(items.map((x) => urls.page(`/p/${x.slug}`)).sort());
    const done = extractPage(parse(confirmationPage(shop, '1001', items, urls)), urls.page('/order/1001/confirmation'));
    expect(done.kind).toBe('confirmation');
    expect(done.products.map((x) => x.url).sort()).toEqual(items.map((x) => urls.page(`/p/${x.slug}`)).sort());
  });
});
