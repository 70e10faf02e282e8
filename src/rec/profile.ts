// The shopper's private profile: several interests (clusters of the weighted history, as in
// PinnerSage, each with its importance and its most typical items), the global mean, and the
// vectors of what they dismissed. Built from interactions + item vectors; plain arrays, no DOM.
import { rng } from '../shared/random.ts';
import { dot, normalize } from '../shared/vector.ts';
import { itemWeights, type Interaction, type RecSettings } from './signals.ts';

export interface Interest {
  centroid: Float32Array;
  /** Share of the history's weight, 0..1; the interests' importances sum to 1. */
  importance: number;
  /** Member items, most typical (closest to the centroid) first. */
  members: string[];
}

export interface Profile {
  dim: number;
  interests: Interest[];
  mean: Float32Array;
  /** Vectors of items marked "not for me". */
  negatives: { itemId: string; vector: Float32Array }[];
  /** How many items with a positive weight it was built from. */
  items: number;
}

/** Weighted spherical k-means, seeded k-means++; merges interests that end up near-identical. */
function cluster(vecs: Float32Array[], weights: number[], k: number, seed = 1): { centroids: Float32Array[]; assign: number[] } {
  const r = rng(seed);
  const centroids: Float32Array[] = [vecs[weights.indexOf(Math.max(...weights))]!];
  while (centroids.length < k) {
    const d = vecs.map((v, i) => weights[i]! * Math.max(0, 1 - Math.max(...centroids.map((c) => dot(c, v)))));
    const total = d.reduce((a, b) => a + b, 0);
    if (total <= 1e-9) break;
    let x = r() * total;
    let pick = 0;
    while (pick < d.length - 1 && (x -= d[pick]!) > 0) pick++;
    centroids.push(vecs[pick]!);
  }
  let assign = new Array<number>(vecs.length).fill(0);
  for (let iter = 0; iter < 15; iter++) {
    const next = vecs.map((v) => {
      let best = 0;
      for (let c = 1; c < centroids.length; c++) if (dot(centroids[c]!, v) > dot(centroids[best]!, v)) best = c;
      return best;
    });
    const changed = next.some((a, i) => a !== assign[i]) || iter === 0;
    assign = next;
    for (let c = 0; c < centroids.length; c++) {
      const sum = new Float32Array(vecs[0]!.length);
      vecs.forEach((v, i) => {
        if (assign[i] === c) for (let j = 0; j < v.length; j++) sum[j]! += weights[i]! * v[j]!;
      });
      if (sum.some((x) => x !== 0)) centroids[c] = normalize(sum);
    }
    if (!changed) break;
  }
  return { centroids, assign };
}

export function buildProfile(
  interactions: readonly Interaction[],
  vectors: ReadonlyMap<string, Float32Array>,
  now: number,
  settings: Pick<RecSettings, 'halfLifeDays' | 'maxInterests'>,
): Profile | undefined {
  const weights = itemWeights(interactions, now, settings.halfLifeDays);
  const pos: { id: string; v: Float32Array; w: number }[] = [];
  const negatives: Profile['negatives'] = [];
  for (const [id, w] of weights) {
    const v = vectors.get(id);
    if (!v) continue;
    if (w > 0) pos.push({ id, v, w });
    else negatives.push({ itemId: id, vector: v });
  }
  if (!pos.length) return undefined;
  const dim = pos[0]!.v.length;
  const mean = new Float32Array(dim);
  for (const p of pos) for (let j = 0; j < dim; j++) mean[j]! += p.w * p.v[j]!;
  // Roughly one interest per three items, at most maxInterests.
  const k = Math.max(1, Math.min(settings.maxInterests, Math.ceil(pos.length / 3)));
  const { centroids, assign } = cluster(pos.map((p) => p.v), pos.map((p) => p.w), k);
  const total = pos.reduce((a, p) => a + p.w, 0);
  let interests: Interest[] = centroids.map((c, ci) => {
    const members = pos.filter((_, i) => assign[i] === ci);
    return {
      centroid: c,
      importance: members.reduce((a, p) => a + p.w, 0) / total,
      members: members.sort((a, b) => dot(c, b.v) - dot(c, a.v)).map((p) => p.id),
    };
  }).filter((i) => i.members.length > 0);
  // Two interests that point the same way are one.
  interests = interests.sort((a, b) => b.importance - a.importance).reduce<Interest[]>((kept, i) => {
    const twin = kept.find((k2) => dot(k2.centroid, i.centroid) > 0.97);
    if (twin) {
      twin.importance += i.importance;
      twin.members.push(...i.members);
    } else kept.push(i);
    return kept;
  }, []);
  return { dim, interests, mean: normalize(mean), negatives, items: pos.length };
}
