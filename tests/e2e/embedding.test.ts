// The embedding queue survives the background being stopped mid-way, in Chromium and in Firefox:
// stopped (Chromium: the service worker, through the DevTools protocol; Firefox: the event page,
// terminated from the chrome context) with some jobs done and others waiting, then woken by a shop's
// page, it finishes every job exactly once and loses none. What the vectors mean, the backend and
// "Find similar" are in embedding-both.test.ts; WebGPU in webgpu.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { CATEGORIES } from '../fixtures/shops/styles.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { JOB_COUNTS, jobsIn, type JobCounts } from './harness/in-extension.ts';
import { embeddedSite, shopperHarness, until } from './journeys.ts';

interface Item { id: string; site: string; imageUrl?: string }
interface Vec { itemId: string; image?: unknown; text?: unknown }
interface Job { id: string; itemId: string; kind: string; state: string }

const BOTH = ['text', 'image'] as const;
/** How many jobs are done and how many are not. */
async function jobStates(h: Harness): Promise<{ done: number; waiting: number }> {
  const c = await h.inExtension<JobCounts>(JOB_COUNTS);
  const done = jobsIn(c, BOTH, ['done']);
  return { done, waiting: jobsIn(c, BOTH) - done };
}

for (const browser of BROWSERS) {
  describe(`${browser}: the embedding queue stopped mid-way`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser);
    }, 180_000);
    afterAll(async () => h?.close());

    it('finishes every job exactly once when the background is stopped mid-queue and woken by a page', { timeout: 600_000 }, async () => {
      // Chromium's test build can pause between batches, which widens the moment to stop in; Firefox
      // runs the shipped build, where the queue runs flat out and the probe below must be quick.
      if (h.build === 'test') await h.setSetting('queuePauseMs', 1500);
      const shops = [SHOPS[0]!, SHOPS[1]!];
      const tabs: Tab[] = [];
      for (const s of shops) {
        const tab = await h.shopTab(s.id, '/');
        await h.grant(tab);
        await h.waitForPageKind(tab, 'listing');
        tabs.push(tab);
      }
      // Stop as soon as a batch is written and others still wait. Where the queue ran dry between two
      // looks (a quick machine, the shipped build's queue flat out), a category page of the second
      // shop brings products not seen yet, and so more jobs, and the look is taken again.
      const more = CATEGORIES.map((c) => h.shops.url(shops[1]!.id, `/c/${c}`));
      let seen = { done: 0, waiting: 0 };
      const before = await until(() => `some jobs done and others waiting (last seen: ${JSON.stringify(seen)})`, 120_000, async () => {
        seen = await jobStates(h);
        if (seen.done > 0 && seen.waiting === 0 && more.length) {
          await tabs[1]!.goto(more.shift()!);
          await h.waitForPageKind(tabs[1]!, 'listing');
        }
        return seen.done > 0 && seen.waiting > 0 && seen;
      });
      // stopBackground returns once the browser says it stopped. (Nothing is read from the stopped
      // background: in Chromium a call into a stopped worker waits until something wakes it.)
      await h.stopBackground();
      console.log(`[${browser}] stopped with ${before.done} jobs done and ${before.waiting} waiting`);

      // A shop's page wakes it (its content script sends what it read); it resumes from the database.
      await tabs[0]!.goto(h.shops.url(shops[0]!.id, '/c/dress'));
      await h.waitForPageKind(tabs[0]!, 'listing', 30_000);
      await until('the background woken', 15_000, () => h.backgroundRunning());
      if (h.build === 'test') await h.setSetting('queuePauseMs', 0);
      for (const s of shops) await embeddedSite(h, s.host);
      await until('every job done', 60_000, async () => (await jobStates(h)).waiting === 0);

      const d = await h.dump();
      const hosts = new Set(shops.map((s) => s.host));
      const items = (d.items as Item[]).filter((i) => hosts.has(i.site));
      const ids = new Set(items.map((i) => i.id));
      const jobs = (d.jobs as Job[]).filter((j) => ids.has(j.itemId));
      expect(jobs.every((j) => j.state === 'done')).toBe(true);
      expect(jobs).toHaveLength(items.length + items.filter((i) => i.imageUrl).length); // one text and one image job per item, no more
      const vectors = (d.vectors as Vec[]).filter((v) => ids.has(v.itemId));
      expect(vectors).toHaveLength(items.length);
      expect(vectors.every((v) => v.image && v.text)).toBe(true);
      if (browser === 'chromium') {
        // The model ran in the one offscreen document, restarted with the worker.
        expect(await h.inExtension<number>('async () => (await chrome.runtime.getContexts({ contextTypes: ["OFFSCREEN_DOCUMENT"] })).length')).toBe(1);
      }
      for (const t of tabs) await t.close();
    });
  });
}
