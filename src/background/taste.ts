// The taste map for the options page: the history's products placed by the first two principal
// components of their vectors, grouped by the profile's interests, each interest a board: named by
// the words its products share, with their kept photos. "Forget this interest" deletes the
// interactions that built it.
import { pca2 } from '../rec/pca.ts';
import { EVENT_WEIGHT } from '../rec/signals.ts';
import { db } from './db.ts';
import { interestLabel } from './interest-label.ts';
import { loadHistory, storedProfile } from './recommend.ts';

export interface TastePoint { id: string; x: number; y: number; interest: number; title: string; site: string; imageUrl?: string }
export interface TasteMap {
  points: TastePoint[];
  interests: {
    index: number;
    /** The words its products share ("Red striped shirt"). */
    name: string;
    importance: number;
    members: string[];
    /** Kept thumbnails (data: URLs) of its first products, for its board. */
    photos: { id: string; title: string; thumb: string }[];
  }[];
  explained: [number, number];
}

/** Photos on a board: enough to see what it is, few enough for every board to fit. */
const BOARD_PHOTOS = 6;

export async function tasteMap(now = Date.now()): Promise<TasteMap> {
  const d = await db();
  const h = await loadHistory(d);
  const profile = h && (await storedProfile(d, h, now));
  if (!h || !profile) return { points: [], interests: [], explained: [0, 0] };
  const ids = profile.interests.flatMap((i) => i.members).filter((id) => h.vectors.has(id));
  const { points, explained } = pca2(ids.map((id) => h.vectors.get(id)!.fused));
  const interestOf = new Map(profile.interests.flatMap((i, k) => i.members.map((m) => [m, k] as const)));
  const thumbs = d.transaction('thumbs').store;
  const photosOf = async (members: string[]) => {
    const got = await Promise.all(members.slice(0, 12).map(async (id) => ({ id, title: h.items.get(id)?.title ?? id, thumb: (await thumbs.get(id))?.dataUrl })));
    return got.filter((p): p is { id: string; title: string; thumb: string } => !!p.thumb).slice(0, BOARD_PHOTOS);
  };
  const photos = await Promise.all(profile.interests.map((i) => photosOf(i.members)));
  return {
    explained,
    points: ids.map((id, k) => {
      const item = h.items.get(id);
      return { id, x: points[k]![0], y: points[k]![1], interest: interestOf.get(id) ?? 0, title: item?.title ?? id, site: item?.site ?? '', imageUrl: item?.imageUrl };
    }),
    interests: profile.interests.map((i, k) => ({
      index: k,
      name: interestLabel(i.members.map((m) => h.items.get(m)?.title ?? '').filter(Boolean)),
      importance: i.importance,
      members: i.members,
      photos: photos[k]!,
    })),
  };
}

/** Deletes the interactions that put these products in the profile (not the products themselves). */
export async function forgetInterest(itemIds: readonly string[]): Promise<number> {
  const d = await db();
  const tx = d.transaction('events', 'readwrite');
  let n = 0;
  for (const id of itemIds) {
    for (const key of await tx.store.index('itemId').getAllKeys(id)) {
      const e = await tx.store.get(key);
      if (e && EVENT_WEIGHT[e.type] > 0) {
        await tx.store.delete(key);
        n++;
      }
    }
  }
  await tx.done;
  return n;
}
