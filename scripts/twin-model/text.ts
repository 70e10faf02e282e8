// CLIP's text tower (CLIPTextModelWithProjection): token + position embeddings, a causal and padding
// mask, the encoder, final LayerNorm, the last real token's state (where CLIP's end-of-text token
// sits), projection.
import { FLOAT, GraphBuilder, INT64 } from '../test-model/onnx.ts';
import type { TwinShape } from './config.ts';
import { Net } from './layers.ts';
import type { Weights } from './weights.ts';

const NEG = -1e9;

export function twinText(shape: TwinShape, w: Weights, q8: boolean): Uint8Array {
  const s = shape.text;
  const g = new GraphBuilder();
  const net = new Net(g, w, q8);
  const ids = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', INT64, ['batch_size', 'sequence_length']);
  const len = g.op('Slice', [g.op('Shape', [ids]), g.ints([1]), g.ints([2])]);
  const pos = g.op('Slice', [net.f32(w.normalish(s.context * s.width, 0.01), [s.context, s.width]), g.ints([0]), len, g.ints([0])]);
  let h = g.op('Add', [net.gather(w.normalish(s.vocab * s.width), [s.vocab, s.width], ids), pos]);

  const causal = new Float32Array(s.context * s.context);
  for (let i = 0; i < s.context; i++) for (let j = i + 1; j < s.context; j++) causal[i * s.context + j] = NEG;
  const causalL = g.op('Slice', [net.f32(causal, [s.context, s.context]), g.ints([0, 0]), g.op('Concat', [len, len], { axis: 0 }), g.ints([0, 1])]);
  const maskF = g.op('Cast', [mask], { to: FLOAT });
  const padding = g.op('Unsqueeze', [g.op('Mul', [g.op('Sub', [net.f32(Float32Array.of(1), []), maskF]), net.f32(Float32Array.of(NEG), [])]), g.ints([1, 2])]);
  const bias = g.op('Add', [causalL, padding]); // [B,1,L,L]

  for (let i = 0; i < s.layers; i++) h = net.encoderLayer(h, s, bias);
  h = net.layerNorm(h, s.width);
  const last = g.op('Sub', [g.op('ReduceSum', [mask, g.ints([1])], { keepdims: 1 }), g.ints([1])]); // [B,1]
  const pooled = g.op('GatherND', [h, last], { batch_dims: 1 });
  g.output('text_embeds', net.linear(pooled, s.width, shape.projection, false), FLOAT, ['batch_size', shape.projection]);
  return g.encode('clip-vit-b32-twin-text', `CLIP ViT-B/32 text graph with random weights${q8 ? ', q8 (dynamic quantisation)' : ''}. Not CLIP: for measuring cost only.`);
}
