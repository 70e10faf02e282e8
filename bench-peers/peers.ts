// The two peers bench:extract compares with, each mapped to the same five fields.
import createMetascraper from 'metascraper';
import metascraperAmazon from 'metascraper-amazon';
import metascraperImage from 'metascraper-image';
import metascraperTitle from 'metascraper-title';
import WAEModule from 'web-auto-extractor';
import type { Extracted } from '../scripts/bench/extract-match.ts';

type Peer = (html: string, url: string) => Promise<Extracted>;

const metascraper = createMetascraper([metascraperAmazon(), metascraperTitle(), metascraperImage()]);

const metascraperPeer: Peer = async (html, url) => {
  const r = (await metascraper({ html, url })) as Record<string, string | null | undefined>;
  return { title: r.title ?? undefined, image: r.image ?? undefined };
};

type Obj = Record<string, unknown>;
const WAE = ((WAEModule as unknown as { default?: () => { parse(html: string): Obj } }).default ?? WAEModule) as () => { parse(html: string): Obj };

const firstOf = (v: unknown): unknown => (Array.isArray(v) ? v[0] : v);
const str = (v: unknown): string | undefined => {
  const x = firstOf(v);
  if (typeof x === 'string' || typeof x === 'number') return String(x);
  if (x && typeof x === 'object') return str((x as Obj).name ?? (x as Obj).url);
  return undefined;
};

/** web-auto-extractor returns raw structured data; we read the Product the way its README shows. */
const waePeer: Peer = async (html) => {
  const parsed = WAE().parse(html);
  for (const format of ['jsonld', 'microdata', 'rdfa'] as const) {
    const byType = (parsed[format] ?? {}) as Record<string, Obj[]>;
    const key = Object.keys(byType).find((k) => /product/i.test(k));
    const p = key ? byType[key]?.[0] : undefined;
    if (!p) continue;
    const offer = firstOf(p.offers) as Obj | undefined;
    const price = Number(str(offer?.price ?? offer?.lowPrice));
    return {
      title: str(p.name),
      brand: str(p.brand),
      price: Number.isFinite(price) ? price : undefined,
      currency: str(offer?.priceCurrency),
      image: str(p.image),
    };
  }
  const meta = (parsed.metatags ?? {}) as Record<string, string[]>;
  const price = Number(meta['product:price:amount']?.[0] ?? meta['og:price:amount']?.[0]);
  return {
    title: meta['og:title']?.[0] ?? meta.title?.[0],
    image: meta['og:image']?.[0],
    price: Number.isFinite(price) ? price : undefined,
    currency: meta['product:price:currency']?.[0] ?? meta['og:price:currency']?.[0],
    brand: meta['product:brand']?.[0],
  };
};

export const PEERS: Record<string, Peer> = { metascraper: metascraperPeer, 'web-auto-extractor': waePeer };
