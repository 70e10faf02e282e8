// Cold-start timing in the real extension: after carts on two shops, the time from a never-used
// shop's listing load to the ranked sidebar, over several reloads (median), in the test build; and
// once with the model not loaded (the offscreen document closed, as after the idle minutes): the
// first visit of another shop's listing to ranked picks, its titles embedded after the load, and to
// all of its photos embedded; and
// once more with a photo batch of other pages running when the listing opens (it gives way after
// the sub-batch it is on, ml/yield).
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { cartOn, embeddedSite, redAndStriped, sidebarMs, until } from '../../tests/e2e/journeys.ts';
import { JOB_COUNTS, jobsIn, type JobCounts } from '../../tests/e2e/harness/in-extension.ts';
import { SHOPS } from '../../tests/fixtures/shops/catalog.ts';
import { CATEGORIES } from '../../tests/fixtures/shops/styles.ts';

export interface ColdStart {
  loads: number; medianMs: number; minMs: number; maxMs: number; candidates: number;
  /** A never-visited listing with the model not loaded: page start to ranked picks, one visit. */
  modelNotLoadedMs: number;
  /** The same visit: from asking for the page until every one of its products' photos is embedded
   * (nothing else is queued then), and how many photos that is. */
  pagePhotos: { ms: number; photos: number };
  /** A never-visited listing opened while other pages' photos are being embedded, one visit; and how
   * many photos were waiting or running then. Null where the photos were all done before a batch of
   * them was seen running (the 60 KB test model embeds a photo in milliseconds). */
  behindPhotos: { ms: number; photosWaiting: number } | null;
}

/** What the idle release does in Chrome (ml-host.ts): the offscreen document and the model in it go. */
const CLOSE_ML = `async () => {
  if ((await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length) await chrome.offscreen.closeDocument();
  return (await chrome.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] })).length;
}`;

export async function benchColdStart(dist: string, loads = 7): Promise<ColdStart> {
  const h = await launchChromium({ build: 'test', dist });
  try {
    const [a, b, c, d] = [SHOPS[0]!, SHOPS[1]!, SHOPS[2]!, SHOPS[3]!];
    for (const s of [a, b]) await cartOn(h, s, redAndStriped(h, s));
    await embeddedSite(h, a.host);
    await embeddedSite(h, b.host);
    // Consent given on a page with no products (the empty basket), then the model let go, then the listing.
    const fresh = await h.shopTab(d.id, '/cart');
    await h.grant(fresh);
    if (await h.inExtension<number>(CLOSE_ML)) throw new Error('the offscreen document did not close');
    const photosBefore = jobsIn(await h.inExtension<JobCounts>(JOB_COUNTS), ['image'], ['done']);
    const asked = performance.now();
    await fresh.goto(h.shops.url(d.id, '/'));
    const modelNotLoadedMs = await sidebarMs(h, fresh, 120_000);
    // Nothing else is queued now (the two shops above are embedded), so the queue running dry after
    // photos were done is the page's photos done.
    const photos = await until('the listing\'s photos embedded', 240_000, async () => {
      const counts = await h.inExtension<JobCounts>(JOB_COUNTS);
      const done = jobsIn(counts, ['image'], ['done']) - photosBefore;
      return jobsIn(counts, ['text', 'image'], ['queued', 'running']) === 0 && done > 0 && done;
    });
    const pagePhotos = { ms: Math.round(performance.now() - asked), photos };
    // A backlog of photos: the rest of that shop's products, from its category pages, one after the
    // other; when their titles are done and a batch of their photos is running, the other shop's
    // listing opens.
    const page = await h.shopTab(c.id, '/cart');
    await h.grant(page);
    await embeddedSite(h, d.host);
    for (const cat of CATEGORIES) {
      await fresh.goto(h.shops.url(d.id, `/c/${cat}`));
      await h.waitForPageKind(fresh, 'listing');
    }
    const backlog = await until('photos of other pages being embedded, or all of them done', 120_000, async () => {
      const c = await h.inExtension<JobCounts>(JOB_COUNTS);
      const j = { running: jobsIn(c, ['image'], ['running']), waiting: jobsIn(c, ['image'], ['queued', 'running']), texts: jobsIn(c, ['text'], ['queued', 'running']) };
      return !j.texts && (j.running > 8 || !j.waiting) && j;
    });
    await page.goto(h.shops.url(c.id, '/'));
    const shownMs = await sidebarMs(h, page, 120_000);
    const behindPhotos = backlog.running > 8 ? { ms: shownMs, photosWaiting: backlog.waiting } : null;
    await fresh.close();
    await embeddedSite(h, c.host);
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.reload();
      times.push(await sidebarMs(h, page));
    }
    const sorted = [...times].sort((x, y) => x - y);
    const candidates = ((await h.dump()).items as { site: string }[]).filter((i) => i.site === c.host).length;
    return { loads, medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)!, candidates, modelNotLoadedMs, pagePhotos, behindPhotos };
  } finally {
    await h.close();
  }
}
