// Shopper journeys shared by the E2E tests, the headless tour and the bench.
import type { Product, Shop } from '../fixtures/shops/catalog.ts';
import type { Harness } from './harness.ts';
import { waitForKind } from './sidebar-read.ts';

/** Consent on `shop` (unless given already), then each product's page and "Add to basket". */
export async function cartOn(h: Harness, shop: Shop, products: Product[], opts: { granted?: boolean } = {}): Promise<void> {
  const p = await h.ctx.newPage();
  await p.goto(h.shops.url(shop.id, '/'));
  if (!opts.granted) await h.grant(p);
  for (const item of products) {
    await p.goto(h.shops.url(shop.id, `/p/${item.slug}`));
    await waitForKind(h, p, 'product');
    await p.getByRole('button', { name: 'Add to basket' }).click();
    await p.waitForURL(/\/cart$/);
  }
  await p.close();
}

/** Two red plain and two striped (not red) products of a shop: the taste the tests carry over. */
export function redAndStriped(h: Harness, shop: Shop): Product[] {
  const own = h.shops.catalog.filter((x) => x.shop === shop.id);
  return [...own.filter((x) => x.colour === 'red' && x.pattern === 'plain').slice(0, 2), ...own.filter((x) => x.pattern === 'striped' && x.colour !== 'red').slice(0, 2)];
}

/** Waits until every item of `site` has a photo vector. */
export async function embeddedSite(h: Harness, site: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const d = await h.dump();
    const items = (d.items as { id: string; site: string }[]).filter((i) => i.site === site);
    const vecs = new Set((d.vectors as { itemId: string; image?: unknown }[]).filter((v) => v.image).map((v) => v.itemId));
    if (items.length > 0 && items.every((i) => vecs.has(i.id))) return;
    if (Date.now() > until) throw new Error(`items of ${site} were not all embedded within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}
