// What the device can see about a product on its shop, and the shopper's side of it, turned into
// the two towers' features. Every item feature is relative to the other candidates of the same shop
// (centred on them), so that shops of any size, price level or review culture compare, and a
// feature the shop does not show for an item counts as that shop's average (0 after centring).
import { dot } from '../shared/vector.ts';
import { matrixOf } from './topk.ts';
import { TopKIndex } from './topk-index.ts';
import type { Profile } from './profile.ts';

/** A product as the ranker sees it: its vector and what the shop shows every visitor. */
export interface ItemSignals {
  id: string;
  vector: Float32Array;
  /** 1-based place in the shop's listing (its own sort order, which tracks sales). */
  listPosition?: number;
  reviewCount?: number;
  /** 0–5 */
  rating?: number;
  price?: number;
  brand?: string;
}

/** The features, in the order of the weights θ. */
export const FEATURES = ['content', 'interest', 'position', 'reviews', 'rating', 'cheaper', 'price fit', 'brand', 'page kind'] as const;
export const NF = FEATURES.length;

/** The user tower's inputs besides the weights: the profile (mean and interest vectors), the price
 * level and spread of what they chose (log price relative to the shop), their brand affinities. */
export interface UserState {
  profile: Profile;
  priceMean: number;
  priceSpread: number;
  brands: ReadonlyMap<string, number>;
  /** The vectors of the listing the shopper is looking at (or was, when they chose): the context,
   * not the shopper. Absent, or under PAGE_MIN products, it says nothing. */
  page?: readonly Float32Array[];
}

/** A listing this small says nothing about what the shopper is after. */
export const PAGE_MIN = 4;
/** Sharpness of the likeness kernel exp(β (cos − 1)): products within about 0.1 of each other count. */
const PAGE_BETA = 10;
/** The shop's side of the ratio is estimated on at most this many of its products. */
const PAGE_SHOP_SAMPLE = 64;
/** Likeness below this (what every product at cosine 0.3 gives, or one in ten at 0.54) is no
 * evidence either way. */
const PAGE_FLOOR = 1e-3;
/** A page product's kind must be on the page about a fifth more than in the shop (log ratio 0.2)
 * before it counts as the page's kind: below that it is the noise of a page as mixed as the shop. */
const PAGE_MARGIN = 0.2;
/** Cosine above which two vectors are the same product (a card and its twin). */
const SAME = 0.995;

/**
 * Each target's mean likeness to the products `of` (each counted by its weight) against its mean
 * likeness to a sample of the shop, as a log ratio (kernel densities). A product's own copy among
 * `of` (or a twin) is left out: being there is not evidence about its kind.
 */
function likenessRatio(targets: readonly Float32Array[], of: readonly Float32Array[], weights: readonly number[] | undefined, shop: readonly Float32Array[]): Float64Array {
  const n = targets.length;
  // Every target against every reference is n × (of + sample) dot products: scanned as int8 with
  // the SIMD kernel (topk-index.ts), whose rounding is far below the kernel's width.
  const index = new TopKIndex(matrixOf(targets));
  // Mean likeness of each target to a set, plus a floor shared by both sides: a product like
  // nothing there and nothing in the shop gets log(floor / floor) = 0, not the ratio of two noises.
  const density = (set: readonly Float32Array[], w?: readonly number[]) => {
    const sum = new Float64Array(n);
    const mass = new Float64Array(n);
    set.forEach((y, j) => {
      const wj = w ? w[j]! : 1;
      if (wj <= 0) return;
      const c = index.dots(y);
      for (let i = 0; i < n; i++) {
        if (targets[i] === y || c[i]! > SAME) continue;
        sum[i]! += wj * Math.exp(PAGE_BETA * (c[i]! - 1));
        mass[i]! += wj;
      }
    });
    return Float64Array.from(sum, (s, i) => (mass[i] ? s / mass[i]! : 0) + PAGE_FLOOR);
  };
  const there = density(of, weights);
  const inShop = density(shop);
  return Float64Array.from(there, (p, i) => Math.log(p) - Math.log(inShop[i]!));
}

/**
 * How much more of a product's kind the page shows than the shop does. A listing the shopper opened
 * leans towards what they are after (a search, a category, a filter, the shop's picks for them),
 * but is seldom only that: bestsellers, promotions and fillers sit beside it. So the page's own
 * kind is found first, each of its products weighted by how much more of its kind the page holds
 * than the shop, beyond a margin (a filler like nothing else there weighs 0), and every candidate
 * is then measured against that weighted page. The result is a lift, never a penalty (clipped at
 * 0): a page says what the shopper is after now, not that their other tastes are off. A page that
 * is a fair sample of the shop gives every product about 0. A product's own copy on the page is
 * left out, so being on the page is not the signal (rank.ts has its own small on-page preference).
 */
function pageKind(items: readonly ItemSignals[], page: readonly Float32Array[]): Float64Array {
  // A fixed pseudo-random sample of the shop (not every k-th: a list's order can have a period).
  const order = items.map((_, i) => ({ i, k: Math.imul(i + 1, 2654435761) >>> 0 })).sort((a, b) => a.k - b.k);
  const shop = order.slice(0, PAGE_SHOP_SAMPLE).map((x) => items[x.i]!.vector);
  const weights = Array.from(likenessRatio(page, page, undefined, shop), (x) => Math.max(0, x - PAGE_MARGIN));
  if (!weights.some((w) => w > 0)) return new Float64Array(items.length);
  const kind = likenessRatio(items.map((it) => it.vector), page, weights, shop);
  return kind.map((x) => Math.max(0, x));
}

export const brandKey = (b: string | undefined) => b?.trim().toLowerCase() || undefined;

/** Mean log price of the items that have one (the shop's price level). */
export function logPriceLevel(items: readonly ItemSignals[]): number | undefined {
  let s = 0;
  let n = 0;
  for (const it of items) if (it.price && it.price > 0) {
    s += Math.log(it.price);
    n++;
  }
  return n ? s / n : undefined;
}

function centre(col: Float64Array, present: Uint8Array, stride: number, f: number, n: number, scaleToUnit = false): void {
  let s = 0;
  let c = 0;
  for (let i = 0; i < n; i++) if (present[i * stride + f]) {
    s += col[i * stride + f]!;
    c++;
  }
  const m = c ? s / c : 0;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const k = i * stride + f;
    col[k] = present[k] ? col[k]! - m : 0;
    v += col[k]! * col[k]!;
  }
  // Content is scaled to unit spread per list, so that its weight is a softmax temperature that
  // means the same on every shop; a list of near-identical items is not blown up (floor).
  if (scaleToUnit && n) {
    const sd = Math.max(Math.sqrt(v / n), 0.02);
    for (let i = 0; i < n; i++) col[i * stride + f]! /= sd;
  }
}

/** Fills feature `y` where missing by a least-squares line on feature `x`, over the rows having both. */
function imputeFrom(m: Float64Array, present: Uint8Array, n: number, x: number, y: number): void {
  let c = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const o = i * NF;
    if (!present[o + x] || !present[o + y]) continue;
    c++;
    sx += m[o + x]!;
    sy += m[o + y]!;
    sxx += m[o + x]! ** 2;
    sxy += m[o + x]! * m[o + y]!;
  }
  if (c < 5) return;
  const vx = sxx - (sx * sx) / c;
  const slope = vx > 1e-9 ? (sxy - (sx * sy) / c) / vx : 0;
  const icpt = (sy - slope * sx) / c;
  for (let i = 0; i < n; i++) {
    const o = i * NF;
    if (present[o + y] || !present[o + x]) continue;
    m[o + y] = icpt + slope * m[o + x]!;
    present[o + y] = 1;
  }
}

/** The item-tower features of one shop's candidates for one shopper: n × NF, row-major. */
export function featureMatrix(u: UserState, items: readonly ItemSignals[]): Float64Array {
  const n = items.length;
  const out = new Float64Array(n * NF);
  const present = new Uint8Array(n * NF);
  const level = logPriceLevel(items);
  items.forEach((it, i) => {
    const o = i * NF;
    out[o] = dot(u.profile.mean, it.vector);
    let best = -Infinity;
    for (const k of u.profile.interests) best = Math.max(best, dot(k.centroid, it.vector));
    out[o + 1] = best;
    present[o] = present[o + 1] = 1;
    if (it.listPosition && it.listPosition >= 1) [out[o + 2], present[o + 2]] = [-Math.log(it.listPosition), 1];
    if (it.reviewCount !== undefined) [out[o + 3], present[o + 3]] = [Math.log1p(it.reviewCount), 1];
    if (it.rating !== undefined && (it.reviewCount ?? 1) > 0) [out[o + 4], present[o + 4]] = [it.rating, 1];
    if (it.price && it.price > 0 && level !== undefined) {
      const r = Math.log(it.price) - level;
      [out[o + 5], present[o + 5]] = [-r, 1];
      [out[o + 6], present[o + 6]] = [-((r - u.priceMean) ** 2) / (2 * u.priceSpread ** 2), 1];
    }
    const b = brandKey(it.brand);
    if (b) [out[o + 7], present[o + 7]] = [u.brands.get(b) ?? 0, 1];
  });
  if (u.page && u.page.length >= PAGE_MIN && u.page.length < n) {
    const k = pageKind(items, u.page);
    for (let i = 0; i < n; i++) [out[i * NF + 8], present[i * NF + 8]] = [k[i]!, 1];
  }
  // Reviews and ratings are shown on some items only; where missing, they are read off the shop's
  // own relation between position and that feature (a popular item without visible reviews is not
  // an average one), so that they add to the order instead of fighting it.
  imputeFrom(out, present, n, 2, 3);
  imputeFrom(out, present, n, 2, 4);
  for (let f = 0; f < NF; f++) centre(out, present, NF, f, n, f < 2);
  return out;
}
