// Top-k over many item vectors fast enough for 100,000 items per query: an int8 copy of the items
// lives in a WebAssembly memory and is scanned with the SIMD kernel (a quarter of float32's bytes,
// and the scan is bound by memory), then the best few times k are re-scored exactly in float32, so
// int8's rounding only decides which rows reach the exact step. Where WebAssembly SIMD is missing
// the same two steps run in JS.
import { type F32Matrix, type I8Matrix, int8Scale, quantize, scoresOf, topK } from './topk.ts';
import { simdKernel, type Kernel } from './simd-kernel.ts';

const PAGE = 65536;
const align16 = (x: number) => Math.ceil(x / 16) * 16;

export interface SearchOptions {
  /** Rows left out (bought, dismissed). */
  skip?: (i: number) => boolean;
  /** Rows re-scored exactly per row returned; more gives recall closer to 1. */
  oversample?: number;
}

export class TopKIndex {
  readonly n: number;
  readonly dim: number;
  private kernel: Kernel | null;
  private i8: I8Matrix | undefined;
  private layout = { query: 0, scales: 0, out: 0, items: 0 };

  constructor(readonly exact: F32Matrix, opts: { simd?: boolean } = {}) {
    this.n = exact.n;
    this.dim = exact.dim;
    this.kernel = opts.simd === false || exact.dim % 64 ? null : simdKernel();
    const q = quantize(exact);
    if (!this.kernel) {
      this.i8 = q;
      return;
    }
    const l = this.layout;
    l.query = 0;
    l.scales = align16(this.dim);
    l.out = align16(l.scales + 4 * this.n);
    l.items = align16(l.out + 4 * this.n);
    const bytes = l.items + this.n * this.dim;
    const have = this.kernel.memory.buffer.byteLength;
    if (bytes > have) this.kernel.memory.grow(Math.ceil((bytes - have) / PAGE));
    const buf = this.kernel.memory.buffer;
    new Int8Array(buf, l.items, q.data.length).set(q.data);
    new Float32Array(buf, l.scales, this.n).set(q.scale);
  }

  /** Whether the WebAssembly SIMD kernel is in use (for the bench and diagnostics). */
  get simd(): boolean {
    return !!this.kernel;
  }

  /** Approximate scores of every row (int8 × int8, up to one positive factor), valid until the next call. */
  roughScores(q: ArrayLike<number>): Float32Array {
    if (q.length !== this.dim) throw new Error(`query has ${q.length} values, the items ${this.dim}`);
    if (!this.kernel) return scoresOf(this.i8!, q);
    const s = int8Scale(q);
    const { memory } = this.kernel;
    const l = this.layout;
    const query = new Int8Array(memory.buffer, l.query, this.dim);
    for (let j = 0; j < q.length; j++) query[j] = Math.round(q[j]! / s);
    this.kernel.scores(l.items, l.query, this.n, this.dim / 64, l.scales, l.out);
    return new Float32Array(memory.buffer, l.out, this.n);
  }

  /** Every row's dot product with q, to int8's rounding (about 1e-3 for unit vectors), valid until
   * the next call. */
  dots(q: ArrayLike<number>): Float32Array {
    const out = this.roughScores(q);
    if (!this.kernel) return out;
    // The kernel's scores leave out the query's own int8 scale (roughScores).
    const s = int8Scale(q);
    for (let i = 0; i < out.length; i++) out[i]! *= s;
    return out;
  }

  /** Indices of the k rows with the highest dot product with q, best first. */
  search(q: ArrayLike<number>, k: number, o: SearchOptions = {}): number[] {
    const shortlist = topK(this.roughScores(q), Math.max(k * (o.oversample ?? 4), k + 16), o.skip);
    const { data, dim } = this.exact;
    const exact = new Map<number, number>();
    for (const i of shortlist) {
      let s = 0;
      const off = i * dim;
      for (let j = 0; j < dim; j++) s += data[off + j]! * q[j]!;
      exact.set(i, s);
    }
    return shortlist.sort((a, b) => exact.get(b)! - exact.get(a)! || a - b).slice(0, k);
  }
}
