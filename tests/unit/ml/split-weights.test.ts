// A model file split into its graph and its weights (in place, as external data) is the same model
// to ONNX Runtime Web: same outputs, for a small graph and for the test model's towers; the large
// weights move, the small ones stay; a model that keeps external data of its own, or that is not a
// model, is left alone. The fetch layer answers both of transformers.js's requests from one read.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FLOAT, GraphBuilder, INT64 } from '../../../scripts/test-model/onnx.ts';
import { TEST_MODEL_NAME, writeTestModel } from '../../../scripts/make-test-model.ts';
import { MIN_EXTERNAL_BYTES, splitFetch, splitWeights } from '../../../src/ml/split-weights.ts';

const root = mkdtempSync(join(tmpdir(), 'carryover-split-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** y = x·W + b: W is 16×32 floats (2 KB, moved), b 32 floats (128 bytes, kept). */
function linear(): Uint8Array {
  const g = new GraphBuilder();
  g.input('x', FLOAT, [1, 16]);
  const w = g.const(Array.from({ length: 16 * 32 }, (_, i) => Math.sin(i)), [16, 32]);
  const b = g.const(Array.from({ length: 32 }, (_, i) => i / 32), [32]);
  g.output('y', g.op('Add', [g.op('MatMul', ['x', w]), b]), FLOAT, [1, 32]);
  return new Uint8Array(g.encode('linear', ''));
}

async function ort() {
  const o = await import('onnxruntime-web');
  o.env.wasm.numThreads = 1;
  return o;
}

type Feeds = Record<string, import('onnxruntime-web').Tensor>;

/** The first output of `model` run whole and run split, as plain numbers. */
async function bothWays(model: Uint8Array, feeds: (o: Awaited<ReturnType<typeof ort>>) => Feeds) {
  const o = await ort();
  const split = splitWeights(model, 'weights');
  const whole = await o.InferenceSession.create(model);
  const parted = await o.InferenceSession.create(split.graph, { externalData: [{ path: 'weights', data: model }] });
  const out = async (s: import('onnxruntime-web').InferenceSession) => {
    const r = await s.run(feeds(o));
    return [...(r[s.outputNames[0]!]!.data as Float32Array)];
  };
  const result = { split, whole: await out(whole), parted: await out(parted) };
  await whole.release();
  await parted.release();
  return result;
}

describe('splitting a model into its graph and its weights', () => {
  it('moves the large weight, keeps the small one, and ONNX Runtime Web gives the same output', async () => {
    const model = linear();
    const r = await bothWays(model, (o) => ({ x: new o.Tensor('float32', Float32Array.from({ length: 16 }, (_, i) => i - 8), [1, 16]) }));
    expect(r.split.movedBytes).toBe(16 * 32 * 4);
    expect(r.split.ownExternal).toBe(false);
    // The graph lost the weight's bytes and gained a reference of a few dozen bytes.
    expect(model.byteLength - r.split.graph.byteLength).toBeGreaterThan(16 * 32 * 4 - 100);
    expect(r.whole.some((v) => v !== 0)).toBe(true);
    expect(r.parted).toEqual(r.whole);
  });

  it('gives the test model\'s towers the same embeddings, q8 and fp32', async () => {
    writeTestModel(join(root, TEST_MODEL_NAME));
    const file = (f: string) => new Uint8Array(readFileSync(join(root, TEST_MODEL_NAME, 'onnx', f)));
    for (const f of ['vision_model.onnx', 'vision_model_quantized.onnx']) {
      const r = await bothWays(file(f), (o) => ({ pixel_values: new o.Tensor('float32', Float32Array.from({ length: 2 * 3 * 224 * 224 }, (_, i) => Math.sin(i / 97)), [2, 3, 224, 224]) }));
      expect(r.split.movedBytes, f).toBeGreaterThan(0);
      expect(r.parted, f).toEqual(r.whole);
    }
    for (const f of ['text_model.onnx', 'text_model_quantized.onnx']) {
      const ids = [1n, 5n, 9n, 2n, 1n, 7n, 2n, 2n]; // the test model's vocabulary is small
      const r = await bothWays(file(f), (o) => ({
        input_ids: new o.Tensor('int64', BigInt64Array.from(ids), [2, 4]),
        attention_mask: new o.Tensor('int64', BigInt64Array.from([1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n]), [2, 4]),
      }));
      expect(r.split.movedBytes, f).toBeGreaterThan(0);
      expect(r.parted, f).toEqual(r.whole);
    }
  });

  it('leaves a model without large weights as it is', () => {
    const g = new GraphBuilder();
    g.input('x', INT64, [2]);
    g.output('y', g.op('Add', ['x', g.ints([1, 2])]), INT64, [2]);
    const model = new Uint8Array(g.encode('small', ''));
    const split = splitWeights(model, 'weights');
    expect(split.movedBytes).toBe(0);
    expect(split.graph).toBe(model);
    expect(MIN_EXTERNAL_BYTES).toBeGreaterThan(16);
  });

  it('leaves a model that already keeps external data of its own as it is', () => {
    const once = splitWeights(linear(), 'weights');
    const twice = splitWeights(once.graph, 'other');
    expect(twice).toEqual({ graph: once.graph, movedBytes: 0, ownExternal: true });
  });

  it('throws, saying so, on bytes that are not a whole model', () => {
    const model = linear();
    expect(() => splitWeights(model.subarray(0, model.byteLength - 7), 'weights')).toThrow(/runs past its message/);
    expect(() => splitWeights(Uint8Array.of(0x0b, 1, 2), 'weights')).toThrow(/wire type 3/);
  });
});

describe('the fetch layer', () => {
  const BASE = 'chrome-extension://x/models/clip/onnx/';
  const serve = (files: Record<string, Uint8Array>) => {
    const asked: string[] = [];
    const fetchFile = vi.fn(async (input: RequestInfo | URL) => {
      const url = String(input);
      asked.push(url);
      const f = files[url];
      return f ? new Response(new Uint8Array(f)) : new Response('gone', { status: 404, statusText: 'Not Found' });
    });
    return { asked, fetchFile };
  };
  const bytesOf = async (r: Response) => new Uint8Array(await r.arrayBuffer());

  it('answers the graph and its weights from one read of the model file, in either order', async () => {
    const model = linear();
    const { asked, fetchFile } = serve({ [`${BASE}vision_model.onnx`]: model });
    const f = splitFetch(fetchFile);
    const [weights, graph] = await Promise.all([f.fetch(`${BASE}vision_model.onnx_data`), f.fetch(`${BASE}vision_model.onnx`)]);
    expect(asked).toEqual([`${BASE}vision_model.onnx`]);
    expect(await bytesOf(graph)).toEqual(splitWeights(model, 'vision_model.onnx_data').graph);
    expect(await bytesOf(weights)).toEqual(model);
    // Both taken: a later request reads the file again (a new load).
    await f.fetch(`${BASE}vision_model.onnx`);
    expect(asked).toHaveLength(2);
  });

  it('answers an empty weights file for a model with nothing moved, and the model\'s own one where it has one', async () => {
    const g = new GraphBuilder();
    g.input('x', INT64, [2]);
    g.output('y', g.op('Add', ['x', g.ints([1, 2])]), INT64, [2]);
    const small = new Uint8Array(g.encode('small', ''));
    const own = splitWeights(linear(), 'text_model.onnx_data').graph;
    const ownData = Uint8Array.of(9, 9, 9);
    const { asked, fetchFile } = serve({ [`${BASE}vision_model.onnx`]: small, [`${BASE}text_model.onnx`]: own, [`${BASE}text_model.onnx_data`]: ownData });
    const f = splitFetch(fetchFile);
    expect(await bytesOf(await f.fetch(`${BASE}vision_model.onnx`))).toEqual(small);
    expect((await bytesOf(await f.fetch(`${BASE}vision_model.onnx_data`))).byteLength).toBe(0);
    expect(await bytesOf(await f.fetch(`${BASE}text_model.onnx`))).toEqual(own);
    expect(await bytesOf(await f.fetch(`${BASE}text_model.onnx_data`))).toEqual(ownData);
    expect(asked).toEqual([`${BASE}vision_model.onnx`, `${BASE}text_model.onnx`, `${BASE}text_model.onnx_data`]);
  });

  it('passes a failed read on as it is, to both requests', async () => {
    const { fetchFile } = serve({});
    const f = splitFetch(fetchFile);
    const graph = await f.fetch(`${BASE}vision_model.onnx`);
    const weights = await f.fetch(`${BASE}vision_model.onnx_data`);
    expect([graph.status, graph.statusText, weights.status, weights.statusText]).toEqual([404, 'Not Found', 404, 'Not Found']);
  });

  it('sends a model that is not one to ONNX Runtime whole, and says so', async () => {
    const junk = Uint8Array.of(0x0b, 1, 2);
    const { fetchFile } = serve({ [`${BASE}vision_model.onnx`]: junk });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const f = splitFetch(fetchFile);
    expect(await bytesOf(await f.fetch(`${BASE}vision_model.onnx`))).toEqual(junk);
    expect((await bytesOf(await f.fetch(`${BASE}vision_model.onnx_data`))).byteLength).toBe(0);
    expect(String(warn.mock.calls[0]?.[0])).toMatch(/vision_model\.onnx could not be read as an ONNX model/);
    warn.mockRestore();
  });

  it('lets a read go when its second request never comes, and on clear()', async () => {
    vi.useFakeTimers();
    try {
      const { asked, fetchFile } = serve({ [`${BASE}vision_model.onnx`]: linear() });
      const f = splitFetch(fetchFile, 1000);
      await f.fetch(`${BASE}vision_model.onnx`);
      vi.advanceTimersByTime(1001);
      await f.fetch(`${BASE}vision_model.onnx_data`);
      expect(asked).toHaveLength(2);
      f.clear();
      await f.fetch(`${BASE}vision_model.onnx`);
      expect(asked).toHaveLength(3);
      // Other files pass straight through.
      await f.fetch(`${BASE}../config.json`);
      expect(asked).toHaveLength(4);
    } finally {
      vi.useRealTimers();
    }
  });
});
