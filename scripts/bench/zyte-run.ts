// bench:extract --zyte DIR: Carryover's extractor on the benchmark's pages (Node + linkedom, page
// scripts not run, each page read as at its own URL), scored beside the peers' saved outputs.
import { parseHTML } from 'linkedom';
import { extractPage } from '../../src/capture/extract/index.ts';
import { loadZyte, pageHtml, scoreZyte, ZYTE_FIELDS, type FieldScore, type ZyteAnswer, type ZyteField } from './zyte.ts';

const AVAILABILITY: Record<string, string> = { in_stock: 'InStock', out_of_stock: 'OutOfStock' };

/** Our product page answer in the benchmark's shape. */
export function zyteAnswerOf(html: string, url: string): ZyteAnswer {
  const { document } = parseHTML(html);
  const page = extractPage(document as unknown as Document, url);
  const p = page.kind === 'product' ? page.products[0] : undefined;
  if (!p) return {};
  const out: ZyteAnswer = {};
  if (p.price !== undefined) out.price = String(p.price);
  if (p.sku) out.sku = p.sku;
  if (p.availability && AVAILABILITY[p.availability]) out.availability = AVAILABILITY[p.availability];
  if (p.brand) out.brand = p.brand;
  if (p.currency) out.currency = p.currency;
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export function runZyte(dir: string, opts: { json: boolean; errors: boolean }): void {
  const { truths, peers } = loadZyte(dir);
  const answers: Record<string, ZyteAnswer> = {};
  const times: number[] = [];
  let threw = 0;
  for (const t of truths) {
    const html = pageHtml(dir, t.key);
    const t0 = performance.now();
    try {
      answers[t.key] = zyteAnswerOf(html, t.url);
    } catch (e) {
      threw++;
      console.error(`${t.key}: extractor threw: ${(e as Error).stack ?? String(e)}`);
      answers[t.key] = {};
    }
    times.push(performance.now() - t0);
  }
  const mine = scoreZyte(truths, answers);
  const rows: [string, Record<ZyteField, FieldScore>][] = [['carryover', mine.fields]];
  for (const [name, out] of Object.entries(peers)) rows.push([name, scoreZyte(truths, out).fields]);

  if (opts.json) {
    console.log(JSON.stringify({
      pages: truths.length, threw, msPerPageMedian: Math.round(median(times) * 100) / 100,
      f1: Object.fromEntries(rows.map(([n, f]) => [n, f])),
      ...(opts.errors ? { errors: mine.errors } : {}),
    }));
    return;
  }
  const cell = (s: FieldScore) => `${s.f1.toFixed(3)} ± ${s.f1Std.toFixed(3)}`;
  console.log(`${truths.length} pages of the product extraction benchmark from ${dir} (Node + linkedom, page scripts not run)\n`);
  console.log(`F1 (± bootstrap std over pages), the benchmark's metric; support: ${ZYTE_FIELDS.map((f) => `${f} ${mine.fields[f].support}`).join(', ')}\n`);
  console.log(`| extractor | ${ZYTE_FIELDS.join(' | ')} |`);
  console.log(`|---|${ZYTE_FIELDS.map(() => '---').join('|')}|`);
  for (const [name, f] of rows) console.log(`| ${name} | ${ZYTE_FIELDS.map((x) => cell(f[x])).join(' | ')} |`);
  console.log(`\ncarryover: ${threw} pages threw; median ${median(times).toFixed(1)} ms per page (parse included)`);
  if (opts.errors) {
    console.log('\nfield\tgot\ttruth\tpage\turl');
    for (const e of mine.errors) console.log(`${e.field}\t${JSON.stringify(e.got)}\t${JSON.stringify(e.truth)}\t${e.key.slice(0, 12)}\t${e.url}`);
  }
}
