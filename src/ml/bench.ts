// Measures the embedding pipeline against the bare ONNX sessions of the same loaded model, in the
// same run: images/s and titles/s end to end (fetch, decode, preprocess, run, normalise) and
// through session.run alone on an already-prepared batch. The difference is what the pipeline adds.
import type { Tensor } from '@huggingface/transformers';
import { embedImages, embedTexts, IMAGE_SUB_BATCH, pixelsOf, type Loaded } from './runtime.ts';
import { fetchBitmap } from './decode.ts';

interface OrtSession { run(feeds: Record<string, unknown>): Promise<unknown> }
const sessionOf = (model: unknown): OrtSession => (model as { sessions: { model: OrtSession } }).sessions.model;
const ort = (t: Tensor) => (t as unknown as { ort_tensor: unknown }).ort_tensor;

export interface BenchResult {
  images: number;
  titles: number;
  requestSize: number;
  subBatch: number;
  pipelineImagesPerSec: number;
  rawImagesPerSec: number;
  pipelineTitlesPerSec: number;
  rawTitlesPerSec: number;
  imageErrors: number;
}

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return (performance.now() - t) / 1000;
}

/** `requestSize`: image URLs per request, as the queue sends them (BATCH.image). */
export async function runBench(m: Loaded, imageUrls: string[], titles: string[], requestSize: number): Promise<BenchResult> {
  const imageBatches = chunks(imageUrls, IMAGE_SUB_BATCH);
  const titleBatches = chunks(titles, 64);
  // Warm up both towers (first runs compile shaders and allocate).
  await embedImages(m, imageBatches[0] ?? []);
  await embedTexts(m, titleBatches[0] ?? []);

  // The queue sends up to BATCH.image URLs per request; the runtime sub-batches them.
  let imageErrors = 0;
  const pipeImg = await timed(async () => {
    for (const b of chunks(imageUrls, requestSize)) imageErrors += (await embedImages(m, b)).filter((r) => 'error' in r).length;
  });
  const pipeTxt = await timed(async () => {
    for (const b of titleBatches) await embedTexts(m, b);
  });

  // The same amount of work through the bare sessions, inputs prepared beforehand.
  const first = await Promise.all((imageBatches[0] ?? []).map((u) => fetchBitmap(u)));
  const firstCount = first.length;
  const pixels = ort(await pixelsOf(m, first));
  const vision = sessionOf(m.vision);
  const rawImg = await timed(async () => {
    for (let i = 0; i < imageBatches.length; i++) await vision.run({ pixel_values: pixels });
  });
  const tokens = m.tokenizer(titleBatches[0] ?? [], { padding: true, truncation: true }) as { input_ids: Tensor; attention_mask: Tensor };
  const text = sessionOf(m.text);
  const rawTxt = await timed(async () => {
    for (let i = 0; i < titleBatches.length; i++) await text.run({ input_ids: ort(tokens.input_ids), attention_mask: ort(tokens.attention_mask) });
  });
  const fullImages = imageBatches.length * firstCount;
  const fullTitles = titleBatches.length * (titleBatches[0]?.length ?? 0);
  return {
    images: imageUrls.length,
    titles: titles.length,
    requestSize,
    subBatch: IMAGE_SUB_BATCH,
    pipelineImagesPerSec: imageUrls.length / pipeImg,
    rawImagesPerSec: fullImages / rawImg,
    pipelineTitlesPerSec: titles.length / pipeTxt,
    rawTitlesPerSec: fullTitles / rawTxt,
    imageErrors,
  };
}
