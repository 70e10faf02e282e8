// The native baseline in the same run: the same model files through onnxruntime-node (ONNX
// Runtime's C++ build, the one the "native" figures come from) on this CPU, 1 and 2 threads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

export interface NativeRow { threads: number; loadS: number; msPerPhoto: number; cpuMsPerPhoto: number; titlesPerSec: Record<number, number> }

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

const suffix = (dtype: string) => (dtype === 'q8' ? '_quantized' : dtype === 'fp16' ? '_fp16' : '');

export async function benchNative(modelDir: string, dtype: string, tokenLengths: number[], threads: number, photos = 16): Promise<NativeRow> {
  const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: threads, interOpNumThreads: 1, graphOptimizationLevel: 'all' };
  let t = performance.now();
  const vision = await ort.InferenceSession.create(readFileSync(join(modelDir, 'onnx', `vision_model${suffix(dtype)}.onnx`)), opts);
  const text = await ort.InferenceSession.create(readFileSync(join(modelDir, 'onnx', `text_model${suffix(dtype)}.onnx`)), opts);
  const loadS = (performance.now() - t) / 1000;
  const batch = 8;
  const pixels = new ort.Tensor('float32', Float32Array.from({ length: batch * 3 * 224 * 224 }, (_, i) => Math.sin(i)), [batch, 3, 224, 224]);
  await vision.run({ pixel_values: pixels });
  t = performance.now();
  let c = cpu();
  for (let i = 0; i < photos / batch; i++) await vision.run({ pixel_values: pixels });
  const msPerPhoto = (performance.now() - t) / photos;
  const cpuMsPerPhoto = ((cpu() - c) * 1000) / photos;
  const titlesPerSec: Record<number, number> = {};
  for (const len of tokenLengths) {
    const n = 64;
    const ids = new ort.Tensor('int64', BigInt64Array.from({ length: n * len }, (_, i) => BigInt(i % len === 0 ? 1 : i % len === len - 1 ? 2 : 100 + (i % 500))), [n, len]);
    const mask = new ort.Tensor('int64', new BigInt64Array(n * len).fill(1n), [n, len]);
    await text.run({ input_ids: ids, attention_mask: mask });
    t = performance.now();
    for (let i = 0; i < 2; i++) await text.run({ input_ids: ids, attention_mask: mask });
    titlesPerSec[len] = (2 * n) / ((performance.now() - t) / 1000);
  }
  await vision.release();
  await text.release();
  return { threads, loadS, msPerPhoto, cpuMsPerPhoto, titlesPerSec };
}
