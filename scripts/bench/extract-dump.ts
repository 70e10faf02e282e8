// The extractor's whole output (every field of every product, the page kind, the cut flag) on every
// page of the real pages and of the Zyte benchmark, in Node (linkedom, as bench:extract reads them),
// written as one JSON file; with --against, compared page by page with an earlier dump. A change
// meant to make the extractor cheaper, not different, must leave it identical:
//   npx tsx scripts/bench/extract-dump.ts --out before.json
//   (change)
//   npx tsx scripts/bench/extract-dump.ts --out after.json --against before.json
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { extractPage } from '../../src/capture/extract/index.ts';
import { readTruths } from './extract-match.ts';
import { loadZyte, pageHtml } from './zyte.ts';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    against: { type: 'string' },
    pages: { type: 'string', default: '../shared/fixtures/real-pages' },
    zyte: { type: 'string', default: '../shared/fixtures/zyte-benchmark' },
  },
});

/** Page id → the extraction as JSON text (or the error it threw). */
const dump: Record<string, string> = {};

function run(id: string, html: string, url: string): void {
  const { document } = parseHTML(html);
  try {
    dump[id] = JSON.stringify(extractPage(document as unknown as Document, url));
  } catch (e) {
    dump[id] = `threw: ${(e as Error).message}`;
  }
}

// Read as bench:extract reads them (readTruths: a page that names only its host is read at https://host/).
for (const t of readTruths(values.pages)) run(`real-pages/${t.file}`, readFileSync(join(values.pages, t.file), 'utf8'), t.page_url);
for (const t of loadZyte(values.zyte).truths) run(`zyte/${t.key}`, pageHtml(values.zyte, t.key), t.url);

if (values.out) writeFileSync(values.out, JSON.stringify(dump, null, 1));
console.log(`${Object.keys(dump).length} pages extracted${values.out ? `, written to ${values.out}` : ''}`);
if (values.against) {
  const before = JSON.parse(readFileSync(values.against, 'utf8')) as Record<string, string>;
  const ids = new Set([...Object.keys(before), ...Object.keys(dump)]);
  let differ = 0;
  for (const id of ids) {
    if (before[id] === dump[id]) continue;
    differ++;
    console.log(`differs: ${id}\n  before: ${before[id]?.slice(0, 600)}\n  after:  ${dump[id]?.slice(0, 600)}`);
  }
  console.log(differ ? `${differ} of ${ids.size} pages differ from ${values.against}` : `identical on all ${ids.size} pages`);
  process.exitCode = differ ? 1 : 0;
}
