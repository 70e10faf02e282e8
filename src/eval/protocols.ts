// How a dataset is split into what rankers learn from and what they are judged on.
//  cross-shop — the product's case: per shopper, one shop they used is held out; their history is
//               their events on the other shops; candidates are that shop's catalogue; truth is
//               what they engaged with there. `targetEvents` moves their first n choices on the
//               held-out shop into the history (0, 1, 3, 5: how fast a new shop warms up).
//  temporal   — everything before the 80th percentile of time trains; each shopper's later choices are truth.
//  item-cold  — a fifth of the items are new (no events in training); truth is choices among them.
import { rng } from '../shared/random.ts';
import { isPositive, type Dataset, type EvalEvent, type EvalItem } from './dataset.ts';

export interface Case {
  user: string;
  history: EvalEvent[];
  candidates: EvalItem[];
  truth: Set<string>;
  /** History length bucket, for per-segment figures. */
  segment: string;
  now: number;
}

export interface Split {
  protocol: string;
  train: EvalEvent[];
  cases: Case[];
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

export function crossShop(ds: Dataset, o: { seed: number; targetEvents?: number; users?: ReadonlySet<string> } ): Split {
  const r = rng(o.seed);
  const shops = catalogues(ds);
  const held = new Set<EvalEvent>();
  const given = new Set<EvalEvent>();
  const cases: Case[] = [];
  for (const [user, events] of byUser(ds.events)) {
    const used = [...new Set(events.filter(isPositive).map((e) => e.shop))].sort();
    const pickedShop = used[Math.floor(r() * used.length)];
    if (used.length < 2 || !pickedShop || (o.users && !o.users.has(user))) continue;
    const there = events.filter((e) => e.shop === pickedShop);
    // The first n choices on the target shop (and what was shown until then) become history.
    const choices = there.filter(isPositive);
    const cutoff = o.targetEvents ? choices[Math.min(o.targetEvents, choices.length) - 1]?.ts ?? -Infinity : -Infinity;
    const early = there.filter((e) => e.ts <= cutoff);
    const late = there.filter((e) => e.ts > cutoff);
    for (const e of late) held.add(e);
    for (const e of early) given.add(e);
    const history = [...events.filter((e) => e.shop !== pickedShop), ...early].sort((a, b) => a.ts - b.ts);
    const seen = new Set(early.filter(isPositive).map((e) => e.item));
    const truth = new Set(late.filter(isPositive).map((e) => e.item).filter((i) => !seen.has(i)));
    if (!truth.size || !history.some(isPositive)) continue;
    cases.push({ user, history, candidates: shops.get(pickedShop)!, truth, segment: segmentOf(history), now: Math.min(...late.map((e) => e.ts)) });
  }
  return { protocol: o.targetEvents ? `cross-shop, ${o.targetEvents} events on the target shop` : 'cross-shop cold start', train: ds.events.filter((e) => !held.has(e)), cases };
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
  return { protocol: 'temporal', train: ds.events.filter((e) => e.ts < t), cases };
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
  return { protocol: 'item cold start', train: ds.events.filter((e) => !fresh.has(e.item)), cases };
}
