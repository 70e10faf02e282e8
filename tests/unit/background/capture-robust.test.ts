// Issue 12: a shop's pages change only that shop's items (12.4); one odd field costs that field, not
// the page (12.9); a page view or interaction sent twice is stored once (12.8).
import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { deleteSiteData, itemIdFor, recordEvent, recordPage } from '../../../src/background/capture-store.ts';
import { openAt } from '../../../src/background/db.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import { ContentMessageSchema } from '../../../src/shared/messages.ts';
import { normaliseCurrency } from '../../../src/shared/currency.ts';
import { normaliseProduct } from '../../../src/shared/normalise-product.ts';
import type { Product } from '../../../src/shared/schemas.ts';

let n = 0;
const fresh = () => openAt(DB_VERSION, `capture-robust-${n++}`);
const prod = (url: string, extra: Partial<Product> = {}): Product => ({ url, title: `T ${url}`, ...extra });
const VIEW = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('12.4: a consented shop changes only its own items', () => {
  it('a listing naming another shop\'s product URLs moves nothing, and deleting the attacker deletes none of the victim', async () => {
    const d = await fresh();
    await recordPage(d, 'victim.example', 'product', [prod('https://victim.example/p/scarf', { title: 'Green Wool Scarf', imageUrl: 'https://img.victim.example/s.jpg' })]);
    await recordEvent(d, 'victim.example', 'cart', prod('https://victim.example/p/scarf', { title: 'Green Wool Scarf' }));
    const r = await recordPage(d, 'attacker.example', 'listing', [
      prod('https://victim.example/p/scarf', { title: 'Pwned', imageUrl: 'https://attacker.example/track.gif' }),
      prod('https://www.victim.example/p/scarf', { title: 'Pwned too' }),
      prod('https://attacker.example/p/own'),
    ]);
    expect(r).toMatchObject({ items: 1, refused: 2 });
    expect((await recordEvent(d, 'attacker.example', 'cart', prod('https://victim.example/p/scarf'))).stored).toBe(false);
    const scarf = await d.get('items', await itemIdFor('https://victim.example/p/scarf'));
    expect(scarf).toMatchObject({ site: 'victim.example', title: 'Green Wool Scarf', imageUrl: 'https://img.victim.example/s.jpg' });
    await deleteSiteData(d, 'attacker.example');
    expect((await d.getAll('items')).map((i) => i.site)).toEqual(['victim.example']);
    expect((await d.getAll('events')).filter((e) => e.site === 'victim.example')).toHaveLength(2);
  });

  it('a shop\'s www. host is its own', async () => {
    const d = await fresh();
    expect((await recordPage(d, 'shop.example', 'listing', [prod('https://www.shop.example/p/1')])).items).toBe(1);
  });
});

describe('12.9: one bad field never drops a page', () => {
  it('normalises currency symbols and aliases', () => {
    expect(['€', 'US$', 'eur', ' EUR ', 'gbp', '£', 'euro'].map(normaliseCurrency)).toEqual(['EUR', 'USD', 'EUR', 'EUR', 'GBP', 'GBP', 'EUR']);
    expect(['$', 'XYZ', 'dollars', '', 42].map(normaliseCurrency)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('truncates over-long text, drops over-long or non-http URL fields, keeps the product', () => {
    const p = normaliseProduct({
      url: 'https://s.example/p/1?utm_source=x', title: 'T'.repeat(700), brand: 'B'.repeat(250), currency: '€', price: 10,
      imageUrl: `https://img.s.example/${'x'.repeat(5000)}.jpg`, gtin: '4006381-333931', rating: 7, listPosition: 0, category: ['A', 42, 'B'.repeat(300)],
    });
    expect(p).toBeDefined();
    expect(p!.url).toBe('https://s.example/p/1');
    expect(p!.title).toHaveLength(500);
    expect(p!.brand).toHaveLength(200);
    expect(p!.currency).toBe('EUR');
    expect(p!.imageUrl).toBeUndefined();
    expect(p!.gtin).toBe('4006381333931');
    expect(p!.rating).toBeUndefined();
    expect(p!.listPosition).toBeUndefined();
    expect(p!.category).toEqual(['A', `${'B'.repeat(199)}…`]);
    expect(normaliseProduct({ url: 'https://s.example/p/2', title: 'x', imageUrl: 'javascript:alert(1)' })!.imageUrl).toBeUndefined();
  });

  it('drops only a product with no usable URL or title', () => {
    expect(normaliseProduct({ url: 'javascript:alert(1)', title: 'x' })).toBeUndefined();
    expect(normaliseProduct({ url: 'https://s.example/p/1', title: '  ' })).toBeUndefined();
    expect(normaliseProduct({ url: `https://s.example/p/1?q=${'x'.repeat(5000)}`, title: 'x' })).toBeUndefined();
    expect(normaliseProduct(null)).toBeUndefined();
  });

  it('a 30-product listing with one long brand, "€", "US$" and a 5 KB URL passes the contract and stores 29 + 1', async () => {
    const products: unknown[] = Array.from({ length: 30 }, (_, i) => ({ url: `https://s.example/p/${i}`, title: `P${i}`, currency: i % 2 ? '€' : 'US$', price: 5 }));
    (products[3] as Record<string, unknown>).brand = 'B'.repeat(250);
    (products[4] as Record<string, unknown>).imageUrl = `https://img.s.example/${'x'.repeat(5000)}`;
    const msg = { type: 'capture/page', url: `https://s.example/c/all?${'f=1&'.repeat(1200)}`, kind: 'listing', products };
    const parsed = v.safeParse(ContentMessageSchema, msg);
    expect(parsed.success).toBe(true);
    const kept = products.map(normaliseProduct).filter((p): p is Product => !!p);
    expect(kept).toHaveLength(30);
    const d = await fresh();
    expect((await recordPage(d, 's.example', 'listing', kept)).items).toBe(30);
  });
});

describe('12.8: the same page view twice stores once', () => {
  it('a retried capture/page with the same view id adds no second event; a new view does', async () => {
    const d = await fresh();
    const page = [prod('https://s.example/p/1'), prod('https://s.example/p/2')];
    expect((await recordPage(d, 's.example', 'listing', page, 1000, VIEW)).events).toBe(2);
    expect((await recordPage(d, 's.example', 'listing', page, 1500, VIEW)).events).toBe(0);
    expect(await d.count('items')).toBe(2);
    expect(await d.count('events')).toBe(2);
    expect((await recordPage(d, 's.example', 'listing', page, 2000, crypto.randomUUID())).events).toBe(2);
  });

  it('a retried interaction is stored once', async () => {
    const d = await fresh();
    const p = prod('https://s.example/p/1');
    expect((await recordEvent(d, 's.example', 'dwell', p, 5, 1000, VIEW)).stored).toBe(true);
    expect((await recordEvent(d, 's.example', 'dwell', p, 5, 1200, VIEW)).stored).toBe(false);
    expect(await d.count('events')).toBe(1);
  });
});
