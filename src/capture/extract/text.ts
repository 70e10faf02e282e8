// Plain-text helpers shared by the sources.
import { LIMITS } from './types.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Collapses white space, decodes the few entities that leak into JSON-LD strings, bounds length. */
export function clean(s: unknown, max: number = LIMITS.textChars): string | undefined {
  if (typeof s !== 'string' && typeof s !== 'number') return undefined;
  const out = String(s)
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/[\s\u00a0\u200b]+/g, ' ')
    .trim();
  return out ? out.slice(0, max) : undefined;
}

/** Text of an element without script/style content, collapsed. */
export function textOf(el: Element | null | undefined, max: number = LIMITS.textChars): string | undefined {
  if (!el) return undefined;
  return clean(el.textContent ?? '', max * 4)?.slice(0, max);
}

export function first<T>(v: T | T[] | undefined | null): T | undefined {
  return Array.isArray(v) ? v[0] : (v ?? undefined);
}

/** GTINs are 8, 12, 13 or 14 digits; anything else is not one. */
export function gtinOf(v: unknown): string | undefined {
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(/[\s-]/g, '') : '';
  return /^(\d{8}|\d{12,14})$/.test(s) ? s : undefined;
}

/** schema.org availability URL or text → our four values. */
export function availabilityOf(v: unknown): 'in_stock' | 'out_of_stock' | 'preorder' | 'unknown' | undefined {
  if (typeof v !== 'string' || !v) return undefined;
  const s = v.toLowerCase();
  if (/instock|in stock|in_stock|limitedavailability|onlineonly|instoreonly/.test(s.replace(/\s+/g, ' '))) return 'in_stock';
  if (/outofstock|out of stock|out_of_stock|soldout|sold out|discontinued/.test(s)) return 'out_of_stock';
  if (/preorder|presale|backorder/.test(s)) return 'preorder';
  return 'unknown';
}
