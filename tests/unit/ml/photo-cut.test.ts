// A photo batch gives way to a page just opened (ml/yield): it stops after the sub-batch it is on,
// answers the photos it ran and only those, and lets the photos it decoded for nothing go. A yield
// with no photo batch in flight changes nothing. A request's titles are embedded before its photos'
// tower is loaded (a WebGPU fallback there releases the text session). transformers.js, ONNX Runtime
// and the browser's decoder are stand-ins.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelDescription } from '../../../src/shared/model-index.ts';

const h = vi.hoisted(() => ({ runs: 0, closed: 0, onRun: undefined as undefined | (() => Promise<void>), webgpu: false, released: [] as string[] }));

vi.mock('@huggingface/transformers', () => {
  const vision = Object.assign(async (feeds: { pixel_values: { n: number } }) => {
    h.runs++;
    await h.onRun?.();
    const n = feeds.pixel_values.n;
    return { image_embeds: { type: 'float32', dims: [n, 2], data: Float32Array.from({ length: n * 2 }, (_, i) => (i % 2 ? 1 : 0)) } };
  }, { dispose: async () => {} });
  // A text tower that cannot run once released (as an ONNX Runtime session would not).
  const textTower = (device: string) => {
    let released = false;
    return Object.assign(async (inputs: { n: number }) => {
      if (released) throw new Error(`the ${device} text session was released`);
      return { text_embeds: { type: 'float32', dims: [inputs.n, 2], data: Float32Array.from({ length: inputs.n * 2 }, (_, i) => (i % 2 ? 0 : 1)) } };
    }, { dispose: async () => { released = true; h.released.push(`text ${device}`); } });
  };
  return {
    env: { backends: { onnx: { wasm: {} } } },
    AutoProcessor: { from_pretrained: async () => ({ image_processor: { config: {} } }) },
    AutoTokenizer: { from_pretrained: async () => (texts: string[]) => ({ n: texts.length }) },
    CLIPTextModelWithProjection: { from_pretrained: async (_m: string, o: { device: string }) => textTower(o.device) },
    CLIPVisionModelWithProjection: {
      from_pretrained: async (_m: string, o: { device: string }) => {
        if (o.device === 'webgpu') throw new Error('no WebGPU kernel for this node');
        return vision;
      },
    },
  };
});
vi.mock('onnxruntime-web/webgpu', () => ({ InferenceSession: { create: async () => ({ release: async () => {} }) } }));
vi.mock('../../../src/ml/backend.ts', () => ({
  chooseBackend: async () => (h.webgpu
    ? { backend: 'webgpu', dtype: 'fp32', reason: 'an adapter', why: { key: 'whyWebgpu' } }
    : { backend: 'wasm', dtype: 'q8', reason: 'no adapter', why: { key: 'whyWasm' } }),
}));
vi.mock('../../../src/ml/model-files.ts', () => ({ modelFetch: async () => new Response('x'), requestUrl: (u: string) => new URL(u) }));
vi.mock('../../../src/ml/decode.ts', () => ({ fetchBitmap: async () => ({ close: () => { h.closed++; } }) }));
vi.mock('../../../src/ml/thumbnail.ts', () => ({ thumbnailOf: async () => 'data:image/webp;base64,AAAA' }));
vi.mock('../../../src/ml/preprocess.ts', () => ({
  clipPrepOf: () => ({}),
  pixelsOfBitmaps: (bitmaps: { close(): void }[]) => ({ n: bitmaps.length }),
  rawImageOf: () => ({}),
}));
vi.mock('../../../src/capture/extract/catalogue-page.ts', () => ({ readCataloguePage: () => ({}) }));

const MODEL = { id: 'clip@1', name: 'clip', dtypes: ['q8', 'fp32'], testModel: true } as ModelDescription;
const ask = (n: number) => ({
  type: 'ml/embed' as const, target: 'ml' as const, model: MODEL, override: 'auto' as const, texts: [],
  images: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, url: `https://shop.example/p${i}.jpg` })),
});

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('location', new URL('chrome-extension://carryover/offscreen.html'));
  h.runs = 0;
  h.closed = 0;
  h.onRun = undefined;
  h.webgpu = false;
  h.released = [];
});

describe('a photo batch giving way', () => {
  it('stops after the sub-batch it is on, answers only the photos it ran, and lets the rest go', async () => {
    const { mlHandlers } = await import('../../../src/ml/handlers.ts');
    const { IMAGE_SUB_BATCH } = await import('../../../src/ml/runtime.ts');
    let yielded: { cutting: boolean } | undefined;
    h.onRun = async () => {
      if (h.runs === 1) yielded = await mlHandlers['ml/yield']({ type: 'ml/yield', target: 'ml' });
    };
    const answer = await mlHandlers['ml/embed'](ask(20));
    expect(yielded).toEqual({ cutting: true });
    expect(h.runs).toBe(1);
    expect(answer.cut).toBe(true);
    expect(answer.images.map((i) => i.id)).toEqual(Array.from({ length: IMAGE_SUB_BATCH }, (_, i) => `p${i}`));
    await vi.waitFor(() => expect(h.closed).toBe(20)); // the sub-batch's by the run, the rest decoded for nothing
    // The next batch runs whole: the cut was that batch's.
    const next = await mlHandlers['ml/embed'](ask(20));
    expect(next.cut).toBeUndefined();
    expect(next.images).toHaveLength(20);
  });

  it('changes nothing when no photo batch is in flight', async () => {
    const { mlHandlers } = await import('../../../src/ml/handlers.ts');
    const { IMAGE_SUB_BATCH } = await import('../../../src/ml/runtime.ts');
    expect(await mlHandlers['ml/yield']({ type: 'ml/yield', target: 'ml' })).toEqual({ cutting: false });
    const answer = await mlHandlers['ml/embed'](ask(20));
    expect(answer.cut).toBeUndefined();
    expect(answer.images).toHaveLength(20);
    expect(h.runs).toBe(Math.ceil(20 / IMAGE_SUB_BATCH));
  });

  it('embeds a request\'s titles before loading its photos\' tower, so a WebGPU fallback does not pull the text session from under them', async () => {
    const { mlHandlers } = await import('../../../src/ml/handlers.ts');
    h.webgpu = true;
    const answer = await mlHandlers['ml/embed']({ ...ask(3), texts: [{ id: 't0', text: 'red dress' }, { id: 't1', text: 'blue shirt' }] });
    expect(answer.texts.map((t) => t.id)).toEqual(['t0', 't1']);
    expect(answer.images).toHaveLength(3);
    expect(answer.backend).toMatchObject({ backend: 'wasm', why: { key: 'whyWebgpuFailed' } });
    expect(h.released).toEqual(['text webgpu']); // the WebGPU try let go, after its titles were done
  });
});
