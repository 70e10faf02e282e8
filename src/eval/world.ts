// A synthetic cross-shop world where the right answer is known: shops with their own catalogues
// drawn from shared latent styles (category × colour × pattern × price band), each shop describing
// its items with its own offset and noise; item vectors as CLIP would see them (a style signal plus
// noise, in an "image" and a "text" view that agree only partly); shoppers with one to four
// interests and a budget, popularity skew, and sessions across shops over time. Each shop also shows
// what a real shop shows every visitor: a price, its own sort order (popularity seen through noise:
// shops sort by recent sales, not by true appeal) and, on a share of items, review counts and a
// rating.
import { rng } from '../shared/random.ts';
import { normalize } from '../shared/vector.ts';
import type { Dataset, EvalEvent, EvalItem } from './dataset.ts';

export interface WorldConfig {
  seed: number;
  shops: number;
  itemsPerShop: number;
  shoppers: number;
  dim: number;
  categories: number;
  colours: number;
  patterns: number;
  bands: number;
  /** Noise in each view, relative to the style signal. */
  imageNoise: number;
  textNoise: number;
  /** How far each shop's wording pulls its text vectors (metadata mismatch between shops). */
  shopOffset: number;
  /** Zipf exponent of item popularity within a shop. */
  popularitySkew: number;
  sessionsPerShopper: number;
  /** Products shown per listing in a session. */
  listingSize: number;
  /** Chance that a session's choice follows an interest rather than popularity. */
  interestFollow: number;
  days: number;
  /** Noise of the shop's sort order around popularity (log units; 0 = sorted by true popularity). */
  sortNoise: number;
  /** Products per listing page (listPage = ⌈position / pageSize⌉). */
  pageSize: number;
  /** Share of items that show a review count and rating. */
  reviewShare: number;
  /** Reviews of an item of average popularity. */
  reviewScale: number;
  /** Price noise within a price band (log units). */
  priceNoise: number;
}

export const DEFAULT_WORLD: WorldConfig = {
  seed: 42, shops: 5, itemsPerShop: 300, shoppers: 400, dim: 64,
  categories: 8, colours: 8, patterns: 5, bands: 3,
  imageNoise: 0.6, textNoise: 0.9, shopOffset: 0.4, popularitySkew: 0.8,
  sessionsPerShopper: 12, listingSize: 20, interestFollow: 0.8, days: 120,
  sortNoise: 0.7, pageSize: 24, reviewShare: 0.5, reviewScale: 20, priceNoise: 0.25,
};

export const QUICK_WORLD: WorldConfig = { ...DEFAULT_WORLD, shops: 3, itemsPerShop: 80, shoppers: 150, dim: 32, sessionsPerShopper: 8, listingSize: 12 };

export interface Style { category: number; colour: number; pattern: number; band: number }

/** An interest: some attributes fixed (undefined = any). */
export type Interest = Partial<Style>;

export interface World extends Dataset {
  config: WorldConfig;
  styles: Map<string, Style>;
  interests: Map<string, Interest[]>;
  budget: Map<string, number>;
}

const matches = (s: Style, i: Interest) => (Object.keys(i) as (keyof Style)[]).every((k) => i[k] === s[k]);

/** Price, sort position, page, reviews and rating of one shop's items (mutates them). */
function shopSignals(own: EvalItem[], styles: Map<string, Style>, popularity: Map<string, number>, cfg: WorldConfig, r: () => number, gauss: () => number): void {
  const scale = Math.exp(0.3 * gauss());
  const meanPop = own.reduce((a, it) => a + popularity.get(it.id)!, 0) / own.length;
  const sortKey = new Map(own.map((it) => [it.id, Math.log(popularity.get(it.id)!) + cfg.sortNoise * gauss()]));
  [...own].sort((a, b) => sortKey.get(b.id)! - sortKey.get(a.id)!).forEach((it, i) => {
    it.listPosition = i + 1;
    it.listPage = Math.floor(i / cfg.pageSize) + 1;
  });
  for (const it of own) {
    it.price = Math.round(20 * 2.5 ** styles.get(it.id)!.band * scale * Math.exp(cfg.priceNoise * gauss()) * 100) / 100;
    if (r() >= cfg.reviewShare) continue;
    const rel = popularity.get(it.id)! / meanPop;
    it.reviewCount = Math.floor(cfg.reviewScale * rel * Math.exp(0.7 * gauss()));
    if (it.reviewCount > 0) it.rating = Math.round(Math.min(5, Math.max(1, 4.1 + 0.15 * Math.log(rel) + 0.5 * gauss())) * 10) / 10;
  }
}

export function generateWorld(cfg: WorldConfig = DEFAULT_WORLD): World {
  const r = rng(cfg.seed);
  const gauss = () => Math.sqrt(-2 * Math.log(r() || 1e-12)) * Math.cos(2 * Math.PI * r());
  const randVec = () => normalize(Array.from({ length: cfg.dim }, gauss));
  const pick = (n: number) => Math.floor(r() * n);
  const attr = { category: Array.from({ length: cfg.categories }, randVec), colour: Array.from({ length: cfg.colours }, randVec), pattern: Array.from({ length: cfg.patterns }, randVec), band: Array.from({ length: cfg.bands }, randVec) };
  const weights = { category: 0.8, colour: 1, pattern: 0.7, band: 0.3 };
  const signal = (s: Style) => {
    const v = new Float32Array(cfg.dim);
    for (const k of ['category', 'colour', 'pattern', 'band'] as const) for (let j = 0; j < cfg.dim; j++) v[j]! += weights[k] * attr[k][s[k]]![j]!;
    return normalize(v);
  };
  // Noise of norm ≈ amount around a unit signal: amount 0.6 gives a cosine of about 0.85 to the style.
  const noisy = (base: Float32Array, amount: number, offset?: Float32Array, offsetAmount = 0) =>
    normalize(Array.from(base, (x, j) => x + (amount * gauss()) / Math.sqrt(cfg.dim) + (offset ? offsetAmount * offset[j]! : 0)));

  const items: EvalItem[] = [];
  const styles = new Map<string, Style>();
  const byShop = new Map<string, EvalItem[]>();
  const popularity = new Map<string, number>();
  for (let s = 0; s < cfg.shops; s++) {
    const shop = `shop-${s}`;
    const offset = randVec();
    const own: EvalItem[] = [];
    // Popularity ranks in a random order, so that an item's id says nothing about its popularity.
    const ranks = Array.from({ length: cfg.itemsPerShop }, (_, i) => i).sort(() => r() - 0.5);
    for (let i = 0; i < cfg.itemsPerShop; i++) {
      const style: Style = { category: pick(cfg.categories), colour: pick(cfg.colours), pattern: pick(cfg.patterns), band: pick(cfg.bands) };
      const base = signal(style);
      const image = noisy(base, cfg.imageNoise);
      const text = noisy(base, cfg.textNoise, offset, cfg.shopOffset);
      const vector = normalize(Array.from(image, (x, j) => x + text[j]!));
      const item: EvalItem = { id: `${shop}/i${i}`, shop, vector, image, text, addedAt: Math.floor(r() * cfg.days * 0.8) };
      items.push(item);
      own.push(item);
      styles.set(item.id, style);
      // Zipf over a random order: a few items are very popular in each shop.
      popularity.set(item.id, 1 / (ranks[i]! + 1) ** cfg.popularitySkew);
    }
    byShop.set(shop, own);
    shopSignals(own, styles, popularity, cfg, r, gauss);
  }

  const events: EvalEvent[] = [];
  const interests = new Map<string, Interest[]>();
  const budget = new Map<string, number>();
  const kinds = ['category', 'colour', 'pattern'] as const;
  const choicesOf: Record<(typeof kinds)[number], number> = { category: cfg.categories, colour: cfg.colours, pattern: cfg.patterns };
  for (let u = 0; u < cfg.shoppers; u++) {
    const user = `u${u}`;
    const n = 1 + pick(4);
    const mine: Interest[] = Array.from({ length: n }, () => {
      // Each interest fixes two of category, colour and pattern.
      const [a, b] = [...kinds].sort(() => r() - 0.5);
      return { [a!]: pick(choicesOf[a!]), [b!]: pick(choicesOf[b!]) } as Interest;
    });
    interests.set(user, mine);
    const myBudget = pick(cfg.bands);
    budget.set(user, myBudget);
    // Each shopper uses two to all shops.
    const shops = [...byShop.keys()].sort(() => r() - 0.5).slice(0, 2 + pick(cfg.shops - 1));
    let ts = Math.floor(r() * cfg.days * 0.2) * 86_400_000;
    for (let s = 0; s < cfg.sessionsPerShopper; s++) {
      ts += Math.floor((0.5 + r() * 2) * 86_400_000 * (cfg.days / cfg.sessionsPerShopper / 1.5));
      const shop = shops[pick(shops.length)]!;
      const own = byShop.get(shop)!;
      const focus = mine[pick(mine.length)]!;
      const affinity = (it: EvalItem) => {
        const st = styles.get(it.id)!;
        const hit = mine.some((i) => matches(st, i)) ? 1 : 0;
        const inBudget = st.band <= myBudget ? 1 : 0.3;
        return (matches(st, focus) ? 3 : hit) * inBudget;
      };
      // The listing: half browsing towards the session's focus, half drawn by popularity.
      const shown = new Set<EvalItem>();
      const byPop = [...own].map((it) => ({ it, key: r() ** (1 / popularity.get(it.id)!) })).sort((a, b) => b.key - a.key).map((x) => x.it);
      const byFocus = own.filter((it) => matches(styles.get(it.id)!, focus)).sort(() => r() - 0.5);
      for (const it of [...byFocus.slice(0, Math.ceil(cfg.listingSize / 2)), ...byPop]) {
        if (shown.size >= cfg.listingSize) break;
        shown.add(it);
      }
      const list = [...shown];
      const shownIds = list.map((i) => i.id);
      for (const it of list) events.push({ user, item: it.id, shop, type: 'impression', ts });
      // Choices: interest-driven with probability interestFollow, else popularity-driven.
      const choices = 1 + pick(3);
      for (let c = 0; c < choices; c++) {
        const follow = r() < cfg.interestFollow;
        const score = list.map((it) => (follow ? affinity(it) : popularity.get(it.id)!) * (0.3 + r()));
        const chosen = list[score.indexOf(Math.max(...score))]!;
        if (follow && affinity(chosen) === 0) continue;
        const t = ts + (c + 1) * 60_000;
        events.push({ user, item: chosen.id, shop, type: 'click', ts: t, shown: shownIds });
        events.push({ user, item: chosen.id, shop, type: 'view', ts: t + 1000 });
        const a = affinity(chosen);
        if (r() < 0.25 + 0.15 * a) events.push({ user, item: chosen.id, shop, type: 'cart', ts: t + 30_000, shown: shownIds });
        if (a >= 3 && r() < 0.3) events.push({ user, item: chosen.id, shop, type: 'purchase', ts: t + 90_000 });
      }
    }
  }
  events.sort((a, b) => a.ts - b.ts);
  return { name: `synthetic(seed ${cfg.seed})`, items, events, config: cfg, styles, interests, budget };
}
