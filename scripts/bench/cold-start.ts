// Cold-start timing in the real extension: after carts on two shops, the time from a never-used
// shop's listing load to the ranked sidebar, over several reloads (median), in the test build.
import { launchChromium } from '../../tests/e2e/harness/chromium.ts';
import { cartOn, embeddedSite, redAndStriped, sidebarMs } from '../../tests/e2e/journeys.ts';
import { SHOPS } from '../../tests/fixtures/shops/catalog.ts';

export interface ColdStart { loads: number; medianMs: number; minMs: number; maxMs: number; candidates: number }

export async function benchColdStart(dist: string, loads = 7): Promise<ColdStart> {
  const h = await launchChromium({ build: 'test', dist });
  try {
    const [a, b, c] = [SHOPS[0]!, SHOPS[1]!, SHOPS[2]!];
    for (const s of [a, b]) await cartOn(h, s, redAndStriped(h, s));
    await embeddedSite(h, a.host);
    await embeddedSite(h, b.host);
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
    return { loads, medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)!, candidates };
  } finally {
    await h.close();
  }
}
