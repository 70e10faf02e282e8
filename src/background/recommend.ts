// Recommendations in the extension: the profile from the stored history and vectors, the current
// two-tower weights, and the ranking for one shop. Reads only what it needs (the history's items and
// the shop's candidates), so a long history stays quick.
import type { EventType } from '../shared/schemas.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { buildProfile, type Profile } from '../rec/profile.ts';
import { PAGE_BONUS, rank, scoreCandidates, SIDEBAR_PICKS, type Candidate, type HistoryItem } from '../rec/rank.ts';
import { DEFAULT_REC_SETTINGS, EVENT_WEIGHT, type Interaction } from '../rec/signals.ts';
import { priorWeights, storedWeights, type TowerWeights } from '../rec/twotower.ts';
import { pickPhotos } from './catalogue/cascade.ts';
import { queueItems } from './embedding.ts';
import { db, type Db } from './db.ts';
import { currentModel } from './model-source.ts';
import { presentable, salePriceOf } from './rec-cards.ts';
import { shopNames } from './shop-names.ts';
import type { EventRecord, ItemRecord } from './schema.ts';
import { keptThumbs } from './capture-store.ts';

export interface RecCard {
  id: string;
  url: string;
  title: string;
  price?: number;
  /** The shop's crossed-out price when the product is on sale (above `price`). */
  listPrice?: number;
  currency?: string;
  /** The thumbnail Carryover keeps (a data: URL); never the shop's image URL, which would have to be fetched. */
  thumb?: string;
  /** 0..1 */
  match: number;
  reason?: string;
  /** Ranked on the title alone so far; the photo is still being read. */
  textOnly: boolean;
}

export interface RecResult {
  site: string;
  /** Show the sidebar by itself: a profile from other shops and little history here. */
  newShop: boolean;
  /** Why there is nothing to show, in words for the shopper. */
  empty?: string;
  items: RecCard[];
  /** Items of this shop still waiting for a vector: the ranking will improve as they arrive. */
  pending: number;
  ms: number;
  modelVersion: number;
}

const STRONG: ReadonlySet<EventType> = new Set(['cart', 'wishlist', 'purchase', 'like']);
const REASON: Record<HistoryItem['action'], MessageKey> = {
  bought: 'reasonBought', 'put in your basket': 'reasonCarted', saved: 'reasonSaved', liked: 'reasonLiked', 'looked at': 'reasonLooked',  // not shown to the shopper
};
const ACTION: Partial<Record<EventType, HistoryItem['action']>> = {
  purchase: 'bought', cart: 'put in your basket', wishlist: 'saved', like: 'liked', view: 'looked at', dwell: 'looked at', click: 'looked at', rec_click: 'looked at',  // not shown to the shopper
};


/** The shopper's trained weights, or the prior (content similarity) when there are none yet, or when
 * the stored ones are of the earlier MLP kind (they cannot score the new features). Weights learned
 * before a feature was added keep what they learned, the new feature at its prior (storedWeights). */
export async function currentWeights(d: Db): Promise<TowerWeights> {
  const rec = await d.get('model', 'current');
  return storedWeights(rec?.data) ?? priorWeights();
}

/** What the ranker sees of a stored item: its vector and what the shop showed (missing stays missing). */
export const signalsOf = (item: ItemRecord, vector: Float32Array) => ({
  id: item.id, vector, listPosition: item.listPosition, reviewCount: item.reviewCount, rating: item.rating, price: item.price, brand: item.brand,
});

export interface History {
  events: EventRecord[];
  items: Map<string, ItemRecord>;
  vectors: Map<string, { fused: Float32Array; image: boolean }>;
  modelId: string;
}

/** Every event, and the items and vectors the events name. */
export async function loadHistory(d: Db): Promise<History | undefined> {
  const model = await currentModel();
  if (!model) return undefined;
  const events = (await d.getAll('events')).filter((e) => EVENT_WEIGHT[e.type] !== 0);
  const ids = [...new Set(events.map((e) => e.itemId))];
  const items = new Map<string, ItemRecord>();
  const vectors = new Map<string, { fused: Float32Array; image: boolean }>();
  const tx = d.transaction(['items', 'vectors']);
  for (const id of ids) {
    const [item, vec] = await Promise.all([tx.objectStore('items').get(id), tx.objectStore('vectors').get(id)]);
    if (item) items.set(id, item);
    if (vec && vec.modelId === model.model.id) vectors.set(id, { fused: vec.fused, image: !!vec.image });
  }
  await tx.done;
  return { events, items, vectors, modelId: model.model.id };
}

export function profileOf(h: History, now: number): Profile | undefined {
  const interactions: Interaction[] = h.events;
  return buildProfile(interactions, new Map([...h.vectors].map(([id, v]) => [id, v.fused])), now, DEFAULT_REC_SETTINGS);
}

/** What the profile was built from: it is rebuilt when an event or a vector arrives (or a day passes,
 * for the time decay), and otherwise read back from the `profile` store. */
function fingerprint(h: History, now: number): string {
  const last = h.events.reduce((a, e) => Math.max(a, e.id ?? 0), 0);
  const images = [...h.vectors.values()].filter((v) => v.image).length;
  return `${h.modelId}|${h.events.length}|${last}|${h.vectors.size}|${images}|${Math.floor(now / 86_400_000)}`;
}

export async function storedProfile(d: Db, h: History, now: number): Promise<Profile | undefined> {
  const key = fingerprint(h, now);
  const snap = await d.get('profile', 'current');
  const data = snap?.data as { key?: string; profile?: Profile } | undefined;
  if (data?.key === key) return data.profile;
  const profile = profileOf(h, now);
  await d.put('profile', { slot: 'current', version: (snap?.version ?? 0) + 1, createdAt: now, data: { key, profile } });
  return profile;
}

function historyItems(h: History, p: Profile): HistoryItem[] {
  const strongest = new Map<string, EventType>();
  for (const e of h.events) {
    const prev = strongest.get(e.itemId);
    if (EVENT_WEIGHT[e.type] > 0 && (!prev || EVENT_WEIGHT[e.type] > EVENT_WEIGHT[prev])) strongest.set(e.itemId, e.type);
  }
  return p.interests.flatMap((i) => i.members).flatMap((id) => {
    const item = h.items.get(id);
    const v = h.vectors.get(id);
    const action = ACTION[strongest.get(id) ?? 'view'];
    return item && v && action ? [{ id, group: item.groupId, vector: v.fused, title: item.title, site: item.site, action }] : [];
  });
}

/** A profile from other shops and little history here: the sidebar shows by itself. */
function newShopOf(events: readonly EventRecord[], site: string): boolean {
  const here = events.filter((e) => e.site === site);
  const elsewhere = events.filter((e) => e.site !== site && EVENT_WEIGHT[e.type] > 0);
  return elsewhere.length > 0 && here.filter((e) => STRONG.has(e.type)).length <= 2 && here.filter((e) => e.type === 'view').length <= 10;
}

/** Whether the sidebar shows by itself on `site`, from the events alone (no ranking, no vectors). */
export async function isNewShop(site: string): Promise<boolean> {
  if (!(await currentModel())) return false;
  const events = (await (await db()).getAll('events')).filter((e) => EVENT_WEIGHT[e.type] !== 0);
  return newShopOf(events, site);
}

/** `onlyIfNew`: on a shop that is not new, answer that at once without ranking (the sidebar stays
 * away there unless asked, and most page views are on such shops). */
export async function recommend(site: string, pageIds: readonly string[], k = SIDEBAR_PICKS, now = Date.now(), opts: { onlyIfNew?: boolean } = {}): Promise<RecResult> {
  const started = performance.now();
  const d = await db();
  const done = (r: Omit<RecResult, 'site' | 'ms'>): RecResult => ({ site, ...r, ms: performance.now() - started });
  const h = await loadHistory(d);
  if (!h) return done({ newShop: false, empty: t('recNoModel'), items: [], pending: 0, modelVersion: 0 });
  const newShop = newShopOf(h.events, site);
  if (opts.onlyIfNew && !newShop) return done({ newShop, items: [], pending: 0, modelVersion: 0 });
  const profile = await storedProfile(d, h, now);
  if (!profile) return done({ newShop: false, empty: t('recNoHistory'), items: [], pending: 0, modelVersion: 0 });

  const onPage = new Set(pageIds);
  const candidates: Candidate[] = [];
  const shopItems = new Map<string, ItemRecord>();
  let pending = 0;
  const textOnly = new Set<string>();
  const fromCatalogue = new Set<string>();
  let catalogueTitlesWaiting = 0;
  const tx = d.transaction(['items', 'catalogue', 'vectors']);
  // The products seen on the shop, then (when the shopper opted in) the rest of its catalogue:
  // candidates only, never history. A catalogue product's photo is awaited only once the cascade
  // picked it.
  const seen = await tx.objectStore('items').index('site').getAll(site);
  const seenIds = new Set(seen.map((i) => i.id));
  const catalogue = (await tx.objectStore('catalogue').index('site').getAll(site)).filter((c) => !seenIds.has(c.id));
  for (const item of [...seen, ...catalogue]) {
    const isCatalogue = 'source' in item;
    shopItems.set(item.id, item);
    if (isCatalogue) fromCatalogue.add(item.id);
    const v = await tx.objectStore('vectors').get(item.id);
    if (!v || v.modelId !== h.modelId) {
      pending++;
      if (isCatalogue) catalogueTitlesWaiting++;
      continue;
    }
    if (!v.image && item.imageUrl && (!isCatalogue || item.photo)) {
      pending++;
      textOnly.add(item.id);
    }
    candidates.push({ ...signalsOf(item, v.fused), onPage: onPage.has(item.id), group: 'groupId' in item ? item.groupId : undefined });
  }
  await tx.done;
  const exclude = new Set(h.events.filter((e) => e.type === 'purchase' || e.type === 'dismiss').map((e) => e.itemId));
  const weights = await currentWeights(d);
  // Scored once for the sidebar's picks and the photo cascade (the listing's kind makes a large
  // catalogue's scoring cost tens of milliseconds).
  const scores = scoreCandidates(weights, profile, candidates);
  const ranked = rank(weights, profile, candidates, historyItems(h, profile), { k, mmrLambda: DEFAULT_REC_SETTINGS.mmrLambda, exclude, pageBonus: PAGE_BONUS }, scores);
  // The cascade picks photos once the catalogue's list is read (the crawl has no listing, API page or
  // sitemap left, only product pages if any) and every title kept is embedded: picked from a part of
  // the catalogue, the best 100 move as the rest arrives, and each move reads photos of products
  // that drop out again (measured: 201 photos read for a best 100, which waited behind the titles
  // all the same).
  const crawl = fromCatalogue.size ? await d.get('crawls', site) : undefined;
  const listing = crawl?.status === 'running' && crawl.queue.length > 0;
  if (fromCatalogue.size && !catalogueTitlesWaiting && !listing) {
    const scored = candidates.flatMap((c, i) => (fromCatalogue.has(c.id) && !exclude.has(c.id) ? [{ id: c.id, score: scores[i]! }] : []));
    const picked = await pickPhotos(d, site, scored);
    if (picked.length) void queueItems(picked);
  }
  const nameOf = await shopNames(d);
  const thumbOf = await keptThumbs(d, ranked.map((r) => r.id));
  const items = presentable(ranked).map((r): RecCard => {
    const item = shopItems.get(r.id)!;
    const because = r.because;
    return {
      id: r.id, url: item.url, title: item.title, price: item.price, currency: item.currency, thumb: thumbOf.get(r.id),
      listPrice: salePriceOf(item),
      match: r.match,
      reason: because ? t(REASON[because.action], because.title, nameOf(because.site)) : undefined,
      textOnly: textOnly.has(r.id),
    };
  });
  return done({
    newShop, items, pending, modelVersion: weights.version,
    empty: items.length ? undefined : t(candidates.length ? 'recAllExcluded' : 'recStillReading'),
  });
}
