// The page read off the shop's main thread: a snapshot of the live page, parsed and read in
// Carryover's own document, gives what reading the live page gives; the content script falls back to
// the live read when the hand-off cannot happen.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { extractSnapshot, snapshotOf } from '../../../src/capture/extract/hand-off.ts';
import { extractPage } from '../../../src/capture/extract/index.ts';
import { MAX_PAGE_HTML } from '../../../src/shared/messages.ts';
import { loadZyte, pageHtml } from '../../../scripts/bench/zyte.ts';
import { cartPage, listingPage, productPage, type Urls } from '../../fixtures/shops/render.ts';
import { generateCatalog, SHOPS } from '../../fixtures/shops/catalog.ts';

const sendMessage = vi.fn();
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage } } }));
const { readPage } = await import('../../../src/capture/read-page.ts');

/** Compared with reads that have no budget: a busy machine must not cut one of the two short. */
const NO_BUDGET = Number.POSITIVE_INFINITY;
const parse = (html: string) => parseHTML(html).document as unknown as Document;
const REAL = join(import.meta.dirname, '../../../../shared/fixtures/real-pages');

describe('the hand-off', () => {
  it('reads every real page as the live read does', () => {
    const files = existsSync(REAL) ? readdirSync(REAL).filter((f) => f.endsWith('.html')) : [];
    expect(files.length).toBeGreaterThanOrEqual(20);
    const urls = JSON.parse(readFileSync(join(REAL, 'manifest.json'), 'utf8')) as { file: string; page_url: string | null; site: string }[];
    for (const f of files) {
      const t = urls.find((u) => u.file === f)!;
      const url = t.page_url && /^https?:/.test(t.page_url) ? t.page_url : `https://${t.site}/`;
      const doc = parse(readFileSync(join(REAL, f), 'utf8'));
      const live = extractPage(doc, url);
      const snapshot = snapshotOf(doc);
      expect(snapshot.html.length, f).toBeLessThan(MAX_PAGE_HTML);
      expect(JSON.stringify(extractSnapshot(snapshot, url, NO_BUDGET, parse)), f).toBe(JSON.stringify(live));
    }
  });

  it('reads every page of the Zyte benchmark as the whole page serialised and parsed again reads', () => {
    // Against the whole page's round trip, not the page itself: linkedom's serialiser is not
    // idempotent where a browser's is (it writes & unescaped in attributes and a no-break space as
    // &#160;, which changed a brand on 3 of these pages). What is checked is what the snapshot
    // leaves out of the head. In Chromium the hand-off equals the live read on every real page
    // (bench:extract --in-page).
    const dir = join(import.meta.dirname, '../../../../shared/fixtures/zyte-benchmark');
    const { truths } = loadZyte(dir);
    expect(truths.length).toBeGreaterThanOrEqual(100);
    for (const t of truths) {
      const doc = parse(pageHtml(dir, t.key));
      const whole = parse(`<!DOCTYPE html>${doc.documentElement.outerHTML}`);
      expect(JSON.stringify(extractSnapshot(snapshotOf(doc), t.url, NO_BUDGET, parse)), t.key).toBe(JSON.stringify(extractPage(whole, t.url)));
    }
  }, 60_000);

  it.each(SHOPS)('reads the fixture shop $name\'s pages as the live read does', (shop) => {
    const urls: Urls = { page: (path) => `http://${shop.host}:8080${path}`, image: (p) => `http://img.${shop.host}:8080/${p.slug}.img` };
    const own = generateCatalog().filter((p) => p.shop === shop.id);
    const pages: [string, string][] = [
      [productPage(shop, own[0]!, urls, own.slice(1, 5)), urls.page(`/p/${own[0]!.slug}`)],
      [listingPage(shop, 'Dresses', own.slice(0, 12), urls), urls.page('/c/dress')],
      [cartPage(shop, own.slice(0, 2), urls), urls.page('/cart')],
    ];
    for (const [html, url] of pages) {
      const doc = parse(html);
      expect(JSON.stringify(extractSnapshot(snapshotOf(doc), url, NO_BUDGET, parse))).toBe(JSON.stringify(extractPage(doc, url)));
    }
  });

  it('leaves out the head\'s styles and scripts, keeps its JSON data, and keeps the root\'s attributes', () => {
    const doc = parse(`<!DOCTYPE html><html lang="de" data-x='a "b" &amp; c'><head><title>T</title><style>.a{color:red}</style><script>var big = 1;</script>
      <script type="application/ld+json">{"@type":"Product","name":"P"}</script><meta property="og:type" content="product"></head><body><h1>P</h1></body></html>`);
    const { html } = snapshotOf(doc);
    expect(html.startsWith('<!DOCTYPE html><html lang="de" data-x="a &quot;b&quot; &amp; c"><head>')).toBe(true);
    expect(html).not.toContain('color:red');
    expect(html).not.toContain('var big');
    expect(html).toContain('"@type":"Product"');
    expect(html).toContain('og:type');
    expect(parse(html).documentElement.getAttribute('data-x')).toBe('a "b" & c');
  });

  it('stands the rendered sizes in for layout, only when the copy has the same images', () => {
    // Two photos without size attributes: only layout tells the product's photo from the thumbnail.
    const html = `<html><head><title>Lamp</title></head><body><main><h1>Lamp</h1><img src="/small.jpg"><img src="/big.jpg"><span class="price">€ 20,00</span><button>Add to cart</button></main></body></html>`;
    const url = 'https://shop.example/p/lamp';
    const sized = extractSnapshot({ html, images: [[40, 40], [600, 600]], imageCount: 2 }, url, NO_BUDGET, parse);
    expect(sized.products[0]?.imageUrl).toBe('https://shop.example/big.jpg');
    const flipped = extractSnapshot({ html, images: [[600, 600], [40, 40]], imageCount: 2 }, url, NO_BUDGET, parse);
    expect(flipped.products[0]?.imageUrl).toBe('https://shop.example/small.jpg');
    // A copy with another count of images (the page changed shape when re-parsed): no sizes at all.
    const unmatched = extractSnapshot({ html, images: [[600, 600], [40, 40]], imageCount: 3 }, url, NO_BUDGET, parse);
    expect(unmatched.products[0]?.imageUrl).toBe(extractPage(parse(html), url).products[0]?.imageUrl);
  });
});

describe('readPage in the content script', () => {
  const url = 'https://shop.example/p/lamp';
  const VIEW = '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b';
  const page = () => parse(`<html><head><title>Lamp | Shop</title></head><body><main><h1>Lamp</h1><img src="/lamp.jpg" width="500" height="500"><span class="price">€ 20,00</span><button>Add to cart</button></main></body></html>`);
  beforeEach(() => {
    sendMessage.mockReset();
    // What the content script's report reads.
    vi.stubGlobal('location', { href: url });
  });

  it('hands the snapshot to the background and uses its answer', async () => {
    const answer = { kind: 'product', products: [{ url, title: 'From the background' }] };
    sendMessage.mockResolvedValueOnce({ ok: true, value: { page: answer } });
    expect(await readPage(page(), url, 500, VIEW, true)).toEqual({ page: answer, by: 'hand-off' });
    const [msg] = sendMessage.mock.calls[0]!;
    expect(msg).toMatchObject({ type: 'capture/extract', url, view: VIEW, store: true, budgetMs: 500, imageCount: 1 });
    expect(msg.html).toContain('<h1>Lamp</h1>');
    // When it was seen: a choice on the next page, stored before this read ends, still comes after it.
    expect(Math.abs(msg.at - Date.now())).toBeLessThan(5000);
  });

  it('says nothing is read when the background says the site is not captured', async () => {
    sendMessage.mockResolvedValueOnce({ ok: true, value: {} });
    expect(await readPage(page(), url, 500, VIEW, true)).toBeUndefined();
  });

  it('reads the live page when the background refuses, and reports why', async () => {
    sendMessage.mockResolvedValueOnce({ ok: false, error: 'no document to read it in' }).mockResolvedValue({ ok: true, value: undefined });
    const read = await readPage(page(), url, 500, VIEW, true);
    expect(read?.by).toBe('page');
    expect(read?.page.kind).toBe('product');
    expect(read?.page.products[0]?.title).toBe('Lamp');
    expect(sendMessage.mock.calls.some(([m]) => m.type === 'log' && /no document to read it in/.test(m.message))).toBe(true);
  });

  it('reads the live page when the background does not answer within a few quick tries, and says so', async () => {
    sendMessage.mockResolvedValue(undefined);
    const started = Date.now();
    const read = await readPage(page(), url, 500, VIEW, true);
    expect(read?.by).toBe('page');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sendMessage.mock.calls.some(([m]) => m.type === 'log' && /did not answer the hand-off/.test(m.message))).toBe(true);
  }, 10_000);

  it('reads a page too large to hand over in the page, without sending it', async () => {
    const doc = page();
    doc.body.insertAdjacentHTML('beforeend', `<p>${'x'.repeat(MAX_PAGE_HTML)}</p>`);
    const read = await readPage(doc, url, 500, VIEW, true);
    expect(read).toMatchObject({ by: 'page', page: { kind: 'product' } });
    expect(sendMessage).not.toHaveBeenCalled();
  });
});
