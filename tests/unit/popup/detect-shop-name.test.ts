// The consent moment calls the shop by its own name: og:site_name, application-name, else the part
// of the title that names the shop ("Maple & Pine", never "Maple And Pine" from the host).
import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { detectShopName } from '../../../src/popup/detect-shop-name.ts';

function page(host: string, head: string) {
  const { document } = parseHTML(`<!doctype html><html><head>${head}</head><body></body></html>`);
  Object.assign(globalThis, { document, location: { hostname: host } });
}
afterEach(() => {
  delete (globalThis as { document?: unknown }).document;
  delete (globalThis as { location?: unknown }).location;
});

describe('detectShopName', () => {
  it('takes the name the shop gives itself', () => {
    page('www.maple-and-pine.co.uk', '<meta property="og:site_name" content="Maple &amp; Pine"><title>Dresses | MAPLE</title>');
    expect(detectShopName()).toBe('Maple & Pine');
    page('shop.example', '<meta name="application-name" content="North Threads"><title>x</title>');
    expect(detectShopName()).toBe('North Threads');
  });

  it("finds the shop's part of the title, at its end or its start", () => {
    page('maple-and-pine.localhost', '<title>Red Linen Dress | Maple &amp; Pine</title>');
    expect(detectShopName()).toBe('Maple & Pine');
    page('www.urbanloft.de', '<title>Urban Loft – Kleider</title>');
    expect(detectShopName()).toBe('Urban Loft');
    page('urban-loft.localhost', '<title>New in at Urban Loft | Urban Loft</title>');
    expect(detectShopName()).toBe('Urban Loft');
    page('www.plaingoods.ch', '<title>New in at Plain Goods – Plain Goods Shop</title>');
    expect(detectShopName()).toBe('Plain Goods Shop');
    page('plain-goods.localhost', '<title>Plain Goods</title>');
    expect(detectShopName()).toBe('Plain Goods');
  });

  it('gives nothing rather than a product title', () => {
    page('shop.example', '<title>Red Linen Dress - Sale</title>');
    expect(detectShopName()).toBeUndefined();
  });
});
