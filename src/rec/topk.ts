// Top-k over many item vectors without per-item objects: one row-major Float32Array (or an int8
// copy at a quarter of the memory, one scale per row), one pass of dot products, a bounded heap.

export interface F32Matrix { kind: 'f32'; n: number; dim: number; data: Float32Array }
export interface I8Matrix { kind: 'i8'; n: number; dim: number; data: Int8Array; scale: Float32Array }
export type Matrix = F32Matrix | I8Matrix;

export function matrixOf(rows: readonly ArrayLike<number>[], dim = rows[0]?.length ?? 0): F32Matrix {
  const data = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => {
    if (r.length !== dim) throw new Error(`row ${i} has ${r.length} values, not ${dim}`);
    data.set(r, i * dim);
  });
  return { kind: 'f32', n: rows.length, dim, data };
}

/** The symmetric int8 scale of values[from, to): the largest magnitude maps to ±127 (1 for zeros). */
export function int8Scale(values: ArrayLike<number>, from = 0, to = values.length): number {
  let max = 0;
  for (let j = from; j < to; j++) {
    const v = values[j]!;
    if (v > max) max = v;
    else if (-v > max) max = -v;
  }
  return max / 127 || 1;
}

/** Symmetric per-row int8: row ≈ scale × int8 values. */
export function quantize(m: F32Matrix): I8Matrix {
  const data = new Int8Array(m.n * m.dim);
  const scale = new Float32Array(m.n);
  const { dim, data: from } = m;
  for (let i = 0; i < m.n; i++) {
    const o = i * dim;
    const s = int8Scale(from, o, o + dim);
    scale[i] = s;
    // Int8Array stores truncate towards zero: adding ±0.5 first rounds half away from zero.
    const inv = 1 / s;
    for (let j = o; j < o + dim; j++) {
      const x = from[j]! * inv;
      data[j] = x < 0 ? x - 0.5 : x + 0.5;
    }
  }
  return { kind: 'i8', n: m.n, dim: m.dim, data, scale };
}

/** Dot product of the query with every row. */
export function scoresOf(m: Matrix, q: ArrayLike<number>, out = new Float32Array(m.n)): Float32Array {
  if (q.length !== m.dim) throw new Error(`query has ${q.length} values, the items ${m.dim}`);
  const { dim, data } = m;
  for (let i = 0; i < m.n; i++) {
    let s = 0;
    const o = i * dim;
    for (let j = 0; j < dim; j++) s += data[o + j]! * q[j]!;
    out[i] = m.kind === 'i8' ? s * m.scale[i]! : s;
  }
  return out;
}

/** Indices of the k highest scores, best first; `skip` leaves rows out (bought, dismissed). */
export function topK(scores: ArrayLike<number>, k: number, skip?: (i: number) => boolean): number[] {
  // A min-heap of the best k seen so far: O(n log k).
  const heap: number[] = [];
  const less = (a: number, b: number) => scores[a]! < scores[b]! || (scores[a] === scores[b] && a > b);
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && less(heap[l]!, heap[m]!)) m = l;
      if (r < heap.length && less(heap[r]!, heap[m]!)) m = r;
      if (m === i) return;
      [heap[i], heap[m]] = [heap[m]!, heap[i]!];
      i = m;
    }
  };
  for (let i = 0; i < scores.length; i++) {
    if (skip?.(i) || Number.isNaN(scores[i])) continue;
    if (heap.length < k) {
      heap.push(i);
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1;
        if (!less(heap[c]!, heap[p]!)) break;
        [heap[c], heap[p]] = [heap[p]!, heap[c]!];
        c = p;
      }
    } else if (less(heap[0]!, i)) {
      heap[0] = i;
      down(0);
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : -1));
}
