// A shop's page cannot find Carryover at a fixed address. Chromium serves the sidebar's frame (the one
// web-accessible file) only under a per-session id (`use_dynamic_url`): a page that knows the
// extension's store id and asks for the file there is refused. Firefox has no `use_dynamic_url`; its
// extension host is a random id per profile, unknown to a page (the harness pins it for the tests
// only), so the probe has nothing to aim at there: the scenario is Chromium's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, launch, type Harness } from './harness/index.ts';

const FRAME = 'src/sidebar/frame.html';

describe.runIf(BROWSERS.includes('chromium'))('chromium: probing for Carryover from a shop page', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await launch('chromium', { build: 'shipped' });
  }, 120_000);
  afterAll(async () => h?.close());

  it('finds nothing at the extension\'s fixed address, not even the one file pages may embed', async () => {
    const id = await h.inExtension<string>('() => chrome.runtime.id');
    const tab = await h.shopTab(SHOPS[0]!.id, '/');
    const probe = (path: string) => tab.evaluate<string>(`fetch(${JSON.stringify(`chrome-extension://${id}/${path}`)}).then((r) => 'answered ' + r.status, (e) => 'refused: ' + e.name)`);
    expect(await probe(FRAME)).toMatch(/^refused/);
    expect(await probe('manifest.json')).toMatch(/^refused/);
    await tab.close();
  });
});
