// Puts one model folder (transformers.js layout) into the build under models/<name>/, with
// models/index.json saying which model it is, its files, sizes and SHA-256, and its dtypes. The
// extension reads that index; with no model bundled it says so and the options page offers the
// download instead.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { ModelIndex } from '../../src/shared/model-index.ts';

const DTYPE_SUFFIX: Record<string, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export function describeModel(dir: string): ModelIndex['model'] & object {
  const name = basename(resolve(dir));
  const files = walk(dir)
    .map((p) => relative(dir, p).split('\\').join('/'))
    .filter((p) => /\.(json|onnx|onnx_data)$/.test(p))
    .sort()
    .map((path) => {
      const data = readFileSync(join(dir, path));
      return { path, size: data.length, sha256: createHash('sha256').update(data).digest('hex') };
    });
  const has = (p: string) => files.some((f) => f.path === p);
  for (const need of ['config.json', 'preprocessor_config.json', 'tokenizer.json']) {
    if (!has(need)) throw new Error(`model folder ${dir} has no ${need}: is it in transformers.js layout?`);
  }
  const dtypes = Object.entries(DTYPE_SUFFIX)
    .filter(([, s]) => has(`onnx/vision_model${s}.onnx`) && has(`onnx/text_model${s}.onnx`))
    .map(([d]) => d as 'fp32' | 'fp16' | 'q8');
  if (!dtypes.length) throw new Error(`model folder ${dir} has no onnx/vision_model*.onnx with a matching text_model*.onnx`);
  const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { carryover?: { test_model?: boolean } };
  // The id changes whenever any file does, so that stored vectors of another model are re-made.
  const digest = createHash('sha256').update(files.map((f) => f.sha256).join()).digest('hex').slice(0, 12);
  return { id: `${name}@${digest}`, name, dtypes, testModel: !!config.carryover?.test_model, files };
}

/** Which folder a build bundles: CARRYOVER_MODEL if set, the test model in test builds, else the
 * real model when `npm run models` has fetched it. */
export function modelDirFor(mode: string): string | undefined {
  if (process.env.CARRYOVER_MODEL === 'none') return undefined;
  if (process.env.CARRYOVER_MODEL) return resolve(process.env.CARRYOVER_MODEL);
  if (mode.endsWith('-test')) return resolve('models/carryover-test-clip');
  const real = resolve('models/clip-vit-base-patch32');
  return existsSync(join(real, 'config.json')) ? real : undefined;
}

export function bundleModel(dir: string | undefined, ensure?: (dir: string) => void): Plugin {
  return {
    name: 'carryover:bundle-model',
    apply: 'build',
    writeBundle(options) {
      const out = join(options.dir!, 'models');
      mkdirSync(out, { recursive: true });
      let index: ModelIndex = { model: null };
      if (dir) {
        if (!existsSync(join(dir, 'config.json'))) ensure?.(dir);
        const model = describeModel(dir);
        for (const f of model.files) {
          mkdirSync(join(out, model.name, f.path, '..'), { recursive: true });
          copyFileSync(join(dir, f.path), join(out, model.name, f.path));
        }
        index = { model };
      }
      writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 2));
    },
  };
}
