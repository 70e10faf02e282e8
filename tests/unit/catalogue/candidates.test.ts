// Catalogue products are candidates, not history: titles embedded for all and photos only for the
// cascade's best; no events; pruned after 30 days unless engaged; deleted with the shop's data and
// its crawl; counted (not exported) in the export.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { pickPhotos, PHOTO_BUDGET } from '../../../src/background/catalogue/cascade.ts';
import { promoteEngaged, pruneCatalogue } from '../../../src/background/catalogue/prune.ts';
import { newCrawl } from '../../../src/background/catalogue/state.ts';
import { deleteSiteData } from '../../../src/background/capture-store.ts';
import { exportAll } from '../../../src/background/data-transfer.ts';
import { openAt } from '../../../src/background/db.ts';
import { claim, enqueueItems } from '../../../src/background/queue.ts';
import { DB_VERSION, type CatalogueRecord } from '../../../src/background/schema.ts';

let n = 0;
const fresh = () => openAt(DB_VERSION, `candidates-test-${n++}`);
const SITE = 'quarry-road.localhost';
const DAY = 86_400_000;

function rec(i: number, over: Partial<CatalogueRecord> = {}): CatalogueRecord {
  const id = i.toString(16).padStart(32, '0');
  return { id, site: SITE, url: `http://${SITE}/item/${i}`, title: `Red silk scarf ${i}`, imageUrl: `http://img.${SITE}/${i}.webp`, source: 'sitemap', rank: i + 1, firstSeen: 0, lastSeen: 0, ...over };
}

async function seeded(count: number) {
  const d = await fresh();
  const recs = Array.from({ length: count }, (_, i) => rec(i));
  for (const r of recs) await d.put('catalogue', r);
  await d.put('crawls', newCrawl(SITE, `http://${SITE}`, [`img.${SITE}`], 0));
  return { d, recs };
}

describe('catalogue products as candidates', () => {
  it('every title is queued, a photo only once the cascade picked it', async () => {
    const { d, recs } = await seeded(300);
    await enqueueItems(d, recs.map((r) => r.id), 'm');
    const jobs = await d.getAll('jobs');
    expect(jobs.filter((j) => j.kind === 'text')).toHaveLength(300);
    expect(jobs.filter((j) => j.kind === 'image')).toHaveLength(0);
    expect((await claim(d, 'm'))!.request.texts[0]!.text).toContain('Red silk scarf');

    // Titles scored: the best N get their photo, and only they.
    const scored = recs.map((r, i) => ({ id: r.id, score: -i }));
    const picked = await pickPhotos(d, SITE, scored);
    expect(picked).toHaveLength(PHOTO_BUDGET);
    expect(picked).toEqual(recs.slice(0, PHOTO_BUDGET).map((r) => r.id));
    await enqueueItems(d, picked, 'm');
    expect((await d.getAll('jobs')).filter((j) => j.kind === 'image')).toHaveLength(PHOTO_BUDGET);
    // Asked again with the same scores, nothing new is picked; the photos read stay bounded.
    expect(await pickPhotos(d, SITE, scored)).toEqual([]);
    const reversed = recs.map((r, i) => ({ id: r.id, score: i }));
    expect(await pickPhotos(d, SITE, reversed)).toHaveLength(PHOTO_BUDGET);
    expect(await pickPhotos(d, SITE, recs.map((r) => ({ id: r.id, score: Math.random() })))).toEqual([]);
  });

  it('are pruned 30 days after they were last seen, unless the shopper engaged with one (then it is an item)', async () => {
    const { d, recs } = await seeded(3);
    await d.put('catalogue', { ...recs[2]!, lastSeen: 40 * DAY });
    await d.put('vectors', { itemId: recs[0]!.id, modelId: 'm', fused: new Float32Array([1, 0]) });
    expect(await promoteEngaged(d, recs[1]!.id, SITE, 1)).toBe(true);
    expect(await promoteEngaged(d, recs[1]!.id, 'elsewhere.localhost', 1)).toBe(false);
    expect(await d.get('items', recs[1]!.id)).toMatchObject({ title: recs[1]!.title, site: SITE });
    expect(await d.count('events')).toBe(0);
    expect(await pruneCatalogue(d, 45 * DAY)).toBe(1);
    expect((await d.getAllKeys('catalogue')).sort()).toEqual([recs[1]!.id, recs[2]!.id].sort());
    expect(await d.get('vectors', recs[0]!.id)).toBeUndefined();
  });

  it("go with the shop's data, and its crawl stops", async () => {
    const { d, recs } = await seeded(5);
    await d.put('vectors', { itemId: recs[0]!.id, modelId: 'm', fused: new Float32Array([1, 0]) });
    await d.put('catalogue', { ...rec(9), site: 'other.localhost', id: 'f'.repeat(32) });
    expect(await deleteSiteData(d, SITE)).toEqual({ items: 0, events: 0, catalogue: 5 });
    expect(await d.getAllKeys('catalogue')).toEqual(['f'.repeat(32)]);
    expect(await d.get('crawls', SITE)).toBeUndefined();
    expect(await d.count('vectors')).toBe(0);
  });

  it('are counted in the export, per shop, and not exported', async () => {
    const { d } = await seeded(4);
    const file = await exportAll(d, true);
    expect(file.catalogue).toEqual({ [SITE]: 4 });
    expect(JSON.stringify(file)).not.toContain('Red silk scarf');
  });
});
