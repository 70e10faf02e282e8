// The same CLIP code path in Node (transformers.js with onnxruntime-node) for real datasets: text =
// title + brand + category, image from a local file, fused as in the extension. Vectors are cached
// on disk beside the data, keyed by the model's id, so a second run does not embed again.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AutoProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env, RawImage, type Tensor } from '@huggingface/transformers';
import { fuse, normalize } from '../../src/shared/vector.ts';
import type { Embedder } from '../../src/eval/loaders/files.ts';
import { describeModel } from './bundle-model.ts';

export async function nodeEmbedder(modelDir: string, cacheDir?: string): Promise<Embedder> {
  const model = describeModel(modelDir);
  env.allowRemoteModels = false;
  env.localModelPath = dirname(modelDir);
  const name = basename(modelDir);
  const dtype = model.dtypes.includes('q8') ? 'q8' : model.dtypes[0]!;
  const [processor, tokenizer, vision, text] = await Promise.all([
    AutoProcessor.from_pretrained(name), AutoTokenizer.from_pretrained(name),
    CLIPVisionModelWithProjection.from_pretrained(name, { dtype }), CLIPTextModelWithProjection.from_pretrained(name, { dtype }),
  ]);
  const rows = (t: Tensor) => {
    const d = t.dims[1]!;
    return Array.from({ length: t.dims[0]! }, (_, i) => normalize((t.data as Float32Array).subarray(i * d, (i + 1) * d)));
  };
  return async (items) => {
    const cachePath = cacheDir && join(cacheDir, `.carryover-vectors-${model.id}.json`);
    const cache: Record<string, { t?: number[]; i?: number[] }> = cachePath && existsSync(cachePath) ? JSON.parse(readFileSync(cachePath, 'utf8')) : {};
    const todo = items.filter((it) => !cache[it.id]);
    for (let b = 0; b < todo.length; b += 32) {
      const batch = todo.slice(b, b + 32);
      const texts = rows(((await text(tokenizer(batch.map((x) => x.text || ' '), { padding: true, truncation: true }))) as { text_embeds: Tensor }).text_embeds);
      batch.forEach((x, i) => (cache[x.id] = { t: Array.from(texts[i]!) }));
      for (const x of batch.filter((y) => y.imagePath)) {
        const img = await RawImage.read(x.imagePath!);
        cache[x.id]!.i = Array.from(rows(((await vision(await processor(img))) as { image_embeds: Tensor }).image_embeds)[0]!);
      }
    }
    if (cachePath && todo.length) writeFileSync(cachePath, JSON.stringify(cache));
    return new Map(items.map((it) => {
      const c = cache[it.id]!;
      const t = c.t && Float32Array.from(c.t);
      const i = c.i && Float32Array.from(c.i);
      return [it.id, { vector: fuse(i, t), text: t, image: i }];
    }));
  };
}
