// Prices as shops write them in many locales. The decimal separator is decided from the digits, not
// assumed: "1.299,00 €" → 1299, "$24.990" → 24990 (Chile), "₹2,433" → 2433, "CHF 19.50" → 19.5.
// The currency comes from an ISO code or an unambiguous symbol, else from a symbol plus the page's
// locale or top-level domain; when neither decides, it stays unknown.
import { scalar } from './text.ts';
import { normaliseCurrency as currencyFromMark } from '../../shared/currency.ts';

export interface ParsedPrice {
  amount: number;
  currency?: string;
  /** "from €10", "€10 – €20": the amount is the lower bound. */
  isRange?: boolean;
}

export interface PriceHints {
  /** <html lang>, e.g. "de-CH". */
  lang?: string;
  /** The page's host, for its top-level domain. */
  host?: string;
  /** A currency the page's markup already states. */
  currency?: string;
}

/** Currencies with no minor unit and with three. */
const ZERO_DECIMALS = new Set(['CLP', 'JPY', 'KRW', 'VND', 'ISK', 'PYG', 'UGX', 'XAF', 'XOF', 'HUF', 'IDR', 'COP']);
const THREE_DECIMALS = new Set(['BHD', 'KWD', 'OMR', 'JOD', 'TND', 'LYD', 'IQD']);

// Longest first, so that "R$" wins over "$" and "CHF" over nothing.
const SYMBOLS: [string, string][] = [
  ['US$', 'USD'], ['A$', 'AUD'], ['AU$', 'AUD'], ['C$', 'CAD'], ['CA$', 'CAD'], ['NZ$', 'NZD'], ['HK$', 'HKD'],
  ['S$', 'SGD'], ['MX$', 'MXN'], ['R$', 'BRL'], ['€', 'EUR'], ['£', 'GBP'], ['₹', 'INR'], ['₩', 'KRW'], ['₽', 'RUB'],
  ['₺', 'TRY'], ['₴', 'UAH'], ['₪', 'ILS'], ['₫', 'VND'], ['฿', 'THB'], ['₱', 'PHP'], ['zł', 'PLN'], ['Kč', 'CZK'],
  ['Rs.', 'INR'], ['Rs', 'INR'], ['ر.س', 'SAR'], ['د.إ', 'AED'], ['Fr.', 'CHF'], ['lei', 'RON'],
];
// Bounded by non-letters, not by \b: "EUR110.00" and "110EUR" write the code against the digits.
const ISO = /(?<![A-Za-z])(USD|EUR|GBP|CHF|JPY|CNY|INR|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|BRL|MXN|CLP|COP|ARS|PEN|ZAR|SAR|AED|TRY|RUB|KRW|SGD|HKD|THB|ILS|RON|BGN|UAH|IDR|MYR|PHP|VND|EGP|QAR|KWD|BHD|OMR|JOD|ISK)(?![A-Za-z])/;

/** Ambiguous symbols ($, ¥, kr) resolved by country (from the TLD or the lang region). */
const BY_COUNTRY: Record<string, Record<string, string>> = {
  $: { us: 'USD', ca: 'CAD', au: 'AUD', nz: 'NZD', mx: 'MXN', cl: 'CLP', ar: 'ARS', co: 'COP', sg: 'SGD', hk: 'HKD', uy: 'UYU', ec: 'USD', sv: 'USD', pr: 'USD' },
  '¥': { jp: 'JPY', cn: 'CNY' },
  kr: { se: 'SEK', no: 'NOK', dk: 'DKK', is: 'ISK' },
  // "元" is the yuan/dollar of the Chinese-writing markets ("2320 元" in Taiwan), "円" the yen.
  '元': { tw: 'TWD', cn: 'CNY', hk: 'HKD', mo: 'MOP' },
  '円': { jp: 'JPY' },
};
const CCTLD: Record<string, string> = { uk: 'gb' };

function countries(h: PriceHints): string[] {
  const out: string[] = [];
  const region = h.lang?.split(/[-_]/)[1]?.toLowerCase();
  if (region) out.push(region);
  const tld = h.host?.split('.').pop()?.toLowerCase();
  if (tld && tld.length === 2) out.push(CCTLD[tld] ?? tld);
  return out;
}

const BY_COUNTRY_ENTRIES = Object.entries(BY_COUNTRY);

export function currencyOf(text: string, hints: PriceHints = {}): string | undefined {
  // The code's regular expression only where three capitals stand together: it is asked of every
  // short text of a page, most of which have none.
  const iso = /[A-Z]{3}/.test(text) ? ISO.exec(text)?.[1] : undefined;
  if (iso) return iso;
  // Indexed loops: asked of thousands of short texts on a cold start, where the destructuring
  // for-of over pairs was this function's whole cost in the interpreter.
  for (let i = 0; i < SYMBOLS.length; i++) if (text.includes(SYMBOLS[i]![0])) return SYMBOLS[i]![1];
  for (let i = 0; i < BY_COUNTRY_ENTRIES.length; i++) {
    const [sym, table] = BY_COUNTRY_ENTRIES[i]!;
    if (!text.includes(sym)) continue;
    if (hints.currency && Object.values(table).includes(hints.currency)) return hints.currency;
    for (const c of countries(hints)) if (table[c]) return table[c];
    return undefined;
  }
  return undefined;
}

// A number as written: digits with optional group separators (. , space, thin space, ', ’) and decimals.
const NUMBER = /\d{1,3}(?:[.,\s\u00a0\u202f'’]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?/g;

/** Reads "1.299,00" / "1,299.00" / "24.990" / "19.50" into a number, given the currency if known. */
export function parseAmount(raw: string, currency?: string): number | undefined {
  const s = raw.replace(/[\s\u00a0\u202f'’]/g, '');
  if (!/^\d[\d.,]*$/.test(s)) return undefined;
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  let decimalSep: string | undefined;
  if (lastDot >= 0 && lastComma >= 0) decimalSep = lastDot > lastComma ? '.' : ',';
  else if (lastDot >= 0 || lastComma >= 0) {
    const sep = lastDot >= 0 ? '.' : ',';
    const parts = s.split(sep);
    const tail = parts[parts.length - 1]!;
    if (parts.length > 2) decimalSep = undefined; // "1.234.567": groups only
    else if (tail.length === 3) decimalSep = currency && THREE_DECIMALS.has(currency) ? sep : undefined;
    else decimalSep = sep;
  }
  let normalised = s;
  if (decimalSep) {
    const group = decimalSep === '.' ? ',' : '.';
    normalised = s.split(group).join('');
    if (decimalSep === ',') normalised = normalised.replace(',', '.');
  } else normalised = s.replace(/[.,]/g, '');
  const n = Number(normalised);
  if (!Number.isFinite(n)) return undefined;
  return currency && ZERO_DECIMALS.has(currency) ? Math.round(n) : n;
}

const FROM = /\b(from|ab|dès|desde|a partir de|vanaf|od|från|fra)\b/i;

/** Finds the price in a piece of text; undefined when there is no number that reads as one. */
export function parsePrice(raw: unknown, hints: PriceHints = {}): ParsedPrice | undefined {
  // Markup puts anything here ({}, {"@value": …}, arrays, numbers); only a string or a number is read.
  const text = scalar(raw);
  if (text === undefined) return undefined;
  if (typeof text === 'number') return Number.isFinite(text) && text >= 0 ? { amount: text, currency: hints.currency } : undefined;
  const t = text.slice(0, 200);
  const currency = currencyOf(t, hints) ?? hints.currency;
  const numbers = t.match(NUMBER);
  if (!numbers) return undefined;
  const amounts = numbers.map((n) => parseAmount(n.trim(), currency)).filter((n): n is number => n !== undefined);
  if (!amounts.length) return undefined;
  const isRange = FROM.test(t) || (amounts.length >= 2 && /\d\s*(-|–|—|to|bis|à)\s*\D{0,4}\d/i.test(t));
  const amount = isRange ? Math.min(...amounts.slice(0, 2)) : amounts[0]!;
  return { amount, ...(currency ? { currency } : {}), ...(isRange ? { isRange } : {}) };
}

/** How many numbers a piece of text holds, as prices are written ("1.299,00" is one). */
export function amountCount(text: string): number {
  return text.slice(0, 400).match(NUMBER)?.length ?? 0;
}

/** Whether visible text writes this amount (as any of its numbers, read as prices are). */
export function showsAmount(text: string, amount: number, currency?: string): boolean {
  for (const n of text.slice(0, 2000).match(NUMBER) ?? []) {
    const a = parseAmount(n.trim(), currency);
    if (a !== undefined && Math.abs(a - amount) < 0.005) return true;
  }
  return false;
}

/** True when a piece of text looks like a price on its own (a currency mark next to a number). */
export function looksLikePrice(text: string): boolean {
  if (text.length > 60) return false;
  return /\d/.test(text) && (currencyOf(text) !== undefined || /[$¥元円]|\bkr\b/.test(text));
}

/**
 * The text of a price element as the shopper reads it. Shops set the cents apart
 * ("$229<sup>99</sup>", "229<span class=cents>99</span> €"): read as one run of text that would be
 * 22999, so a two-digit child right after the integer part is joined with a decimal point.
 */
export function priceTextOf(el: Element, max = 200): string {
  let out = '';
  const nodes = el.childNodes;
  for (let i = 0; i < nodes.length && out.length < max; i++) {
    const n = nodes[i]!;
    const t = n.textContent ?? '';
    if (n.nodeType === 1 && /^\s*\d{2}\s*$/.test(t) && /\d\s*$/.test(out) && !/[.,]\d{1,2}\s*$/.test(out)) out = `${out.trimEnd()}.${t.trim()}`;
    else out += t;
  }
  return out.replace(/[\s\u00a0]+/g, ' ').trim().slice(0, max);
}

/** Codes withdrawn from ISO 4217 that shops still write, and what replaced them. */
const WITHDRAWN: Record<string, string> = { RUR: 'RUB', BYR: 'BYN', TRL: 'TRY', ROL: 'RON', MXP: 'MXN', VEF: 'VES', GHC: 'GHS', ZMK: 'ZMW', MRO: 'MRU', STD: 'STN' };

/** A currency code as markup writes it ("eur", " RUR "): upper-cased, withdrawn codes replaced, else undefined. */
export function normaliseCurrency(raw: unknown): string | undefined {
  const v = scalar(raw);
  if (typeof v !== 'string') return undefined;
  const c = v.trim().toUpperCase();
  if (/^[A-Z]{3}$/.test(c)) return WITHDRAWN[c] ?? c;
  // A mark written in the markup ("€", "US$", "euro"): the one table the background reads too.
  return currencyFromMark(v);
}
