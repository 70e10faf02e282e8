// Zyte's product extraction benchmark (../shared/fixtures/zyte-benchmark) scored with the
// benchmark's own metric (its evaluate.py): per attribute, a page is a TP when the predicted value is
// one of the true ones, an FP when a value is predicted that is not among them (and then also an FN
// when a true value exists), an FN when a true value exists and nothing was predicted; F1 from the
// counts summed over pages; the spread is the standard deviation of F1 over 1000 bootstrap
// resamples of the pages (seeded, as there). Price is compared as a decimal number. Brand and
// currency are not in the published table; they are scored the same way, currency after mapping the
// truth's symbol ("€", "Rs", "$") to ISO codes by the same reader the extractor uses for prices.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { currencyOf } from '../../src/capture/extract/price.ts';

export const ZYTE_FIELDS = ['price', 'sku', 'availability', 'brand', 'currency'] as const;
export type ZyteField = (typeof ZYTE_FIELDS)[number];

/** One extractor's answer for one page, in the benchmark's shape (strings, or absent). */
export type ZyteAnswer = Partial<Record<ZyteField, string>>;

export interface ZyteTruth {
  key: string;
  url: string;
  values: Partial<Record<ZyteField, string[]>>;
}

export interface ZytePage extends ZyteTruth {
  html: string;
}

export function loadZyte(dir: string): { truths: ZyteTruth[]; peers: Record<string, Record<string, ZyteAnswer>> } {
  const raw = JSON.parse(readFileSync(join(dir, 'ground-truth.json'), 'utf8')) as Record<string, Record<string, unknown>>;
  const truths: ZyteTruth[] = Object.entries(raw).map(([key, t]) => ({
    key,
    url: String(t.url),
    values: Object.fromEntries(ZYTE_FIELDS.map((f) => [f, Array.isArray(t[f]) ? (t[f] as unknown[]).map(String) : []])),
  }));
  const peers: Record<string, Record<string, ZyteAnswer>> = {};
  for (const file of readdirSync(join(dir, 'output')).filter((f) => f.endsWith('.json')).sort()) {
    const out = JSON.parse(readFileSync(join(dir, 'output', file), 'utf8')) as Record<string, Record<string, unknown>>;
    peers[file.replace(/\.json$/, '')] = Object.fromEntries(Object.entries(out).map(([k, v]) => [
      k,
      Object.fromEntries(ZYTE_FIELDS.flatMap((f) => (typeof v[f] === 'string' || typeof v[f] === 'number' ? [[f, String(v[f])]] : []))),
    ]));
  }
  return { truths, peers };
}

export function pageHtml(dir: string, key: string): string {
  return gunzipSync(readFileSync(join(dir, 'html', `${key}.html.gz`))).toString('utf8');
}

/** Currency marks the price reader does not know as such (they never stand alone on a price there). */
const MARKS: Record<string, string> = { kn: 'HRK', lei: 'RON', '원': 'KRW', 'тг': 'KZT', '$': 'USD' };

/** The ISO code a currency value names, read as on a page at `url` ("$" on a .ca page is CAD). */
export function currencyCode(v: string, url: string): string | undefined {
  const s = v.trim();
  if (/^[A-Z]{3}$/.test(s)) return s;
  const host = new URL(url).hostname;
  const byReader = currencyOf(s, { host });
  if (byReader) return byReader === 'RUR' ? 'RUB' : byReader;
  const bare = s.toLowerCase().replace(/[.~\s]+$/g, '');
  return MARKS[bare] ?? MARKS[s];
}

type Counts = [tp: number, fp: number, fn: number];

function matches(field: ZyteField, truth: string[], pred: string, url: string): boolean {
  if (field === 'price') return truth.some((t) => Math.abs(Number(t) - Number(pred)) < 1e-9);
  if (field === 'currency') {
    const p = currencyCode(pred, url);
    return !!p && truth.some((t) => currencyCode(t, url) === p);
  }
  if (field === 'brand') return truth.some((t) => t.trim() === pred.trim());
  return truth.includes(pred);
}

/** The benchmark's hard matching for one page and field. */
export function countsOf(field: ZyteField, truth: string[], pred: string | undefined, url: string): Counts {
  if (pred === undefined || pred === '') return [0, 0, truth.length ? 1 : 0];
  if (matches(field, truth, pred, url)) return [1, 0, 0];
  return [0, 1, truth.length ? 1 : 0];
}

function f1Of(list: Counts[]): { f1: number; precision: number; recall: number } {
  let tp = 0, fp = 0, fn = 0;
  for (const [a, b, c] of list) { tp += a; fp += b; fn += c; }
  // As evaluate.py: nothing to find and nothing wrongly found is perfect.
  const precision = fp === 0 && fn === 0 ? 1 : tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = fp === 0 && fn === 0 ? 1 : tp + fn === 0 ? 0 : tp / (tp + fn);
  return { f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0, precision, recall };
}

/** A small seeded generator, so the spread is the same from run to run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FieldScore {
  f1: number;
  f1Std: number;
  precision: number;
  recall: number;
  support: number;
}

export interface ZyteError {
  key: string;
  url: string;
  field: ZyteField;
  truth: string[];
  got: string | undefined;
}

export function scoreZyte(truths: ZyteTruth[], answers: Record<string, ZyteAnswer>, nBootstrap = 1000): { fields: Record<ZyteField, FieldScore>; errors: ZyteError[] } {
  const fields = {} as Record<ZyteField, FieldScore>;
  const errors: ZyteError[] = [];
  for (const field of ZYTE_FIELDS) {
    const counts = truths.map((t) => {
      const got = answers[t.key]?.[field];
      const c = countsOf(field, t.values[field] ?? [], got, t.url);
      if (c[1] || c[2]) errors.push({ key: t.key, url: t.url, field, truth: t.values[field] ?? [], got });
      return c;
    });
    const rand = mulberry32(42);
    const boot: number[] = [];
    for (let b = 0; b < nBootstrap; b++) {
      const sample: Counts[] = [];
      for (let i = 0; i < counts.length; i++) sample.push(counts[Math.floor(rand() * counts.length)]!);
      boot.push(f1Of(sample).f1);
    }
    const mean = boot.reduce((s, x) => s + x, 0) / (boot.length || 1);
    const std = boot.length > 1 ? Math.sqrt(boot.reduce((s, x) => s + (x - mean) ** 2, 0) / (boot.length - 1)) : 0;
    fields[field] = { ...f1Of(counts), f1Std: std, support: truths.filter((t) => (t.values[field] ?? []).length).length };
  }
  return { fields, errors };
}
