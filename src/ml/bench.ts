// The model side of `npm run bench`, one phase per request, so that the bench can read the
// process's CPU time and memory (from /proc) between phases: load, the whole image pipeline (fetch,
// decode, preprocess, run, normalise) and the bare session.run on the same prepared batch, then the
// same for titles. The difference between a pipeline phase and its bare phase is what the pipeline adds.
import type { Tensor } from '@huggingface/transformers';
import type { Dtype } from '../shared/model-index.ts';
import { embedImages, embedTexts, IMAGE_SUB_BATCH, pixelsOf, TITLE_SUB_BATCH, type Loaded } from './runtime.ts';
import { fetchBitmap } from './decode.ts';

export type BenchPhase = 'load' | 'images' | 'images-raw' | 'titles' | 'titles-raw';

export interface BenchAsk {
  phase: BenchPhase;
  imageUrls: string[];
  titles: string[];
  /** Image URLs per request, as the queue sends them (BATCH.image). */
  batch: number;
  dtype?: Dtype;
}

export interface BenchResult {
  phase: BenchPhase;
  /** Inside the ML document, for this phase. */
  wallMs: number;
  count: number;
  errors: number;
  /** Tokens per title, padding included (titles phases). */
  tokens?: number;
  loadMs: number;
  /** When each part of the load was done (runtime.ts's LoadSteps). */
  loadSteps: Record<string, number>;
  subBatch: number;
}

interface OrtSession { run(feeds: Record<string, unknown>): Promise<unknown> }
const sessionOf = (model: unknown): OrtSession => (model as { sessions: { model: OrtSession } }).sessions.model;
const ort = (t: Tensor) => (t as unknown as { ort_tensor: unknown }).ort_tensor;

function chunks<T>(xs: T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Titles per request, as the queue sends them (BATCH.text); the runtime runs them TITLE_SUB_BATCH at a time. */
const TITLE_BATCH = 64;
let prepared: { pixels: unknown; count: number } | undefined;

async function phase(m: Loaded, a: BenchAsk): Promise<Omit<BenchResult, 'wallMs' | 'phase' | 'loadMs' | 'loadSteps' | 'subBatch'>> {
  switch (a.phase) {
    case 'load':
      return { count: 0, errors: 0 };
    case 'images': {
      let errors = 0;
      for (const b of chunks(a.imageUrls, a.batch)) errors += (await embedImages(m, b)).filter((r) => 'error' in r).length;
      // The bare phase's input, made here so that its CPU time is session.run alone.
      const first = a.imageUrls.slice(0, IMAGE_SUB_BATCH);
      prepared = { pixels: ort(await pixelsOf(m, await Promise.all(first.map((u) => fetchBitmap(u))))), count: first.length };
      return { count: a.imageUrls.length, errors };
    }
    case 'images-raw': {
      // The pipeline's first sub-batch, run as often as the pipeline ran sub-batches.
      if (!prepared) throw new Error('run the images phase first: it prepares the bare phase\'s input'); // not shown to the shopper
      const vision = sessionOf(m.vision);
      const runs = Math.ceil(a.imageUrls.length / IMAGE_SUB_BATCH);
      for (let i = 0; i < runs; i++) await vision.run({ pixel_values: prepared.pixels });
      return { count: runs * prepared.count, errors: 0 };
    }
    case 'titles': {
      let tokens = 0;
      for (const b of chunks(a.titles, TITLE_BATCH)) {
        tokens = Math.max(tokens, (m.tokenizer(b.slice(0, 1)) as { input_ids: Tensor }).input_ids.dims[1]!);
        await embedTexts(m, b);
      }
      return { count: a.titles.length, errors: 0, tokens };
    }
    case 'titles-raw': {
      // The same runs as the pipeline makes (TITLE_SUB_BATCH titles each), the first one's ids for all.
      const batches = chunks(a.titles, TITLE_SUB_BATCH);
      const ids = m.tokenizer(batches[0] ?? [], { padding: true, truncation: true }) as { input_ids: Tensor; attention_mask: Tensor };
      const text = sessionOf(m.text);
      for (let i = 0; i < batches.length; i++) await text.run({ input_ids: ort(ids.input_ids), attention_mask: ort(ids.attention_mask) });
      return { count: batches.length * (batches[0]?.length ?? 0), errors: 0, tokens: ids.input_ids.dims[1] };
    }
  }
}

export async function runBench(m: Loaded, a: BenchAsk): Promise<BenchResult> {
  const t = performance.now();
  const r = await phase(m, a);
  return { phase: a.phase, wallMs: performance.now() - t, loadMs: m.loadMs, loadSteps: m.loadSteps, subBatch: IMAGE_SUB_BATCH, ...r };
}
