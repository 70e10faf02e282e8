// npm run models [-- --repo Xenova/clip-vit-base-patch32] [-- --dtype q8,fp16] [-- --revision main]
// Downloads the real CLIP model into models/<name>/ in transformers.js layout, with a progress bar,
// size and SHA-256 checks, and resume after an interruption (run it again). The next build bundles it.
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_REPO } from '../src/shared/model-hub.ts';
import { DtypeSchema, type Dtype } from '../src/shared/model-index.ts';
import * as v from 'valibot';
import { downloadModel } from './lib/hub-download.ts';

const { values } = parseArgs({
  options: {
    repo: { type: 'string', default: DEFAULT_REPO },
    revision: { type: 'string', default: 'main' },
    dtype: { type: 'string', default: 'q8,fp16,fp32' },
    host: { type: 'string', default: process.env.CARRYOVER_HUB ?? DEFAULT_HOST },
    out: { type: 'string' },
  },
});

const mb = (b: number) => (b / 1e6).toFixed(1);

async function main() {
  const dtypes = values.dtype!.split(',').map((d) => {
    const r = v.safeParse(DtypeSchema, d.trim());
    if (!r.success) throw new Error(`--dtype ${d}: choose among fp32, fp16, q8`);
    return r.output as Dtype;
  });
  const out = resolve(values.out ?? join('models', basename(values.repo!)));
  console.log(`Downloading ${values.repo} (${dtypes.join(', ')}) from ${values.host} into ${out}`);
  const started = Date.now();
  let last = 0;
  const plan = await downloadModel({
    host: values.host!, repo: values.repo!, revision: values.revision!, dtypes, out,
    onProgress: (p) => {
      const now = Date.now();
      if (now - last < 200 && p.done !== p.total) return;
      last = now;
      const width = 30;
      const filled = Math.round((p.allDone / Math.max(p.allTotal, 1)) * width);
      const rate = p.allDone / Math.max((now - started) / 1000, 0.001);
      const line = `[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${mb(p.allDone)}/${mb(p.allTotal)} MB ${mb(rate)} MB/s  ${p.file}`;
      process.stdout.write(process.stdout.isTTY ? `\r${line.padEnd(100)}` : `${line}\n`);
    },
  });
  console.log(`\nDone: ${plan.length} files verified in ${out}. Run npm run build to bundle it.`);
}

main().catch((e: unknown) => {
  console.error(`\nnpm run models failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
