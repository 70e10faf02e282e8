// The CLIP runtime: transformers.js over ONNX Runtime Web, loaded once and lazily per model, on the
// backend chosen once (WebGPU, else WASM) with the reason kept. ONNX Runtime's own files are bundled
// with the extension; nothing is fetched from a CDN. Calls run one after another (a queue), because
// one session cannot run two batches at once.
import {
  AutoProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env,
  type PreTrainedModel, type Processor, type PreTrainedTokenizer, type Tensor,
} from '@huggingface/transformers';
import asyncifyWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import asyncifyMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import plainWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import plainMjsUrl from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import type { Dtype, ModelDescription } from '../shared/model-index.ts';
import { normalize } from '../shared/vector.ts';
import { chooseBackend, type BackendChoice } from './backend.ts';
import { threadsFor } from './threads.ts';
import { fetchBitmap } from './decode.ts';
import { withDeadline } from '../shared/deadline.ts';
import { causeOf, PhraseError, type Phrase } from '../shared/phrase.ts';
import { clipPrepOf, pixelsOfBitmaps, rawImageOf, type ClipPrep } from './preprocess.ts';
import { earlyTextRead } from './early-read.ts';
import { modelFetch } from './model-files.ts';
import { thumbnailOf } from './thumbnail.ts';

const abs = (u: string) => new URL(u, location.href).href;
env.allowLocalModels = true;
env.allowRemoteModels = false; // the model comes from the extension or the shopper's download, never a hub
env.localModelPath = '/models/';
env.useBrowserCache = false;
env.useWasmCache = false; // the Cache API refuses chrome-extension: URLs
// The text model's file is read while the vision session is built (early-read.ts).
const files = earlyTextRead(modelFetch);
env.fetch = files.fetch;

const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
const isolated = globalThis.crossOriginIsolated === true;
const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
/** This document's WebAssembly threads, and what they follow from (the options page shows both). */
export const threading = { ...threadsFor(isolated, cores), isolated, cores };
if (onnx.wasm) onnx.wasm.numThreads = threading.threads;

/** Which ONNX Runtime WebAssembly build this document runs; fixed by the first session created. */
export type OrtBuild = 'plain SIMD' | 'asyncify';
let ortBuild: OrtBuild | undefined;

/** The asyncify build is the one that can await WebGPU from inside a kernel; for WebAssembly alone the
 * plain SIMD build does the same work with about a third of the CPU time at real size (measured with
 * the twin model in onnxruntime-web: 290–330 against 870–1080 ms CPU per q8 photo), and is half the
 * bytes. A document that fell back from WebGPU keeps the asyncify build it has loaded. */
function useBuildFor(backend: BackendChoice['backend']): OrtBuild {
  if (ortBuild || !onnx.wasm) return ortBuild ?? 'asyncify';
  ortBuild = backend === 'webgpu' ? 'asyncify' : 'plain SIMD';
  onnx.wasm.wasmPaths = ortBuild === 'asyncify'
    ? { wasm: abs(asyncifyWasmUrl), mjs: abs(asyncifyMjsUrl) }
    : { wasm: abs(plainWasmUrl), mjs: abs(plainMjsUrl) };
  return ortBuild;
}

export type BackendOverride = 'auto' | 'webgpu' | 'wasm';

export interface Loaded {
  model: ModelDescription;
  choice: BackendChoice;
  processor: Processor;
  tokenizer: PreTrainedTokenizer;
  vision: PreTrainedModel;
  text: PreTrainedModel;
  /** CLIP's steps done on a canvas; undefined when the model's preprocessing needs transformers.js's own. */
  prep: ClipPrep | undefined;
  loadMs: number;
  loadSteps: LoadSteps;
}

let current: { key: string; loading: Promise<Loaded> } | undefined;
let chain: Promise<unknown> = Promise.resolve();

/** Runs `f` after every call queued before it. */
export function queued<T>(f: () => Promise<T>): Promise<T> {
  const run = chain.then(f, f);
  chain = run.catch(() => undefined);
  return run;
}

function pickDtype(wanted: Dtype, available: readonly Dtype[]): { dtype: Dtype; note: string } {
  if (available.includes(wanted)) return { dtype: wanted, note: '' };
  const dtype = available[0]!;
  return { dtype, note: `; this model has no ${wanted} files, so ${dtype}` }; // not shown to the shopper
}

/** When each part of a load was ready (processor, tokenizer, vision, text), in ms from its start.
 * The bench prints them; nothing else reads them. */
export type LoadSteps = Record<string, number>;

async function loadOn(model: ModelDescription, choice: BackendChoice) {
  useBuildFor(choice.backend);
  const started = performance.now();
  const steps: LoadSteps = {};
  const mark = (what: string) => { steps[what] = Math.round(performance.now() - started); };
  // No progress callback: with one, transformers.js reads each file chunk by chunk into a buffer of
  // its own (and asks for the file's size first when the response has none); without, it takes the
  // whole response at once. At real size the chunked reads were 3.2 of the 5 s a q8 load took. (The
  // shopper's download shows its progress from the background; the files are local by now.)
  const opts = { device: choice.backend, dtype: choice.dtype };
  const timed = <T>(what: string, part: Promise<T>) => part.then((v) => { mark(what); return v; });
  files.onVisionRead = () => mark('vision file read'); // not shown to the shopper
  let parts;
  try {
    parts = await Promise.all([
      timed('processor', AutoProcessor.from_pretrained(model.name)),
      timed('tokenizer', AutoTokenizer.from_pretrained(model.name)),
      // One session after the other: the first one's temporary copies in ONNX Runtime's heap are free
      // again before the second model is parsed (the q8 load's PSS peak 555 → 512 MB, for 0.1 s).
      (async () => {
        const vision = await timed('vision', CLIPVisionModelWithProjection.from_pretrained(model.name, opts));
        return [vision, await timed('text', CLIPTextModelWithProjection.from_pretrained(model.name, opts))] as const;
      })(),
    ]);
  } finally {
    // A text file read early and never asked for (a load that failed first) is not kept.
    files.clear();
    files.onVisionRead = undefined;
  }
  const [processor, tokenizer, [vision, text]] = parts;
  return { processor, tokenizer, vision, text, steps };
}

/** The model, loaded once per (model, backend override, dtype); a failure is not cached, so a
 * retry retries. `dtype` forces one (the bench loads fp32 too); by default the backend's choice. */
export function load(model: ModelDescription, override: BackendOverride = 'auto', dtype?: Dtype): Promise<Loaded> {
  const key = `${model.id}|${override}|${dtype ?? ''}`;
  if (current?.key === key) return current.loading;
  const loading = (async () => {
    const started = performance.now();
    let choice = await chooseBackend();
    if (override === 'wasm' && choice.backend !== 'wasm') choice = { backend: 'wasm', dtype: 'q8', reason: 'WebAssembly chosen in the settings', why: { key: 'whyWasmChosen' } }; // not shown to the shopper
    if (override === 'webgpu' && choice.backend !== 'webgpu') throw new PhraseError({ key: 'errWebgpuChosenNone', subs: [choice.why] });
    if (dtype) choice = { ...choice, dtype, reason: `${choice.reason}; ${dtype} asked for` };
    const picked = pickDtype(choice.dtype, model.dtypes);
    choice = { ...choice, dtype: picked.dtype, reason: choice.reason + picked.note };
    // What the shopper reads when the model cannot load (the popup shows it as the products' why).
    const failed = (e: unknown) => new PhraseError({ key: 'errModelLoad', subs: [causeOf(e)] });
    let parts;
    try {
      parts = await loadOn(model, choice);
    } catch (e) {
      if (choice.backend !== 'webgpu' || override === 'webgpu') throw failed(e);
      // The adapter exists but the session could not be built on it: WebAssembly still works.
      const why = e instanceof Error ? e.message : String(e);
      const wasm = pickDtype('q8', model.dtypes);
      choice = { backend: 'wasm', dtype: wasm.dtype, reason: `WebGPU failed to load the model (${why.slice(0, 200)}), so WebAssembly${wasm.note}`, why: { key: 'whyWebgpuFailed', subs: [e instanceof PhraseError ? e.phrase : why.slice(0, 200)] }, adapter: choice.adapter }; // not shown to the shopper
      parts = await loadOn(model, choice).catch((e2: unknown) => { throw failed(e2); });
    }
    choice = { ...choice, reason: `${choice.reason}; ONNX Runtime's ${ortBuild ?? 'asyncify'} build${choice.backend === 'wasm' ? `, ${threading.why}` : ''}` };
    const cfg = (parts.processor as unknown as { image_processor?: { config?: Record<string, unknown> } }).image_processor?.config;
    const { steps, ...models } = parts;
    return { model, choice, ...models, prep: clipPrepOf(cfg), loadMs: performance.now() - started, loadSteps: steps };
  })();
  current = { key, loading };
  loading.catch(() => {
    if (current?.loading === loading) current = undefined;
  });
  return loading;
}

/** Lets the loaded model go (its sessions released); the next request loads it again. */
export async function unload(): Promise<void> {
  const was = current;
  current = undefined;
  if (!was) return;
  const m = await was.loading.catch(() => undefined);
  if (m) await Promise.all([m.vision.dispose(), m.text.dispose()]);
}

function rows(t: Tensor): Float32Array[] {
  const f = t.type === 'float32' ? t : t.to('float32');
  const [n, d] = f.dims as [number, number];
  const data = f.data as Float32Array;
  return Array.from({ length: n }, (_, i) => normalize(data.subarray(i * d, (i + 1) * d)));
}

export async function embedTexts(m: Loaded, texts: string[]): Promise<Float32Array[]> {
  if (!texts.length) return [];
  const inputs = m.tokenizer(texts, { padding: true, truncation: true });
  const out = (await m.text(inputs)) as { text_embeds: Tensor };
  return rows(out.text_embeds);
}

/** [B,3,H,W] pixel values for the bitmaps; the bitmaps are closed. */
export async function pixelsOf(m: Loaded, bitmaps: ImageBitmap[]): Promise<Tensor> {
  try {
    if (m.prep) return pixelsOfBitmaps(bitmaps, m.prep);
    return ((await m.processor(bitmaps.map(rawImageOf))) as { pixel_values: Tensor }).pixel_values;
  } finally {
    for (const b of bitmaps) b.close();
  }
}

export async function embedPixels(m: Loaded, pixels: Tensor): Promise<Float32Array[]> {
  const out = (await m.vision({ pixel_values: pixels })) as { image_embeds: Tensor };
  return rows(out.image_embeds);
}

/** A photo's vector, or why it has none (a phrase: the background says it in the shopper's words). */
export type ImageResult = { vector: Float32Array; thumb?: string } | { error: Phrase };

/** Images per session.run: large enough to use the backend well, small enough that decoding the
 * next ones (off the main thread, in the browser's decoder) overlaps with running these. */
export const IMAGE_SUB_BATCH = 8;

/** Encoding a 144 px thumbnail takes milliseconds; one that has not finished by then is skipped. */
const THUMB_MS = 10_000;

/** Every URL gets a vector or the reason it has none; one bad image does not fail the others. */
export async function embedImages(m: Loaded, urls: string[]): Promise<ImageResult[]> {
  // All fetches and decodes start now; inference takes them in order as they become ready.
  const decoding = urls.map((u) => fetchBitmap(u).then(
    (image) => ({ image }),
    (e: unknown) => ({ error: e instanceof PhraseError ? e.phrase : { key: 'errPhotoLoad', subs: [u, causeOf(e)] } satisfies Phrase }),
  ));
  const results: ImageResult[] = [];
  for (let i = 0; i < decoding.length; i += IMAGE_SUB_BATCH) {
    const decoded = await Promise.all(decoding.slice(i, i + IMAGE_SUB_BATCH));
    const ok = decoded.flatMap((d) => ('image' in d ? [d.image] : []));
    // The sidebar's thumbnails come from these very bitmaps (before pixelsOf closes them). A photo
    // whose thumbnail cannot be made is still embedded; the sidebar shows a plain square for it.
    const thumbs = await Promise.all(ok.map((b) => withDeadline(thumbnailOf(b), THUMB_MS, 'making a thumbnail').catch((e: unknown) => {
      console.warn('Carryover: no thumbnail', e);
      return undefined;
    })));
    const vectors = ok.length ? await embedPixels(m, await pixelsOf(m, ok)) : [];
    let k = 0;
    for (const d of decoded) {
      if ('image' in d) {
        results.push({ vector: vectors[k]!, thumb: thumbs[k] });
        k++;
      } else results.push(d);
    }
  }
  return results;
}
