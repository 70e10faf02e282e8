// Plain-text helpers shared by the sources.
import { LIMITS } from './types.ts';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * A string or number out of whatever markup put there: JSON-LD writes a value as itself, as
 * `{"@value": …}` or as a one-element array. Anything else (an object, `{"toString": 1}`, null) is
 * not a value; nothing here ever converts an object to a string.
 */
export function scalar(v: unknown, depth = 0): string | number | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (depth > 3 || v === null || typeof v !== 'object') return undefined;
  if (Array.isArray(v)) return scalar(v[0], depth + 1);
  return Object.prototype.hasOwnProperty.call(v, '@value') ? scalar((v as Record<string, unknown>)['@value'], depth + 1) : undefined;
}

/** Collapses white space, decodes the few entities that leak into JSON-LD strings, bounds length. */
export function clean(raw: unknown, max: number = LIMITS.textChars): string | undefined {
  const s = scalar(raw);
  if (s === undefined) return undefined;
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
export function gtinOf(raw: unknown): string | undefined {
  const v = scalar(raw);
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.replace(/[\s-]/g, '') : '';
  return /^(\d{8}|\d{12,14})$/.test(s) ? s : undefined;
}

/** schema.org availability URL or text → our four values. */
export function availabilityOf(raw: unknown): 'in_stock' | 'out_of_stock' | 'preorder' | 'unknown' | undefined {
  const v = scalar(raw);
  if (typeof v !== 'string' || !v) return undefined;
  const s = v.toLowerCase();
  if (/instock|in stock|in_stock|limitedavailability|onlineonly|instoreonly/.test(s.replace(/\s+/g, ' '))) return 'in_stock';
  if (/outofstock|out of stock|out_of_stock|soldout|sold out|discontinued/.test(s)) return 'out_of_stock';
  if (/preorder|presale|backorder/.test(s)) return 'preorder';
  return 'unknown';
}

/** A rating on the 0–5 scale from a value and its scale's best (schema.org bestRating, default 5). */
export function ratingOf(value: unknown, best: unknown): number | undefined {
  const num = (v: unknown) => {
    const x = scalar(v);
    const n = typeof x === 'number' ? x : typeof x === 'string' ? parseFloat(x.replace(',', '.')) : NaN;
    return Number.isFinite(n) ? n : undefined;
  };
  const v = num(value);
  if (v === undefined || v < 0) return undefined;
  const b = num(best) ?? (v > 5 && v <= 10 ? 10 : v > 10 && v <= 100 ? 100 : 5);
  if (b <= 0 || v > b) return undefined;
  return Math.round((v / b) * 5 * 100) / 100;
}

/** A count (reviews, ratings): a non-negative integer, "1.234" and "1,234" read as thousands. */
export function countOf(value: unknown): number | undefined {
  const x = scalar(value);
  const n = typeof x === 'number' ? x : typeof x === 'string' && /^\s*\d[\d.,\s]*$/.test(x) ? Number(x.replace(/[.,\s]/g, '')) : NaN;
  return Number.isFinite(n) && n >= 0 && Number.isInteger(n) ? n : undefined;
}
