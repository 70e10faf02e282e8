// The model's towers are built when a request first needs them, one after the other: a page's titles
// do not wait for the vision session, each tower is built once, a failed build is not kept, WebGPU
// that cannot build a tower gives way to WebAssembly with every session of the failed try released,
// and letting the model go releases what was built. transformers.js and ONNX Runtime are stand-ins.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelDescription } from '../../../src/shared/model-index.ts';

const h = vi.hoisted(() => ({
  log: [] as string[],
  failOn: undefined as undefined | { tower: string; device: string },
  backend: 'wasm' as 'wasm' | 'webgpu',
}));

vi.mock('@huggingface/transformers', () => {
  const tower = (name: string) => ({
    from_pretrained: async (_model: string, opts: { device: string; dtype: string }) => {
      h.log.push(`build ${name} ${opts.device}`);
      await new Promise((r) => setTimeout(r, 5));
      if (h.failOn?.tower === name && h.failOn.device === opts.device) throw new Error(`${name} cannot be built on ${opts.device}`);
      // A text tower's run gives each title the vector [its length, 1] (the titles pass through the tokenizer below).
      const run = async ({ texts }: { texts: string[] }) => {
        h.log.push(`run ${texts.length}: ${texts.map((t) => t.length).join(',')}`);
        return { text_embeds: { type: 'float32', dims: [texts.length, 2], data: Float32Array.from(texts.flatMap((t) => [t.length, 1])) } };
      };
      return Object.assign(run, { device: opts.device, dispose: async () => { h.log.push(`release ${name} ${opts.device}`); } });
    },
  });
  return {
    env: { backends: { onnx: { wasm: {} } } },
    AutoProcessor: { from_pretrained: async () => ({ image_processor: { config: {} } }) },
    AutoTokenizer: { from_pretrained: async () => (texts: string[]) => ({ texts }) },
    CLIPTextModelWithProjection: tower('text'),
    CLIPVisionModelWithProjection: tower('vision'),
  };
});
vi.mock('onnxruntime-web/webgpu', () => ({
  InferenceSession: { create: async () => { h.log.push('runtime started'); return { release: async () => {} }; } },
}));
vi.mock('../../../src/ml/backend.ts', () => ({
  chooseBackend: async () => (h.backend === 'webgpu'
    ? { backend: 'webgpu', dtype: 'fp32', reason: 'an adapter', why: { key: 'whyWebgpu' } }
    : { backend: 'wasm', dtype: 'q8', reason: 'no adapter', why: { key: 'whyWasm' } }),
}));
vi.mock('../../../src/ml/model-files.ts', () => ({ modelFetch: async () => new Response('x'), requestUrl: (u: string) => new URL(u) }));

const MODEL: ModelDescription = { id: 'clip@1', name: 'clip', dtypes: ['q8', 'fp32'], testModel: true } as ModelDescription;

beforeEach(() => {
  vi.resetModules();
  vi.stubGlobal('location', new URL('chrome-extension://carryover/offscreen.html'));
  h.log = [];
  h.failOn = undefined;
  h.backend = 'wasm';
});
const runtime = () => import('../../../src/ml/runtime.ts');

describe('the staged model load', () => {
  it('builds only the text tower for titles, the vision tower when photos come, each once', async () => {
    const { load } = await runtime();
    const text = await load(MODEL, ['text']);
    expect(text.text).toBeDefined();
    expect(h.log.filter((l) => l.startsWith('build'))).toEqual(['build text wasm']);
    expect(h.log).toContain('runtime started'); // ONNX Runtime started beside the first file read
    const both = await load(MODEL, ['vision']);
    expect(both.vision).toBeDefined();
    await load(MODEL, ['text', 'vision']);
    expect(h.log.filter((l) => l.startsWith('build'))).toEqual(['build text wasm', 'build vision wasm']);
    expect(Object.keys(both.loadSteps)).toEqual(expect.arrayContaining(['text', 'vision', 'processor', 'tokenizer']));
    expect(both.loadMs).toBeGreaterThan(0);
  });

  it('builds the towers one after the other when both are asked at once', async () => {
    const { load } = await runtime();
    await Promise.all([load(MODEL, ['vision']), load(MODEL, ['text'])]);
    expect(h.log.filter((l) => l.startsWith('build'))).toEqual(['build vision wasm', 'build text wasm']);
  });

  it('does not keep a failed build: the built tower is released and the next request builds again', async () => {
    const { load } = await runtime();
    h.failOn = { tower: 'vision', device: 'wasm' };
    await load(MODEL, ['text']);
    await expect(load(MODEL, ['vision'])).rejects.toMatchObject({ phrase: { key: 'errModelLoad' } });
    expect(h.log).toContain('release text wasm');
    h.failOn = undefined;
    await load(MODEL, ['vision']);
    expect(h.log.filter((l) => l.startsWith('build'))).toEqual(['build text wasm', 'build vision wasm', 'build vision wasm']);
  });

  it('falls back to WebAssembly when WebGPU cannot build a tower, releasing the WebGPU sessions, and says why', async () => {
    const { load } = await runtime();
    h.backend = 'webgpu';
    h.failOn = { tower: 'vision', device: 'webgpu' };
    const text = await load(MODEL, ['text']);
    expect(text.choice.backend).toBe('webgpu');
    const vision = await load(MODEL, ['vision']);
    expect(vision.choice.backend).toBe('wasm');
    expect(vision.choice.why).toMatchObject({ key: 'whyWebgpuFailed' });
    expect((vision.vision as unknown as { device: string }).device).toBe('wasm');
    expect(h.log).toContain('release text webgpu');
    // Titles from now on come from the WebAssembly model too.
    expect(((await load(MODEL, ['text'])).text as unknown as { device: string }).device).toBe('wasm');
  });

  it('releases every tower built when the model is let go, and loads again after', async () => {
    const { load, unload } = await runtime();
    await load(MODEL, ['text', 'vision']);
    await unload();
    expect(h.log).toEqual(expect.arrayContaining(['release text wasm', 'release vision wasm']));
    await load(MODEL, ['text']);
    expect(h.log.filter((l) => l === 'build text wasm')).toHaveLength(2);
  });

  it('says plainly that WebGPU was chosen and is not here, without a load failure around it', async () => {
    const { load } = await runtime();
    await expect(load(MODEL, ['text'], 'webgpu')).rejects.toMatchObject({ phrase: { key: 'errWebgpuChosenNone' } });
    expect(h.log.filter((l) => l.startsWith('build'))).toEqual([]);
  });
});

describe('titles', () => {
  it('run 16 at a time, titles of similar length together, and come back in the order given', async () => {
    const { embedTexts, load, TITLE_SUB_BATCH } = await runtime();
    const m = await load(MODEL, ['text']);
    const titles = Array.from({ length: 40 }, (_, i) => 'x'.repeat(1 + ((i * 17) % 40)));
    const vectors = await embedTexts(m, titles);
    expect(TITLE_SUB_BATCH).toBe(16);
    const runs = h.log.filter((l) => l.startsWith('run '));
    expect(runs.map((r) => Number(r.split(':')[0]!.slice(4)))).toEqual([16, 16, 8]);
    // Sorted by length: each run's longest is shorter than the next run's shortest.
    const lengths = runs.map((r) => r.split(': ')[1]!.split(',').map(Number));
    for (let k = 1; k < lengths.length; k++) expect(Math.max(...lengths[k - 1]!)).toBeLessThanOrEqual(Math.min(...lengths[k]!));
    expect(vectors.map((v) => Math.round(v[0]! / v[1]!))).toEqual(titles.map((t) => t.length));
    expect(await embedTexts(m, [])).toEqual([]);
  });
});
