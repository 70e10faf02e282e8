// Two principal components of the history's item vectors (power iteration with deflation; no
// matrix is formed), so that the options page can draw the taste map as a picture.

export interface Projection {
  /** Per input vector, its x and y on the first two components. */
  points: [number, number][];
  /** Share of the variance each component explains. */
  explained: [number, number];
}

export function pca2(vectors: readonly ArrayLike<number>[], iterations = 60): Projection {
  const n = vectors.length;
  if (!n) return { points: [], explained: [0, 0] };
  const dim = vectors[0]!.length;
  const mean = new Float64Array(dim);
  for (const v of vectors) for (let j = 0; j < dim; j++) mean[j]! += v[j]! / n;
  const centred = vectors.map((v) => Float64Array.from({ length: dim }, (_, j) => v[j]! - mean[j]!));
  const total = centred.reduce((a, c) => a + c.reduce((s, x) => s + x * x, 0), 0) || 1;
  const comps: Float64Array[] = [];
  const variances: number[] = [];
  for (let c = 0; c < 2; c++) {
    // A deterministic start that is not orthogonal to the data: the first centred vector with any spread.
    let w = Float64Array.from(centred.find((x) => x.some((y) => y !== 0)) ?? new Float64Array(dim).fill(1));
    for (let it = 0; it < iterations; it++) {
      const next = new Float64Array(dim);
      for (const x of centred) {
        let p = 0;
        for (let j = 0; j < dim; j++) p += x[j]! * w[j]!;
        for (let j = 0; j < dim; j++) next[j]! += p * x[j]!;
      }
      for (const prev of comps) {
        let p = 0;
        for (let j = 0; j < dim; j++) p += next[j]! * prev[j]!;
        for (let j = 0; j < dim; j++) next[j]! -= p * prev[j]!;
      }
      const norm = Math.hypot(...next) || 1;
      w = next.map((x) => x / norm);
    }
    comps.push(w);
    variances.push(centred.reduce((a, x) => {
      let p = 0;
      for (let j = 0; j < dim; j++) p += x[j]! * w[j]!;
      return a + p * p;
    }, 0));
  }
  const points = centred.map((x): [number, number] => comps.map((w) => x.reduce((s, v, j) => s + v * w[j]!, 0)) as [number, number]);
  return { points, explained: [variances[0]! / total, variances[1]! / total] };
}
