// Deterministic random weights, generated fast (xorshift32; hundreds of millions of values), and the
// int8 forms that ONNX Runtime's dynamic quantisation writes: symmetric, one scale per tensor.

export class Weights {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }

  /** Uniform in [-a, a] with standard deviation `std`, the spread CLIP's initialiser uses. */
  normalish(n: number, std = 0.02): Float32Array {
    const a = std * Math.sqrt(3);
    const out = new Float32Array(n);
    let s = this.s;
    for (let i = 0; i < n; i++) {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      out[i] = ((s >>> 0) / 4294967296 * 2 - 1) * a;
    }
    this.s = s >>> 0 || 1;
    return out;
  }
}

export const filled = (n: number, v: number) => new Float32Array(n).fill(v);

export interface Int8Tensor { data: Int8Array; scale: number }

export function quantizeSymmetric(w: Float32Array): Int8Tensor {
  let max = 0;
  for (let i = 0; i < w.length; i++) max = Math.max(max, Math.abs(w[i]!));
  const scale = max / 127 || 1;
  const data = new Int8Array(w.length);
  for (let i = 0; i < w.length; i++) data[i] = Math.round(w[i]! / scale);
  return { data, scale };
}

export const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
