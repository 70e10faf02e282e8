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
import { earlyRead, type Tower } from './early-read.ts';
import { modelFetch } from './model-files.ts';
import { splitFetch } from './split-weights.ts';
import { thumbnailOf } from './thumbnail.ts';
import { warmModel } from './warm-model.ts';
import { InferenceSession } from 'onnxruntime-web/webgpu';

const abs = (u: string) => new URL(u, location.href).href;
env.allowLocalModels = true;
env.allowRemoteModels = false; // the model comes from the extension or the shopper's download, never a hub
env.localModelPath = '/models/';
env.useBrowserCache = false;
env.useWasmCache = false; // the Cache API refuses chrome-extension: URLs
// One tower's model file is read while the other's session is built (early-read.ts), and each
// model file reaches ONNX Runtime as its graph and its weights (split-weights.ts).
const files = earlyRead(modelFetch);
const split = splitFetch(files.fetch);
env.fetch = split.fetch;
const forgetFiles = () => {
  split.clear();
  files.clear();
};

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

export type { Tower };

interface Base {
  model: ModelDescription;
  choice: BackendChoice;
  processor: Processor;
  tokenizer: PreTrainedTokenizer;
  /** CLIP's steps done on a canvas; undefined when the model's preprocessing needs transformers.js's own. */
  prep: ClipPrep | undefined;
}

/** The model with the towers `T` built (a tower is built when a request first needs it). */
export type Loaded<T extends Tower = Tower> = Base & { [K in T]: PreTrainedModel } & {
  /** Time this document spent building the towers built so far, in ms (the model card's "loaded in"). */
  loadMs: number;
  loadSteps: LoadSteps;
};

/** One model on one backend: its shared files, and its towers as they are built. */
interface Slot {
  key: string;
  started: number;
  /** The backend, known before the shared files are read: a tower's build needs only it. */
  choice: Promise<BackendChoice>;
  base: Promise<Base>;
  towers: Partial<Record<Tower, Promise<PreTrainedModel>>>;
  /** The last tower build asked for: builds go one after the other. */
  last: Promise<unknown>;
  /** Ms the load kept this document busy: each tower's build from when its turn came. */
  busyMs: number;
  steps: LoadSteps;
}

let current: Slot | undefined;
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

/** When each part of a load was ready (processor, tokenizer, text, vision, each file read), in ms
 * from its start. The bench prints them; nothing else reads them. */
export type LoadSteps = Record<string, number>;

/** The backend, the dtype and why, as the settings and the model allow. */
async function choiceFor(model: ModelDescription, override: BackendOverride, dtype: Dtype | undefined): Promise<BackendChoice> {
  let choice = await chooseBackend();
  if (override === 'wasm' && choice.backend !== 'wasm') choice = { backend: 'wasm', dtype: 'q8', reason: 'WebAssembly chosen in the settings', why: { key: 'whyWasmChosen' } }; // not shown to the shopper
  if (override === 'webgpu' && choice.backend !== 'webgpu') throw new PhraseError({ key: 'errWebgpuChosenNone', subs: [choice.why] });
  if (dtype) choice = { ...choice, dtype, reason: `${choice.reason}; ${dtype} asked for` };
  const picked = pickDtype(choice.dtype, model.dtypes);
  return { ...choice, dtype: picked.dtype, reason: choice.reason + picked.note };
}

/** The model on WebAssembly after WebGPU could not build one of its sessions. */
function wasmAfter(model: ModelDescription, was: BackendChoice, e: unknown): BackendChoice {
  const why = e instanceof Error ? e.message : String(e);
  const wasm = pickDtype('q8', model.dtypes);
  return { backend: 'wasm', dtype: wasm.dtype, reason: `WebGPU failed to load the model (${why.slice(0, 200)}), so WebAssembly${wasm.note}`, why: { key: 'whyWebgpuFailed', subs: [e instanceof PhraseError ? e.phrase : why.slice(0, 200)] }, adapter: was.adapter }; // not shown to the shopper
}

function newSlot(key: string, model: ModelDescription, choosing: Promise<BackendChoice>): Slot {
  const started = performance.now();
  const steps: LoadSteps = {};
  const mark = (what: string) => { steps[what] = Math.round(performance.now() - started); };
  const timed = <T>(what: string, part: Promise<T>) => part.then((v) => { mark(what); return v; });
  files.onRead = (tower) => mark(`${tower} file read`); // not shown to the shopper
  const choice = choosing.then((c) => {
    useBuildFor(c.backend);
    // ONNX Runtime starts while the first model file is read, not inside the first session's build.
    if (c.backend === 'wasm') timed('runtime started', startRuntime()).catch((e: unknown) => console.warn('Carryover: starting ONNX Runtime early failed; the first session starts it', e));
    return { ...c, reason: `${c.reason}; ONNX Runtime's ${ortBuild ?? 'asyncify'} build${c.backend === 'wasm' ? `, ${threading.why}` : ''}` };
  });
  const slot: Slot = {
    key, started, choice, steps, towers: {}, last: Promise.resolve(), busyMs: 0,
    // The processor's and tokenizer's small files are read beside the first tower's build.
    base: (async () => {
      const [c, processor, tokenizer] = await Promise.all([
        choice,
        timed('processor', AutoProcessor.from_pretrained(model.name)),
        timed('tokenizer', AutoTokenizer.from_pretrained(model.name)),
      ]);
      const cfg = (processor as unknown as { image_processor?: { config?: Record<string, unknown> } }).image_processor?.config;
      return { model, choice: c, processor, tokenizer, prep: clipPrepOf(cfg) };
    })(),
  };
  return slot;
}

/** Starts ONNX Runtime's WebAssembly (compiled, its threads up, its environment made) with a one-node
 * model: at real size, q8, the first session built took 1.0 s where the same one built second took
 * 0.6. A session created meanwhile waits for the same start (onnxruntime-common's backend init). */
async function startRuntime(): Promise<void> {
  const session = await InferenceSession.create(warmModel(), { executionProviders: ['wasm'] });
  await session.release();
}

/** Builds `tower` in `slot` once, after the builds asked for before it: the first session's temporary
 * copies in ONNX Runtime's heap are free again before the second model is parsed (the q8 load's PSS
 * peak 555 → 512 MB, for 0.1 s). No progress callback: with one, transformers.js reads each file chunk
 * by chunk into a buffer of its own (and asks for the file's size first when the response has none);
 * without, it takes the whole response at once. At real size the chunked reads were 3.2 of the 5 s a
 * q8 load took. (The shopper's download shows its progress from the background; the files are local
 * by now.) */
function tower(slot: Slot, which: Tower, model: ModelDescription): Promise<PreTrainedModel> {
  const built = slot.towers[which];
  if (built) return built;
  const Model = which === 'text' ? CLIPTextModelWithProjection : CLIPVisionModelWithProjection;
  const building = slot.last.then(async () => {
    const choice = await slot.choice;
    const turn = performance.now();
    // Each model file is asked for as a graph and its weights (split-weights.ts): each weight is then
    // copied into ONNX Runtime's memory once, with no copy of the whole file beside it (q8, real
    // size, onnxruntime-web: the vision session's WebAssembly memory 194 → 100 MB). A model whose
    // own external data is cut into several files would need its count here; CLIP's files are whole.
    const m = await Model.from_pretrained(model.name, { device: choice.backend, dtype: choice.dtype, use_external_data_format: true });
    slot.steps[which] = Math.round(performance.now() - slot.started);
    slot.busyMs += performance.now() - turn;
    return m;
  });
  slot.towers[which] = building;
  slot.last = building.catch(() => undefined);
  return building;
}

/** Lets a slot's built sessions go; a session that cannot be released is said, and the rest still go. */
async function release(slot: Slot): Promise<void> {
  await Promise.all(Object.values(slot.towers).map(async (t) => {
    const m = await t.catch(() => undefined); // a tower that failed to build holds no session
    try {
      await m?.dispose();
    } catch (e) {
      console.warn('Carryover: releasing a model session failed', e);
    }
  }));
}

/** The model with the towers a request needs, loaded once per (model, backend override, dtype), each
 * tower when first needed (a page's titles do not wait for the vision session); a failure is not
 * cached, so a retry retries. `dtype` forces one (the bench loads fp32 too); by default the backend's
 * choice. Where WebGPU cannot build a session, the model is loaded again on WebAssembly. */
export async function load<T extends Tower>(model: ModelDescription, towers: readonly T[], override: BackendOverride = 'auto', dtype?: Dtype): Promise<Loaded<T>> {
  const key = `${model.id}|${override}|${dtype ?? ''}`;
  if (current?.key !== key) {
    const was = current;
    current = newSlot(key, model, choiceFor(model, override, dtype));
    if (was) await release(was);
  }
  const slot = current;
  // What the shopper reads when the model cannot load (the popup shows it as the products' why).
  const failed = (e: unknown) => new PhraseError({ key: 'errModelLoad', subs: [causeOf(e)] });
  const give = async (s: Slot) => {
    const [base, ...built] = await Promise.all([s.base, ...towers.map((t) => tower(s, t, model).then((m) => [t, m] as const))]);
    return { ...base, ...Object.fromEntries(built), loadMs: s.busyMs, loadSteps: { ...s.steps } } as Loaded<T>;
  };
  // A slot that failed is not kept: its sessions and any file read early go.
  const drop = async (s: Slot) => {
    if (current === s) current = undefined;
    await release(s);
    forgetFiles();
  };
  try {
    return await give(slot);
  } catch (e) {
    const choice = await slot.choice.catch(() => undefined);
    await drop(slot);
    // No backend to load on (WebGPU chosen in the settings and none here): that phrase as it is.
    if (!choice) throw e instanceof PhraseError ? e : failed(e);
    if (choice.backend !== 'webgpu' || override === 'webgpu') throw failed(e);
    // The adapter exists but a session could not be built on it: WebAssembly still works.
    const again = newSlot(key, model, Promise.resolve(wasmAfter(model, choice, e)));
    current = again;
    try {
      return await give(again);
    } catch (e2) {
      await drop(again);
      throw failed(e2);
    }
  }
}

/** Lets the loaded model go (its sessions released, a file read early forgotten); the next request loads it again. */
export async function unload(): Promise<void> {
  const was = current;
  current = undefined;
  forgetFiles();
  if (was) await release(was);
}

function rows(t: Tensor): Float32Array[] {
  const f = t.type === 'float32' ? t : t.to('float32');
  const [n, d] = f.dims as [number, number];
  const data = f.data as Float32Array;
  return Array.from({ length: n }, (_, i) => normalize(data.subarray(i * d, (i + 1) * d)));
}

/** Titles per session.run. A run's working memory grows with its titles times its longest title's
 * tokens (at real size, 64 titles of 40 tokens took 61 MB of ONNX Runtime's memory, which never
 * shrinks; 16 take a quarter of that). At 40 tokens the cost per title is the same from 8 to 64 per
 * run (2.5–2.7 s CPU for 64 titles, one thread; 24–26 titles per CPU-s either way in the bench, 2
 * threads). Short titles cost more 16 to a run: at 8 tokens 84–104 titles per CPU-s against 116–125
 * for 64 to a run. Sizing runs by their longest title (64 short ones, 16 long ones) was tried: at 24
 * tokens it measured 27–32 per CPU-s against 33–43 for this, in alternating runs, so it is not used
 * (real titles are 24–40 tokens). */
export const TITLE_SUB_BATCH = 16;

/** Each title's vector, in the order given. Titles of similar length run together (by characters,
 * which follow tokens closely enough), since each run pads its titles to its longest one. */
export async function embedTexts(m: Loaded<'text'>, texts: string[]): Promise<Float32Array[]> {
  const order = texts.map((_, i) => i).sort((a, b) => texts[a]!.length - texts[b]!.length);
  const out = new Array<Float32Array>(texts.length);
  for (let i = 0; i < order.length; i += TITLE_SUB_BATCH) {
    const picked = order.slice(i, i + TITLE_SUB_BATCH);
    const inputs = m.tokenizer(picked.map((k) => texts[k]!), { padding: true, truncation: true });
    const result = (await m.text(inputs)) as { text_embeds: Tensor };
    rows(result.text_embeds).forEach((v, j) => (out[picked[j]!] = v));
  }
  return out;
}

/** [B,3,H,W] pixel values for the bitmaps; the bitmaps are closed. */
export async function pixelsOf(m: Loaded<never>, bitmaps: ImageBitmap[]): Promise<Tensor> {
  try {
    if (m.prep) return pixelsOfBitmaps(bitmaps, m.prep);
    return ((await m.processor(bitmaps.map(rawImageOf))) as { pixel_values: Tensor }).pixel_values;
  } finally {
    for (const b of bitmaps) b.close();
  }
}

export async function embedPixels(m: Loaded<'vision'>, pixels: Tensor): Promise<Float32Array[]> {
  const out = (await m.vision({ pixel_values: pixels })) as { image_embeds: Tensor };
  return rows(out.image_embeds);
}

/** A photo's vector, or why it has none (a phrase: the background says it in the shopper's words). */
export type ImageResult = { vector: Float32Array; thumb?: string } | { error: Phrase };

/** Images per session.run: large enough to use the backend well, small enough that decoding the
 * next ones (off the main thread, in the browser's decoder) overlaps with running these, and that a
 * batch giving way to a page (ml/yield) stops soon. At real size, q8, 2 threads, 4 and 8 cost the same
 * per photo (79–80 against 79–85 ms wall, 153–154 against 153–165 ms CPU, alternating runs); 4 is
 * about 0.3 s of photos, the longest a page's titles wait behind a running batch. */
export const IMAGE_SUB_BATCH = 4;

/** Encoding a 144 px thumbnail takes milliseconds; one that has not finished by then is skipped. */
const THUMB_MS = 10_000;

/** Resolves in a task of its own, after the messages already waiting (a MessageChannel's message is
 * a task; a timer would be slowed in a hidden document). */
function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}

/** Every URL gets a vector or the reason it has none; one bad image does not fail the others.
 * `stop`, asked after each sub-batch but the last: true ends the batch there, with the results so
 * far (the first sub-batch always runs, so that a batch cut again and again still moves on). */
export async function embedImages(m: Loaded<'vision'>, urls: string[], stop?: () => boolean): Promise<ImageResult[]> {
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
    // A request to stop (a message) is only read once this task ends: one turn of the event loop
    // first, or the ask would be seen only after the next sub-batch (0.6 s at real size).
    if (stop && i + IMAGE_SUB_BATCH < decoding.length) await nextTask();
    if (i + IMAGE_SUB_BATCH < decoding.length && stop?.()) {
      // The photos decoded for nothing are let go as they arrive.
      for (const d of decoding.slice(i + IMAGE_SUB_BATCH)) void d.then((r) => ('image' in r ? r.image.close() : undefined));
      break;
    }
  }
  return results;
}
