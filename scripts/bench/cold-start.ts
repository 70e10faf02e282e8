// Cold-start timing in the real extension: after carts on two shops, the time from a never-used
// shop's listing load to the ranked sidebar, over several reloads (median), in the test build; and
// once with the model not loaded (the offscreen document closed, as after the idle minutes): the
// first visit of another shop's listing to ranked picks, its titles embedded after the load.
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { cartOn, embeddedSite, redAndStriped, sidebarMs } from '../../tests/e2e/journeys.ts';
import { SHOPS } from '../../tests/fixtures/shops/catalog.ts';

export interface ColdStart {
  loads: number; medianMs: number; minMs: number; maxMs: number; candidates: number;
  /** A never-visited listing with the model not loaded: page start to ranked picks, one visit. */
  modelNotLoadedMs: number;
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
    await fresh.goto(h.shops.url(d.id, '/'));
    const modelNotLoadedMs = await sidebarMs(h, fresh, 120_000);
    await fresh.close();
    const page = await h.shopTab(c.id, '/');
    await h.grant(page);
    await embeddedSite(h, c.host);
    const times: number[] = [];
    for (let i = 0; i < loads; i++) {
      await page.reload();
      times.push(await sidebarMs(h, page));
    }
    const sorted = [...times].sort((x, y) => x - y);
    const candidates = ((await h.dump()).items as { site: string }[]).filter((i) => i.site === c.host).length;
    return { loads, medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)!, candidates, modelNotLoadedMs };
  } finally {
    await h.close();
  }
}
