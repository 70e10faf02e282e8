// Vector math shared by the background, the ML document and the recommender. Pure; no allocation
// beyond the result.

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return Math.sqrt(s);
}

/** A unit-length copy (a zero vector stays zero: it has no direction to keep). */
export function normalize(v: ArrayLike<number>): Float32Array {
  const n = norm(v);
  const out = new Float32Array(v.length);
  if (n > 0) for (let i = 0; i < v.length; i++) out[i] = v[i]! / n;
  return out;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectors of different lengths (${a.length} and ${b.length})`); // not shown to the shopper
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const d = norm(a) * norm(b);
  return d > 0 ? dot(a, b) / d : 0;
}

/** The item vector: L2-normalised mean of the normalised image and text embeddings, either alone
 * when the other is missing (DESIGN.md, Recommendation). */
export function fuse(image: ArrayLike<number> | undefined, text: ArrayLike<number> | undefined): Float32Array {
  if (!image && !text) throw new Error('an item vector needs an image or a text embedding'); // not shown to the shopper
  if (!image) return normalize(text!);
  if (!text) return normalize(image);
  const a = normalize(image);
  const b = normalize(text);
  const sum = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) sum[i] = a[i]! + b[i]!;
  return normalize(sum);
}
