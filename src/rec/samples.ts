// Training samples from a shopper's own sequence, on every shop: each time they chose a product
// (opened, saved, carted, bought it), the features of everything the device knew on that shop at
// that moment (with the listing it was chosen from, if one was read just before), and which one
// they chose. No sample sees its own answer: the profile a sample is
// scored against is built from every other product of the history (leave one out), and the price
// level and brands from the choices before it. Used on the device and offline, by the same code.
import type { EventType } from '../shared/schemas.ts';
import { brandKey, featureMatrix, logPriceLevel, type ItemSignals } from './features.ts';
import { buildProfile, type Profile } from './profile.ts';
import type { Interaction, RecSettings } from './signals.ts';
import { PRIOR_SPREAD, type ListSample, type TowerWeights } from './twotower.ts';

/** What counts as choosing a product from a shop. */
export const CHOSEN: ReadonlySet<EventType> = new Set(['view', 'dwell', 'click', 'rec_click', 'wishlist', 'cart', 'purchase', 'like']);
export const SHOWN: ReadonlySet<EventType> = new Set(['impression', 'rec_impression']);

export interface SequenceEvent extends Interaction {
  site: string;
  /** The page view that reported it (capture's key; absent on older events and offline). */
  view?: string;
}

/** The items of `site` the device knew at time `ts` (the chosen one among them or not). */
export type PoolOf = (site: string, ts: number) => readonly ItemSignals[];

/** Pseudo-prior observations for the price level and spread (shrinkage toward the shop's average). */
const PRICE_PRIOR_N = 2;
/** A brand's affinity: its share of the choices, shrunk by this many pseudo-choices. */
const BRAND_PRIOR_N = 3;
/** A choice this long after a listing was read on its shop was not made from it. */
export const PAGE_WINDOW_MS = 30 * 60 * 1000;

/** Follows the listings read on each shop: a listing is the impressions of one page view (a page
 * that loads more cards as it scrolls reports them at later times), or, without a view, the
 * impressions of one read (they share their timestamp). */
export class PageTracker {
  private last = new Map<string, { key: string; ts: number; ids: string[] }>();
  see(e: SequenceEvent): void {
    if (e.type !== 'impression') return;
    const key = e.view ?? `at ${e.ts}`;
    const cur = this.last.get(e.site);
    if (cur && cur.key === key) {
      if (!cur.ids.includes(e.itemId)) cur.ids.push(e.itemId);
      cur.ts = Math.max(cur.ts, e.ts);
    } else this.last.set(e.site, { key, ts: e.ts, ids: [e.itemId] });
  }
  /** The ids of the listing the shopper was on at `ts` on `site`, if one was read shortly before. */
  pageAt(site: string, ts: number): readonly string[] | undefined {
    const cur = this.last.get(site);
    return cur && ts >= cur.ts && ts - cur.ts <= PAGE_WINDOW_MS ? cur.ids : undefined;
  }
}

/** Larger pools are subsampled (deterministically): the softmax then estimates the same thing. */
const MAX_POOL = 400;

export interface Sequence {
  samples: ListSample[];
  /** The user tower's price level/spread and brand affinities after the whole sequence. */
  user: Pick<TowerWeights, 'priceMean' | 'priceSpread' | 'brands'>;
}

class UserStats {
  private prices: number[] = [];
  private brandCounts = new Map<string, number>();
  private choices = 0;
  add(chosen: ItemSignals, pool: readonly ItemSignals[]): void {
    this.choices++;
    const level = logPriceLevel(pool);
    if (chosen.price && chosen.price > 0 && level !== undefined) this.prices.push(Math.log(chosen.price) - level);
    const b = brandKey(chosen.brand);
    if (b) this.brandCounts.set(b, (this.brandCounts.get(b) ?? 0) + 1);
  }
  get user(): Sequence['user'] {
    const n = this.prices.length;
    const mean = n ? this.prices.reduce((a, b) => a + b, 0) / n : 0;
    const ss = this.prices.reduce((a, r) => a + (r - mean) ** 2, 0);
    return {
      priceMean: (n * mean) / (n + PRICE_PRIOR_N),
      priceSpread: Math.sqrt((ss + PRICE_PRIOR_N * PRIOR_SPREAD ** 2) / (n + PRICE_PRIOR_N)),
      brands: [...this.brandCounts].map(([b, c]) => [b, c / (this.choices + BRAND_PRIOR_N)]),
    };
  }
}

const emptyProfile = (dim: number): Profile => ({ dim, interests: [{ centroid: new Float32Array(dim), importance: 1, members: [] }], mean: new Float32Array(dim), negatives: [], items: 0 });

function capped(pool: readonly ItemSignals[], chosen: string, salt: number): ItemSignals[] {
  if (pool.length <= MAX_POOL) return [...pool];
  // A fixed pseudo-random subset that keeps the chosen item.
  const keyed = pool.map((it, i) => ({ it, k: it.id === chosen ? -1 : ((Math.imul(i + 1, 2654435761) ^ salt) >>> 0) }));
  return keyed.sort((a, b) => a.k - b.k).slice(0, MAX_POOL).map((x) => x.it);
}

/** Time-ordered events in (impressions may be among them; they are skipped). */
export function sequenceOf(events: readonly SequenceEvent[], signalsOf: (id: string) => ItemSignals | undefined, poolOf: PoolOf, settings: Pick<RecSettings, 'halfLifeDays' | 'maxInterests'>): Sequence {
  // The profile is scored with the one built from the whole history when the shopper is ranked
  // for; a sample's profile is that one without the chosen product, not the profile of the moment:
  // a choice that opened a new interest (striped after red) is then scored against the taste the
  // history shows, and does not teach the model that content matters little.
  const kept = events.filter((e) => !SHOWN.has(e.type));
  const vectors = new Map<string, Float32Array>();
  for (const e of kept) {
    const v = signalsOf(e.itemId)?.vector;
    if (v) vectors.set(e.itemId, v);
  }
  const chosenOn = new Set<string>();
  const stats = new UserStats();
  const samples: ListSample[] = [];
  const pages = new PageTracker();
  for (const e of events) {
    pages.see(e);
    if (SHOWN.has(e.type)) continue;
    const item = signalsOf(e.itemId);
    const key = `${e.site}|${e.itemId}`;
    if (item && CHOSEN.has(e.type) && !chosenOn.has(key)) {
      chosenOn.add(key);
      const pool = capped(poolOf(e.site, e.ts).filter((p) => p.id !== e.itemId), e.itemId, samples.length).concat(item);
      // With no other product in the history there is no profile: the sample still says how the
      // shopper treats the shop's order, reviews, prices and brands (content features are then 0).
      const profile = buildProfile(kept.filter((x) => x.itemId !== e.itemId), vectors, e.ts, settings) ?? emptyProfile(item.vector.length);
      if (pool.length > 1) {
        const u = stats.user;
        // The listing it was chosen from, as the shopper saw it (the product's own card included:
        // pageKind leaves it out).
        const page = pages.pageAt(e.site, e.ts)?.flatMap((id) => signalsOf(id)?.vector ?? []);
        samples.push({ features: featureMatrix({ profile, priceMean: u.priceMean, priceSpread: u.priceSpread, brands: new Map(u.brands), page }, pool), n: pool.length, chosen: pool.length - 1 });
      }
      stats.add(item, pool);
    }
  }
  return { samples, user: stats.user };
}
