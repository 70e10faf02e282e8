// The embedding queue over a real (fake-indexeddb) database: text before images, exactly-once
// effect across a stopped worker, retries with backoff and a visible reason, model changes.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openAt } from '../../../src/background/db.ts';
import { claim, complete, enqueueItems, MAX_ATTEMPTS, queueStatus, recoverQueue, runOnce, type Embedder } from '../../../src/background/queue.ts';
import { DB_VERSION, type ItemRecord } from '../../../src/background/schema.ts';
import { useLocale } from '../locale.ts';

useLocale('en'); // job errors are read in the popup

let n = 0;
const fresh = () => openAt(DB_VERSION, `queue-test-${n++}`);

function item(id: string, image = true): ItemRecord {
  return { id, site: 'a.localhost', url: `http://a.localhost/p/${id}`, title: `Red dress ${id}`, brand: 'B', category: ['Dresses'], imageUrl: image ? `http://img.a.localhost/${id}.jpg` : undefined, firstSeen: 0, lastSeen: 0 };
}

/** An embedder that counts how often each item was embedded and can fail chosen images. */
function fakeEmbedder(modelId = 'm1', badImages = new Set<string>()) {
  const calls: string[] = [];
  const embed: Embedder = async (req) => {
    calls.push(...req.texts.map((t) => `text:${t.id}`), ...req.images.map((i) => `image:${i.id}`));
    return {
      modelId,
      texts: req.texts.map((t) => ({ id: t.id, vector: [1, 0, 0] })),
      images: req.images.map((i) => (badImages.has(i.id) ? { id: i.id, error: 'the image answered 404' } : { id: i.id, vector: [0, 1, 0] })),
    };
  };
  return { embed, calls };
}

async function seed(ids: string[], image = true) {
  const d = await fresh();
  for (const id of ids) await d.put('items', item(id, image));
  return d;
}

describe('embedding queue', () => {
  it('embeds every item once, texts before images, and fuses the two vectors', async () => {
    const d = await seed(['a', 'b', 'c']);
    expect(await enqueueItems(d, ['a', 'b', 'c'], 'm1', 0)).toBe(6);
    expect(await enqueueItems(d, ['a', 'b', 'c'], 'm1', 0)).toBe(0); // already queued: nothing twice
    const { embed, calls } = fakeEmbedder();
    while (await runOnce(d, embed, 'm1', () => 1000));
    expect(calls).toEqual(['text:a', 'text:b', 'text:c', 'image:a', 'image:b', 'image:c']);
    const v = await d.get('vectors', 'a');
    expect(Array.from(v!.fused)).toEqual([Math.fround(Math.SQRT1_2), Math.fround(Math.SQRT1_2), 0]);
    expect((await queueStatus(d, 'm1', 1000)).done).toBe(6);
  });

  it('puts the products of the page the shopper has open first, and cuts other photo batches small', async () => {
    const background = Array.from({ length: 20 }, (_, i) => `bg${i}`);
    const d = await seed([...background, 'p1', 'p2']);
    await enqueueItems(d, [...background, 'p1'], 'm1', 0); // p1 was seen before, without a page open
    await enqueueItems(d, ['p1', 'p2'], 'm1', 5, { page: true }); // now a page shows p1 and p2
    const batches: string[][] = [];
    const embed: Embedder = async (req) => {
      batches.push([...req.texts.map((t) => `text:${t.id}`), ...req.images.map((i) => `image:${i.id}`)]);
      return { modelId: 'm1', texts: req.texts.map((t) => ({ id: t.id, vector: [1, 0, 0] })), images: req.images.map((i) => ({ id: i.id, vector: [0, 1, 0] })) };
    };
    while (await runOnce(d, embed, 'm1', () => 10));
    // The page's titles alone, the other titles, the page's photos alone, then the other photos 8 at a time.
    expect(batches[0]!.sort()).toEqual(['text:p1', 'text:p2']);
    expect(batches[1]).toHaveLength(20);
    expect(batches[2]!.sort()).toEqual(['image:p1', 'image:p2']);
    expect(batches.slice(3).map((b) => b.length)).toEqual([8, 8, 4]);
    expect(new Set(batches.flat()).size).toBe(44); // each job once
    expect((await queueStatus(d, 'm1', 10)).done).toBe(44);
  });

  it('puts the photos a batch cut short did not run back in the queue as they were, behind a page opened meanwhile', async () => {
    const older = Array.from({ length: 12 }, (_, i) => `old${i}`);
    const d = await seed([...older, 'new']);
    await enqueueItems(d, older, 'm1', 1, { page: true });
    const batches: string[][] = [];
    let cutNext = true;
    const embed: Embedder = async (req) => {
      batches.push([...req.texts.map((t) => `text:${t.id}`), ...req.images.map((i) => `image:${i.id}`)]);
      // The first photo batch gives way after 8 (a page was opened while it ran).
      const cut = cutNext && req.images.length > 8;
      if (cut) {
        cutNext = false;
        await enqueueItems(d, ['new'], 'm1', 20, { page: true });
      }
      const images = (cut ? req.images.slice(0, 8) : req.images).map((i) => ({ id: i.id, vector: [0, 1, 0] }));
      return { modelId: 'm1', texts: req.texts.map((t) => ({ id: t.id, vector: [1, 0, 0] })), images, ...(cut ? { cut: true } : {}) };
    };
    while (await runOnce(d, embed, 'm1', () => 30));
    expect(batches[0]).toHaveLength(12); // the older page's titles
    expect(batches[1]).toHaveLength(12); // its photos, cut after 8
    expect(batches[2]).toEqual(['text:new']); // the new page's title next
    expect(batches[3]![0]).toBe('image:new'); // its photo before the 4 left over
    expect(batches[3]!.slice(1).sort()).toEqual(batches[1]!.slice(8).sort()); // the 4 the cut batch did not run
    const jobs = await d.getAll('jobs');
    expect(jobs.every((j) => j.state === 'done' && j.attempts === 0)).toBe(true); // a cut is no failed attempt
    expect(new Set(batches.flat()).size).toBe(26);
  });

  it('keeps the thumbnail made from the photo it read, in the same write as the vector; refuses anything that is not inline image data', async () => {
    const d = await seed(['a', 'b', 'c']);
    await enqueueItems(d, ['a', 'b', 'c'], 'm1', 0);
    const thumbs: Record<string, string> = { a: 'data:image/webp;base64,UklGRiQAAABXRUJQ', b: 'http://img.a.localhost/b.jpg', c: 'data:image/svg+xml;base64,PHN2Zz4=' };
    const embed: Embedder = async (req) => ({
      modelId: 'm1',
      texts: req.texts.map((t) => ({ id: t.id, vector: [1, 0, 0] })),
      images: req.images.map((i) => ({ id: i.id, vector: [0, 1, 0], thumb: thumbs[i.id] })),
    });
    while (await runOnce(d, embed, 'm1', () => 1000));
    expect(await d.get('thumbs', 'a')).toEqual({ itemId: 'a', dataUrl: thumbs.a, createdAt: 1000 });
    expect(await d.get('thumbs', 'b')).toBeUndefined(); // a URL would be fetched at display time
    expect(await d.get('thumbs', 'c')).toBeUndefined(); // SVG can carry script
    expect(await d.get('vectors', 'b')).toBeDefined(); // the vector is kept all the same
  });

  it('a text vector alone is usable at once (ranking starts before images)', async () => {
    const d = await seed(['a']);
    await enqueueItems(d, ['a'], 'm1', 0);
    await runOnce(d, fakeEmbedder().embed, 'm1', () => 1);
    const v = await d.get('vectors', 'a');
    expect(v?.image).toBeUndefined();
    expect(Array.from(v!.fused)).toEqual([1, 0, 0]);
  });

  it('a worker stopped mid-batch: the batch is run again after restart, and the late answer is ignored', async () => {
    const d = await seed(['a', 'b']);
    await enqueueItems(d, ['a', 'b'], 'm1', 0);
    const lost = await claim(d, 'm1', 10); // the worker dies holding this batch
    expect(lost?.jobs.map((j) => j.id)).toEqual(['text:a', 'text:b']);
    expect(await recoverQueue(d, 'm1', 20)).toEqual({ requeued: 2, added: 0 });
    const { embed, calls } = fakeEmbedder();
    while (await runOnce(d, embed, 'm1', () => 30));
    // The old batch's answer arrives late (the offscreen document finished it): nothing changes.
    const late = await complete(d, lost!, { modelId: 'm1', texts: [{ id: 'a', vector: [9, 9, 9] }, { id: 'b', vector: [9, 9, 9] }], images: [] }, 40);
    expect(late).toEqual({ done: 0, failed: 0, stale: 2, requeued: 0 });
    expect(calls.filter((c) => c === 'text:a')).toHaveLength(1);
    expect(Array.from((await d.get('vectors', 'a'))!.text!)).toEqual([1, 0, 0]);
    const jobs = await d.getAll('jobs');
    expect(jobs.every((j) => j.state === 'done')).toBe(true);
    expect(new Set(jobs.map((j) => j.id)).size).toBe(4);
  });

  it('a failing image backs off with its reason, and fails for good after the last attempt', async () => {
    const d = await seed(['a', 'b']);
    await enqueueItems(d, ['a', 'b'], 'm1', 0);
    const { embed } = fakeEmbedder('m1', new Set(['b']));
    let now = 0;
    for (let i = 0; i < 20; i++) {
      while (await runOnce(d, embed, 'm1', () => now));
      now += 60 * 60_000;
    }
    const job = await d.get('jobs', 'image:b');
    expect(job).toMatchObject({ state: 'failed', attempts: MAX_ATTEMPTS, error: 'the image answered 404' });
    const status = await queueStatus(d, 'm1', now);
    expect(status.failed).toBe(1);
    expect(status.recentErrors[0]).toMatchObject({ itemId: 'b', kind: 'image', error: 'the image answered 404' });
    expect((await d.get('vectors', 'b'))!.image).toBeUndefined(); // its text vector still stands
  });

  it('when the whole runtime fails, every job of the batch backs off and nothing is lost', async () => {
    const d = await seed(['a'], false);
    await enqueueItems(d, ['a'], 'm1', 0);
    await expect(runOnce(d, async () => { throw new Error('WebGPU device lost'); }, 'm1', () => 0)).rejects.toThrow('device lost');
    expect(await d.get('jobs', 'text:a')).toMatchObject({ state: 'queued', attempts: 1, error: 'WebGPU device lost' });
    expect(await claim(d, 'm1', 1)).toBeUndefined(); // not before its backoff
    expect(await claim(d, 'm1', 10_000)).toBeDefined();
  });

  it('a new model re-embeds everything: start-up queues items whose vectors are of another model', async () => {
    const d = await seed(['a', 'b'], false);
    await enqueueItems(d, ['a', 'b'], 'm1', 0);
    while (await runOnce(d, fakeEmbedder('m1').embed, 'm1', () => 1));
    expect(await recoverQueue(d, 'm2', 2)).toEqual({ requeued: 0, added: 2 });
    while (await runOnce(d, fakeEmbedder('m2').embed, 'm2', () => 3));
    expect((await d.getAll('vectors')).map((v) => v.modelId)).toEqual(['m2', 'm2']);
  });

  it('refuses an answer from another model than the job asked for', async () => {
    const d = await seed(['a'], false);
    await enqueueItems(d, ['a'], 'm1', 0);
    await runOnce(d, fakeEmbedder('m-other').embed, 'm1', () => 1);
    expect(await d.get('jobs', 'text:a')).toMatchObject({ state: 'queued', error: expect.stringContaining('m-other') });
    expect(await d.get('vectors', 'a')).toBeUndefined();
  });

  it('drops the jobs of an item deleted meanwhile', async () => {
    const d = await seed(['a', 'b'], false);
    await enqueueItems(d, ['a', 'b'], 'm1', 0);
    await d.delete('items', 'a');
    const batch = await claim(d, 'm1', 1);
    expect(batch?.request.texts.map((t) => t.id)).toEqual(['b']);
    expect(await d.get('jobs', 'text:a')).toBeUndefined();
  });
});

describe('embedding queue, issue 12', () => {
  it('12.12: a vector with NaN or of the wrong length from the runtime is refused, the job backs off with the reason', async () => {
    const d = await seed(['a', 'b']);
    await enqueueItems(d, ['a', 'b'], 'm1', 0);
    const embed: Embedder = async (req) => ({
      modelId: 'm1',
      texts: req.texts.map((t) => ({ id: t.id, vector: t.id === 'a' ? [NaN, 1, 0] : [1, 0, 0] })),
      images: req.images.map((i) => ({ id: i.id, vector: [0, 1] })), // 2 numbers where the text had 3
    });
    while (await runOnce(d, embed, 'm1', () => 1000));
    expect((await d.get('vectors', 'a'))?.text).toBeUndefined();
    expect(Array.from((await d.get('vectors', 'b'))!.fused)).toEqual([1, 0, 0]);
    const errors = (await queueStatus(d, 'm1', 1000)).recentErrors.map((e) => `${e.kind}:${e.itemId}:${e.error}`);
    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^text:a:.*not all finite/), expect.stringMatching(/^image:b:.*unusable vector \(2 numbers\)/)]));
  });

  it('12.3: an item whose image URL is not http(s) gets no image job and its photo is never fetched', async () => {
    const d = await fresh();
    await d.put('items', { ...item('x'), imageUrl: 'javascript:alert(1)' });
    expect(await enqueueItems(d, ['x'], 'm1', 0)).toBe(1);
    const { embed, calls } = fakeEmbedder();
    while (await runOnce(d, embed, 'm1', () => 1000));
    expect(calls).toEqual(['text:x']);
  });
});
