// The real-size stand-in's graphs, checked on a tiny shape (the full twin is hundreds of MB and is
// never generated here): transformers.js loads the folder and gives [B, projection] for both
// towers in fp32 and q8; q8 is ONNX Runtime's dynamic quantisation pattern; the text tower's mask
// and pooling make padding irrelevant.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env, Tensor } from '@huggingface/transformers';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { writeTwinModel } from '../../../scripts/make-twin-model.ts';
import { tinyShape } from '../../../scripts/twin-model/config.ts';

const root = mkdtempSync(join(tmpdir(), 'carryover-twin-'));
const shape = tinyShape(2, 16);
writeTwinModel(join(root, 'tiny-twin'), shape);
env.allowRemoteModels = false;
env.localModelPath = `${root}/`;
afterAll(() => rmSync(root, { recursive: true, force: true }));

const onnxFile = (name: string) => readFileSync(join(root, 'tiny-twin', 'onnx', name));
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) (d += a[i]! * b[i]!, na += a[i]! ** 2, nb += b[i]! ** 2);
  return d / Math.sqrt(na * nb);
};

describe('twin model (CLIP ViT-B/32 graphs, random weights)', () => {
  it.each(['fp32', 'q8'] as const)('loads through transformers.js and gives [B, %s projection] vectors', async (dtype) => {
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-twin');
    const text = await CLIPTextModelWithProjection.from_pretrained('tiny-twin', { dtype });
    const vision = await CLIPVisionModelWithProjection.from_pretrained('tiny-twin', { dtype });
    const t = (await text(tokenizer(['Red Floral Linen Dress', 'blue shirt'], { padding: true }))) as { text_embeds: Tensor };
    expect(t.text_embeds.dims).toEqual([2, shape.projection]);
    const pixels = new Tensor('float32', Float32Array.from({ length: 3 * 3 * 224 * 224 }, (_, i) => Math.sin(i)), [3, 3, 224, 224]);
    const v = (await vision({ pixel_values: pixels })) as { image_embeds: Tensor };
    expect(v.image_embeds.dims).toEqual([3, shape.projection]);
    expect([...(v.image_embeds.data as Float32Array)].every(Number.isFinite)).toBe(true);
  });

  it('q8 is dynamic quantisation: every weight MatMul is DynamicQuantizeLinear + MatMulInteger, and it stays close to fp32', async () => {
    const q8 = onnxFile('vision_model_quantized.onnx').toString('latin1');
    const count = (s: string, op: string) => s.split(op).length - 1;
    const layers = shape.vision.layers;
    // Six weight MatMuls per layer (q, k, v, out, fc1, fc2) and the projection.
    expect(count(q8, 'MatMulInteger')).toBeGreaterThanOrEqual(6 * layers + 1);
    expect(count(q8, 'DynamicQuantizeLinear')).toBeGreaterThanOrEqual(6 * layers + 1);
    const pixels = new ort.Tensor('float32', Float32Array.from({ length: 3 * 224 * 224 }, (_, i) => Math.cos(i / 7)), [1, 3, 224, 224]);
    const run = async (f: string) => ((await (await ort.InferenceSession.create(onnxFile(f))).run({ pixel_values: pixels })).image_embeds!.data as Float32Array);
    expect(cosine(await run('vision_model.onnx'), await run('vision_model_quantized.onnx'))).toBeGreaterThan(0.95);
  });

  it('text: padding does not change a title\'s vector (causal + padding mask, last real token pooled)', async () => {
    const session = await ort.InferenceSession.create(onnxFile('text_model.onnx'));
    const run = async (ids: number[], mask: number[]) => (await session.run({
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
      attention_mask: new ort.Tensor('int64', BigInt64Array.from(mask.map(BigInt)), [1, ids.length]),
    })).text_embeds!.data as Float32Array;
    const plain = await run([1, 40, 41, 42, 2], [1, 1, 1, 1, 1]);
    const padded = await run([1, 40, 41, 42, 2, 0, 0, 0], [1, 1, 1, 1, 1, 0, 0, 0]);
    expect(cosine(plain, padded)).toBeGreaterThan(0.9999);
    const other = await run([1, 40, 41, 43, 2], [1, 1, 1, 1, 1]);
    expect(cosine(plain, other)).toBeLessThan(0.9999);
  });
});
