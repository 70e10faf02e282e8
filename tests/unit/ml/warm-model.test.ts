// The model that starts ONNX Runtime early (runtime.ts) is the one-node Identity graph it says it is,
// and native ONNX Runtime runs it.
import { describe, expect, it } from 'vitest';
import { FLOAT, GraphBuilder } from '../../../scripts/test-model/onnx.ts';
import { warmModel } from '../../../src/ml/warm-model.ts';

describe('the warm-up model', () => {
  it('is y = Identity(x) over one float, as GraphBuilder writes it', () => {
    const g = new GraphBuilder();
    g.input('x', FLOAT, [1]);
    g.output('y', 'x', FLOAT, [1]);
    expect([...warmModel()]).toEqual([...g.encode('warm', '')]);
  });

  it('runs in ONNX Runtime', async () => {
    const ort = await import('onnxruntime-node');
    const s = await ort.InferenceSession.create(warmModel());
    const out = await s.run({ x: new ort.Tensor('float32', Float32Array.of(0.5), [1]) });
    expect([...(out.y!.data as Float32Array)]).toEqual([0.5]);
    await s.release();
  });
});
