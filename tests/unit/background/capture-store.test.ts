import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { deleteSiteData, DEDUPE_MS, itemIdFor, recordEvent, recordPage } from '../../../src/background/capture-store.ts';
import { DB_VERSION } from '../../../src/background/schema.ts';
import type { Product } from '../../../src/shared/schemas.ts';

let n = 0;
const fresh = () => openAt(DB_VERSION, `store-test-${n++}`);
const prod = (url: string, extra: Partial<Product> = {}): Product => ({ url, title: `T ${url}`, ...extra });

describe('capture store', () => {
  it('upserts items by canonical URL and keeps what a poorer read lacks', async () => {
    const d = await fresh();
    await recordPage(d, 'a.localhost', 'product', [prod('http://a.localhost/p/1?utm_source=x#top', { price: 10, brand: 'B', imageUrl: 'http://img.a.localhost/1.jpg' })], 1000);
    await recordPage(d, 'a.localhost', 'listing', [prod('http://a.localhost/p/1', { price: 9 })], 2000);
    const items = await d.getAll('items');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ url: 'http://a.localhost/p/1', price: 9, brand: 'B', imageUrl: 'http://img.a.localhost/1.jpg', firstSeen: 1000, lastSeen: 2000 });
    expect((await d.getAll('events')).map((e) => e.type)).toEqual(['view', 'impression']);
  });

  it('records only the main product of a product page as viewed', async () => {
    const d = await fresh();
    const r = await recordPage(d, 'a.localhost', 'product', [prod('http://a.localhost/p/1'), prod('http://a.localhost/p/2')]);
    expect(r).toMatchObject({ items: 1, events: 1 });
    expect(r.ids).toHaveLength(1);
  });

  it('counts a cart or purchase once when the click and the cart page both report it', async () => {
    const d = await fresh();
    const p = prod('http://a.localhost/p/1');
    expect((await recordEvent(d, 'a.localhost', 'cart', p, undefined, 1000)).stored).toBe(true);
    await recordPage(d, 'a.localhost', 'cart', [p], 2000);
    await recordPage(d, 'a.localhost', 'cart', [p], 1000 + DEDUPE_MS + 1);
    expect((await d.getAll('events')).filter((e) => e.type === 'cart')).toHaveLength(2);
  });

  it('links the same product on two shops by GTIN', async () => {
    const d = await fresh();
    await recordPage(d, 'a.localhost', 'product', [prod('http://a.localhost/p/1', { gtin: '4000000000017' })]);
    await recordPage(d, 'b.localhost', 'product', [prod('http://b.localhost/x', { gtin: '4000000000017' })]);
    const b = await d.get('items', await itemIdFor('http://b.localhost/x'));
    expect(b?.groupId).toBe(await itemIdFor('http://a.localhost/p/1'));
  });

  it("deletes one site's items, events, vectors, thumbnails and jobs and leaves the others", async () => {
    const d = await fresh();
    await recordPage(d, 'a.localhost', 'listing', [prod('http://a.localhost/p/1'), prod('http://a.localhost/p/2')]);
    await recordPage(d, 'b.localhost', 'listing', [prod('http://b.localhost/p/1')]);
    const a1 = await itemIdFor('http://a.localhost/p/1');
    await d.put('vectors', { itemId: a1, modelId: 'm', fused: new Float32Array(2) });
    await d.put('jobs', { id: `text:${a1}`, itemId: a1, kind: 'text', modelId: 'm', state: 'queued', attempts: 0, nextAt: 0, createdAt: 0 });
    await d.put('thumbs', { itemId: a1, dataUrl: 'data:image/webp;base64,UklGRg==', createdAt: 0 });
    expect(await deleteSiteData(d, 'a.localhost')).toEqual({ items: 2, events: 2, catalogue: 0 });
    expect(await d.count('thumbs')).toBe(0);
    expect((await d.getAll('items')).map((i) => i.site)).toEqual(['b.localhost']);
    expect((await d.getAll('events')).map((e) => e.site)).toEqual(['b.localhost']);
    expect(await d.count('vectors')).toBe(0);
    expect(await d.count('jobs')).toBe(0);
  });
});
