// What the ML document answers. On Chrome it runs in the offscreen document; on Firefox the
// background page calls it directly.
import type { MlMessage } from '../shared/messages.ts';
import { causeOf, PhraseError, type Phrase } from '../shared/phrase.ts';
import { chooseBackend, type BackendChoice } from './backend.ts';
import { runBench, type BenchResult } from './bench.ts';
import { embedImages, embedTexts, load, queued, threading, unload, type ImageResult } from './runtime.ts';
import { readCataloguePage, type PageRead } from '../capture/extract/catalogue-page.ts';
import { extractSnapshot } from '../capture/extract/hand-off.ts';
import type { PageExtraction } from '../capture/extract/index.ts';

let probed: Promise<BackendChoice> | undefined;

export interface MlStatus extends BackendChoice {
  context: 'offscreen' | 'background';
  /** ONNX Runtime's WebAssembly threads in this document, and whether it is cross-origin isolated
   * (the only way to more than one), for the options page's "Threads" row. */
  threads: { count: number; isolated: boolean; cores: number };
}

export interface EmbedAnswer {
  modelId: string;
  backend: BackendChoice;
  loadMs: number;
  texts: { id: string; vector: number[] }[];
  /** A photo's error is a phrase: the background says it in words (Chrome's offscreen document,
   * where this is made, has no i18n API). */
  images: ({ id: string; vector: number[]; thumb?: string } | { id: string; error: Phrase })[];
  /** The batch was cut short (ml/yield): the photos past `images` were not run and are not answered. */
  cut?: boolean;
  ms: number;
}

/** Photo requests asked for and not answered yet, and whether the one running is to stop early. */
let photoRequests = 0;
let cutAsked = false;

type Msg<T extends MlMessage['type']> = Extract<MlMessage, { type: T }>;
type Context = MlStatus['context'];

/** ONNX Runtime's or the tokenizer's own words, inside a sentence the popup can show. */
async function inWords<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw e instanceof PhraseError ? e : new PhraseError({ key: 'errEmbedFailed', subs: [causeOf(e)] });
  }
}

/** Embeds a request's titles, then its photos (cut short between sub-batches when asked). */
const embed = (m: Msg<'ml/embed'>): Promise<EmbedAnswer> => queued(async () => {
  const started = performance.now();
  // Only the towers the request needs: a page's titles (the queue sends them before its photos)
  // do not wait for the vision session to be built. Each tower is used before the next is loaded:
  // a vision tower that WebGPU cannot build reloads the model on WebAssembly, releasing the rest.
  let texts: Float32Array[] = [], images: ImageResult[] = [];
  const text = m.texts.length ? await load(m.model, ['text'], m.override) : undefined;
  if (text) texts = await inWords(() => embedTexts(text, m.texts.map((t) => t.text)));
  const vision = m.images.length ? await load(m.model, ['vision'], m.override) : undefined;
  if (vision) images = await inWords(() => embedImages(vision, m.images.map((i) => i.url), () => cutAsked));
  const model = vision ?? text ?? await load(m.model, [], m.override);
  return {
    modelId: m.model.id,
    backend: model.choice,
    loadMs: model.loadMs,
    texts: m.texts.map((t, i) => ({ id: t.id, vector: Array.from(texts[i]!) })),
    images: m.images.slice(0, images.length).map((img, i) => {
      const r = images[i]!;
      return 'vector' in r ? { id: img.id, vector: Array.from(r.vector), thumb: r.thumb } : { id: img.id, error: r.error };
    }),
    ...(images.length < m.images.length ? { cut: true } : {}),
    ms: performance.now() - started,
  };
});

export const mlHandlers = {
  'ml/probe': async (_m: Msg<'ml/probe'>, context: Context): Promise<MlStatus> => {
    probed ??= chooseBackend();
    return { ...(await probed), context, threads: { count: threading.threads, isolated: threading.isolated, cores: threading.cores } };
  },
  'ml/yield': async (_m: Msg<'ml/yield'>): Promise<{ cutting: boolean }> => {
    if (photoRequests) cutAsked = true;
    return { cutting: photoRequests > 0 };
  },
  'ml/embed': (m: Msg<'ml/embed'>): Promise<EmbedAnswer> => {
    if (!m.images.length) return embed(m);
    photoRequests++;
    return embed(m).finally(() => {
      // A cut asked for while this request ran, or waited, was this one's.
      if (--photoRequests === 0) cutAsked = false;
    });
  },
  // Not behind the model's queue: reading a page needs no model, and must not wait for a batch.
  'ml/read-page': async (m: Msg<'ml/read-page'>): Promise<PageRead> =>
    readCataloguePage(new DOMParser().parseFromString(m.html, 'text/html'), m.url),
  // A shop page's snapshot, for its content script: not behind the model's queue either.
  'ml/extract-page': async (m: Msg<'ml/extract-page'>): Promise<PageExtraction> => extractSnapshot(m, m.url, m.budgetMs),
  'ml/bench': (m: Msg<'ml/bench'>): Promise<BenchResult & { backend: BackendChoice; modelId: string }> => queued(async () => {
    // Both towers, text first as a page's first request asks.
    const model = await load(m.model, ['text', 'vision'], m.override, m.dtype);
    return { ...(await runBench(model, m)), backend: model.choice, modelId: m.model.id };
  }),
};

/** Lets the loaded model go once the requests before it are done; the next one loads it again. */
export const releaseModel = (): Promise<void> => queued(unload);

/** One entry for both contexts: the offscreen document's listener and Firefox's background. */
export function handleMl(msg: MlMessage, context: Context): Promise<unknown> {
  switch (msg.type) {
    case 'ml/probe': return mlHandlers['ml/probe'](msg, context);
    case 'ml/embed': return mlHandlers['ml/embed'](msg);
    case 'ml/yield': return mlHandlers['ml/yield'](msg);
    case 'ml/bench': return mlHandlers['ml/bench'](msg);
    case 'ml/read-page': return mlHandlers['ml/read-page'](msg);
    case 'ml/extract-page': return mlHandlers['ml/extract-page'](msg);
  }
}
