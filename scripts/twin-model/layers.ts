// CLIP's transformer pieces as ONNX ops, in fp32 or in the q8 form of ONNX Runtime's dynamic
// quantisation (onnxruntime.quantization.quantize_dynamic): every MatMul with a constant weight
// becomes DynamicQuantizeLinear → MatMulInteger → Cast → Mul(scale_a × scale_b), the pattern ONNX
// Runtime's optimiser fuses into its DynamicQuantizeMatMul kernel; Conv and Gather weights are
// stored as int8 and dequantised (DequantizeLinear; a Gather's rows after gathering, as the quantiser
// writes it), so the file sizes are those of the real q8 files.
import { FLOAT, type GraphBuilder, INT8, INT64 } from '../test-model/onnx.ts';
import type { TowerShape } from './config.ts';
import { bytesOf, filled, quantizeSymmetric, type Weights } from './weights.ts';

export class Net {
  constructor(readonly g: GraphBuilder, readonly w: Weights, readonly q8: boolean) {}

  f32(data: Float32Array, dims: number[]): string {
    return this.g.raw(bytesOf(data), dims, FLOAT);
  }

  scalarI64(v: number): string {
    return this.g.raw(bytesOf(BigInt64Array.of(BigInt(v))), [], INT64);
  }

  /** int8 values `x` back to floats with `scale` (zero point 0, as quantizeSymmetric makes them). */
  private dequantized(x: string, scale: number): string {
    return this.g.op('DequantizeLinear', [x, this.f32(Float32Array.of(scale), []), this.g.raw(new Uint8Array(1), [], INT8)]);
  }

  /** A weight that is used as is (Conv): int8 + DequantizeLinear in q8. */
  stored(data: Float32Array, dims: number[]): string {
    if (!this.q8) return this.f32(data, dims);
    const q = quantizeSymmetric(data);
    return this.dequantized(this.g.raw(bytesOf(q.data), dims, INT8), q.scale);
  }

  /** Rows `ids` of a table (the token embedding). In q8 the rows are gathered from the int8 table and
   * then dequantised, as ONNX Runtime's quantiser writes it (its GatherQuant): dequantising the
   * whole table first would make a 101 MB float table on every run. */
  gather(data: Float32Array, dims: number[], ids: string): string {
    if (!this.q8) return this.g.op('Gather', [this.f32(data, dims), ids], { axis: 0 });
    const q = quantizeSymmetric(data);
    return this.dequantized(this.g.op('Gather', [this.g.raw(bytesOf(q.data), dims, INT8), ids], { axis: 0 }), q.scale);
  }

  /** x[..., n] × W[n, m] (+ b). */
  linear(x: string, n: number, m: number, bias = true): string {
    const w = this.w.normalish(n * m);
    const b = bias ? this.f32(filled(m, 0), [m]) : undefined;
    let y: string;
    if (this.q8) {
      const g = this.g;
      const q = quantizeSymmetric(w);
      const [xq, xs, xz] = g.ops('DynamicQuantizeLinear', [x], 3) as [string, string, string];
      const wq = g.raw(bytesOf(q.data), [n, m], INT8);
      const wz = g.raw(new Uint8Array(1), [], INT8);
      const int = g.op('MatMulInteger', [xq, wq, xz, wz]);
      const scale = g.op('Mul', [xs, this.f32(Float32Array.of(q.scale), [])]);
      y = g.op('Mul', [g.op('Cast', [int], { to: FLOAT }), scale]);
    } else {
      y = this.g.op('MatMul', [x, this.f32(w, [n, m])]);
    }
    return b ? this.g.op('Add', [y, b]) : y;
  }

  layerNorm(x: string, width: number): string {
    return this.g.op('LayerNormalization', [x, this.f32(filled(width, 1), [width]), this.f32(filled(width, 0), [width])], { axis: -1, epsilon: { float: 1e-5 } });
  }

  /** One pre-norm encoder layer: self-attention, then the MLP with quick GELU; `bias` masks scores. */
  encoderLayer(x: string, s: TowerShape, bias?: string): string {
    const g = this.g;
    const d = s.width / s.heads;
    const h = this.layerNorm(x, s.width);
    const heads = (t: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [t, g.ints([0, 0, s.heads, d])])], { perm });
    const q = heads(g.op('Mul', [this.linear(h, s.width, s.width), this.f32(Float32Array.of(1 / Math.sqrt(d)), [])]), [0, 2, 1, 3]);
    const k = heads(this.linear(h, s.width, s.width), [0, 2, 3, 1]);
    const v = heads(this.linear(h, s.width, s.width), [0, 2, 1, 3]);
    let scores = g.op('MatMul', [q, k]); // [B,H,L,L]
    if (bias) scores = g.op('Add', [scores, bias]);
    const ctx = g.op('MatMul', [g.op('Softmax', [scores], { axis: -1 }), v]);
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }), g.ints([0, 0, s.width])]);
    const x1 = g.op('Add', [x, this.linear(merged, s.width, s.width)]);
    const fc1 = this.linear(this.layerNorm(x1, s.width), s.width, s.mlp);
    const gelu = g.op('Mul', [fc1, g.op('Sigmoid', [g.op('Mul', [fc1, this.f32(Float32Array.of(1.702), [])])])]);
    return g.op('Add', [x1, this.linear(gelu, s.mlp, s.width)]);
  }
}
