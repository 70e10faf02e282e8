// Accessibility of the extension's pages with axe-core, in light and dark mode: no serious or
// critical violations in the popup (before and after consent) and the options page (with data).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { launch, type Harness } from './harness.ts';
import { embeddedSite } from './scenarios.ts';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => h?.close());

async function serious(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(result.passes.length).toBeGreaterThan(5); // axe really ran on the page
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
}

describe.each([['light', 0], ['dark', 1]] as const)('accessibility (%s)', (scheme, shopIndex) => {
  let shop: Page;
  it('popup before consent', async () => {
    shop = await h.ctx.newPage();
    await shop.goto(h.shops.url(SHOPS[shopIndex]!.id, '/c/dress'));
    const popup = await h.openPopup(shop);
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByRole('button', { name: /^Learn from/ }).waitFor();
    expect(await serious(popup)).toEqual([]);
    await popup.close();
  });

  it('popup and options page with a history', async () => {
    await h.grant(shop);
    await embeddedSite(h, SHOPS[shopIndex]!.host);
    const popup = await h.openPopup(shop);
    await popup.emulateMedia({ colorScheme: scheme });
    await popup.getByTestId('popup-picks').or(popup.getByText('Nothing to go on yet')).first().waitFor();
    expect(await serious(popup)).toEqual([]);
    await popup.close();
    const options = await h.openOptions();
    await options.emulateMedia({ colorScheme: scheme });
    await options.getByTestId('history-count').waitFor();
    await options.getByTestId('backend-name').waitFor({ timeout: 30_000 });
    expect(await serious(options)).toEqual([]);
    await options.close();
  });
});

describe('accessibility of the sidebar component', () => {
  it.each([['open', 'light'], ['open', 'dark'], ['collapsed', 'light']] as const)('%s, %s: no serious or critical violations', async (state, scheme) => {
    const dir = await sidebarPage();
    const page = await h.ctx.newPage();
    await page.route('http://sidebar-check.localhost/**', (route) => {
      const path = join(dir, new URL(route.request().url()).pathname);
      route.fulfill({ path, contentType: path.endsWith('.js') ? 'text/javascript' : path.endsWith('.css') ? 'text/css' : 'text/html' });
    });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`http://sidebar-check.localhost/index.html?state=${state}`);
    await page.getByRole('button', { name: state === 'open' ? 'Not for me' : /show Carryover's picks/ }).first().waitFor();
    expect(await serious(page)).toEqual([]);
    await page.close();
  });
});

let built: Promise<string> | undefined;
function sidebarPage(): Promise<string> {
  built ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'carryover-sidebar-page-'));
    await build({ root: resolve('tests/e2e/sidebar-page'), base: './', configFile: false, logLevel: 'warn', define: { __TEST_BUILD__: 'true', __TARGET__: '"chrome"' }, build: { outDir: out, emptyOutDir: true, minify: false } });
    afterAll(() => rmSync(out, { recursive: true, force: true }));
    return out;
  })();
  return built;
}
