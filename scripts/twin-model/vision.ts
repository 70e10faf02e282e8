// CLIP's vision tower (CLIPVisionModelWithProjection): 32×32 patches, a class token, position
// embeddings, pre-LayerNorm, the encoder, post-LayerNorm on the class token, projection.
import { FLOAT, GraphBuilder } from '../test-model/onnx.ts';
import type { TwinShape } from './config.ts';
import { Net } from './layers.ts';
import type { Weights } from './weights.ts';

export function twinVision(shape: TwinShape, w: Weights, q8: boolean): Uint8Array {
  const s = shape.vision;
  const g = new GraphBuilder();
  const net = new Net(g, w, q8);
  const grid = s.imageSize / s.patch;
  const tokens = grid * grid + 1;
  const pixels = g.input('pixel_values', FLOAT, ['batch_size', 3, s.imageSize, s.imageSize]);
  const patchW = net.stored(w.normalish(s.width * 3 * s.patch * s.patch), [s.width, 3, s.patch, s.patch]);
  const patches = g.op('Conv', [pixels, patchW], { kernel_shape: [s.patch, s.patch], strides: [s.patch, s.patch] });
  const seq = g.op('Transpose', [g.op('Reshape', [patches, g.ints([0, s.width, -1])])], { perm: [0, 2, 1] });
  const batch = g.op('Slice', [g.op('Shape', [pixels]), g.ints([0]), g.ints([1])]);
  const cls = g.op('Expand', [net.f32(w.normalish(s.width), [1, 1, s.width]), g.op('Concat', [batch, g.ints([1, s.width])], { axis: 0 })]);
  const embedded = g.op('Add', [g.op('Concat', [cls, seq], { axis: 1 }), net.f32(w.normalish(tokens * s.width), [tokens, s.width])]);
  let h = net.layerNorm(embedded, s.width);
  for (let i = 0; i < s.layers; i++) h = net.encoderLayer(h, s);
  const pooled = net.layerNorm(g.op('Gather', [h, net.scalarI64(0)], { axis: 1 }), s.width);
  g.output('image_embeds', net.linear(pooled, s.width, shape.projection, false), FLOAT, ['batch_size', shape.projection]);
  return g.encode('clip-vit-b32-twin-vision', `CLIP ViT-B/32 vision graph with random weights${q8 ? ', q8 (dynamic quantisation)' : ''}. Not CLIP: for measuring cost only.`);
}
