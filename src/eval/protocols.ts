// How a dataset is split into what rankers learn from and what they are judged on.
//  cross-shop — the product's case: per shopper, one shop they used is held out. Their history is
//               what they did before their first visit there (the device cannot know the future);
//               truth is what they engaged with there afterwards. Two candidate sets, as in the
//               product: "whole catalogue" (the shop's catalogue, the device knew the catalogues of
//               the shops they used) and "current page" (the listing of that first visit; the device
//               knew only what the shopper had been shown). `targetEvents` moves their first n
//               choices on the held-out shop into the history (1, 3, 5: how fast a new shop warms up).
//  temporal   — everything before the 80th percentile of time trains; each shopper's later choices are truth.
//  item-cold  — a fifth of the items are new (no events in training); truth is choices among them.
// Rankers that need other shoppers' data (oracles) train on `train`: every other shopper's events,
// held-out shop included, and nothing of a test shopper after the cut.
import { rng } from '../shared/random.ts';
import { isPositive, type Dataset, type EvalEvent, type EvalItem } from './dataset.ts';

/** What the device knew about the shops of the history: every catalogue, or only what was shown. */
export type Knows = 'catalogue' | 'seen';

export interface Case {
  user: string;
  history: EvalEvent[];
  candidates: EvalItem[];
  truth: Set<string>;
  /** History length bucket, for per-segment figures. */
  segment: string;
  now: number;
  /** The listing the shopper is looking at when ranked (the first one on the held-out shop). */
  page?: string[];
}

export interface Split {
  protocol: string;
  train: EvalEvent[];
  cases: Case[];
  knows: Knows;
}

export const PROTOCOLS = ['cross-shop', 'temporal', 'item-cold'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export function segmentOf(history: readonly EvalEvent[]): string {
  const n = new Set(history.filter(isPositive).map((e) => e.item)).size;
  return n <= 5 ? '1–5 items' : n <= 20 ? '6–20 items' : '21+ items';
}

function byUser(events: readonly EvalEvent[]): Map<string, EvalEvent[]> {
  const m = new Map<string, EvalEvent[]>();
  for (const e of events) (m.get(e.user) ?? m.set(e.user, []).get(e.user)!).push(e);
  return m;
}

function catalogues(ds: Dataset): Map<string, EvalItem[]> {
  const m = new Map<string, EvalItem[]>();
  for (const it of ds.items) (m.get(it.shop) ?? m.set(it.shop, []).get(it.shop)!).push(it);
  return m;
}

export interface CrossShopOptions {
  seed: number;
  targetEvents?: number;
  users?: ReadonlySet<string>;
  candidates?: 'catalogue' | 'page';
}

export function crossShop(ds: Dataset, o: CrossShopOptions): Split {
  const r = rng(o.seed);
  const shops = catalogues(ds);
  const items = new Map(ds.items.map((i) => [i.id, i]));
  const page = o.candidates === 'page';
  const excluded = new Set<EvalEvent>();
  const cases: Case[] = [];
  for (const [user, events] of byUser(ds.events)) {
    const used = [...new Set(events.filter(isPositive).map((e) => e.shop))].sort();
    const pickedShop = used[Math.floor(r() * used.length)];
    if (used.length < 2 || !pickedShop || (o.users && !o.users.has(user))) continue;
    const there = events.filter((e) => e.shop === pickedShop);
    const first = there[0]!.ts;
    // The first n choices on the target shop (and everything until then) become history.
    const choices = there.filter(isPositive);
    const cutoff = o.targetEvents ? choices[Math.min(o.targetEvents, choices.length) - 1]?.ts ?? first - 1 : first - 1;
    const history = events.filter((e) => e.ts <= cutoff);
    const seen = new Set(history.filter((e) => e.shop === pickedShop && isPositive(e)).map((e) => e.item));
    const late = there.filter((e) => e.ts > cutoff);
    if (!late.length) continue;
    // The page: the first listing shown after the cut on that shop.
    const shownAt = late.find((e) => e.type === 'impression')?.ts;
    const listing = [...new Set(late.filter((e) => e.type === 'impression' && e.ts === shownAt).map((e) => e.item))];
    const candidates = page ? listing.map((id) => items.get(id)!) : shops.get(pickedShop)!;
    const allowed = new Set(candidates.map((c) => c.id));
    const truth = new Set(late.filter(isPositive).map((e) => e.item).filter((i) => !seen.has(i) && allowed.has(i)));
    if (!truth.size || !history.some((e) => isPositive(e) && e.shop !== pickedShop)) continue;
    for (const e of events) if (e.ts > cutoff) excluded.add(e);
    cases.push({ user, history, candidates, truth, segment: segmentOf(history), now: late[0]!.ts, page: listing.length ? listing : undefined });
  }
  const what = page ? 'current page' : 'whole catalogue';
  return {
    protocol: o.targetEvents ? `cross-shop, ${o.targetEvents} events on the target shop (${what})` : `cross-shop cold start, ${what}`,
    train: ds.events.filter((e) => !excluded.has(e)),
    cases,
    knows: page ? 'seen' : 'catalogue',
  };
}

export function temporal(ds: Dataset): Split {
  const times = ds.events.map((e) => e.ts).sort((a, b) => a - b);
  const t = times[Math.floor(times.length * 0.8)] ?? 0;
  const shops = catalogues(ds);
  const cases: Case[] = [];
  for (const [user, events] of byUser(ds.events)) {
    const before = events.filter((e) => e.ts < t);
    const after = events.filter((e) => e.ts >= t && isPositive(e));
    const known = new Set(before.filter(isPositive).map((e) => e.item));
    const truth = new Set(after.map((e) => e.item).filter((i) => !known.has(i)));
    if (!truth.size || !before.some(isPositive)) continue;
    const candidates = [...new Set(after.map((e) => e.shop))].flatMap((s) => shops.get(s)!);
    cases.push({ user, history: before, candidates, truth, segment: segmentOf(before), now: t });
  }
  return { protocol: 'temporal', train: ds.events.filter((e) => e.ts < t), cases, knows: 'catalogue' };
}

export function itemCold(ds: Dataset, o: { seed: number }): Split {
  const r = rng(o.seed + 7);
  const fresh = new Set(ds.items.filter(() => r() < 0.2).map((i) => i.id));
  const cases: Case[] = [];
  for (const [user, events] of byUser(ds.events)) {
    const onNew = events.filter((e) => fresh.has(e.item) && isPositive(e));
    const shop = onNew[0]?.shop;
    const history = events.filter((e) => !fresh.has(e.item));
    if (!shop || !history.some(isPositive)) continue;
    const truth = new Set(onNew.filter((e) => e.shop === shop).map((e) => e.item));
    const candidates = ds.items.filter((i) => i.shop === shop && fresh.has(i.id));
    cases.push({ user, history, candidates, truth, segment: segmentOf(history), now: Math.min(...onNew.map((e) => e.ts)) });
  }
  return { protocol: 'item cold start', train: ds.events.filter((e) => !fresh.has(e.item)), cases, knows: 'catalogue' };
}
