// npm start: build Carryover, serve the fixture shops, and open a browser with the extension loaded
// at the first shop.  -- --headless runs a scripted tour instead and writes artifacts/;
// -- --firefox does the same in Firefox through web-ext run.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { findChromium, findFirefox, hasDisplay } from './lib/browser.ts';
import { runTour } from './lib/tour.ts';
import { QUIET_FLAGS } from '../tests/e2e/harness/chromium.ts';
import { SHOPS } from '../tests/fixtures/shops/catalog.ts';
import { startShops } from '../tests/fixtures/shops/server.ts';

const { values } = parseArgs({ options: { headless: { type: 'boolean' }, firefox: { type: 'boolean' }, port: { type: 'string', default: '8080' } } });

async function buildMode(mode: string) {
  console.log(`Building ${mode}…`);
  await build({ mode, logLevel: 'warn' });
}

async function main() {
  if (values.headless || (!values.firefox && !hasDisplay())) {
    if (!values.headless) console.log('No display found: running the headless tour instead (npm start -- --headless).');
    // The tour cannot click the browser's permission prompt, so it runs the test build, which holds
    // the fixture hosts from install; consent, registration and capture are the real code.
    await buildMode('chrome-test');
    await runTour(resolve('artifacts'), resolve('dist/chrome-test'));
    return;
  }
  if (values.firefox) {
    // Name the real cause before building: Firefox opens a window, so it needs a display, and the build
    // needs Firefox 140 or later (data_collection_permissions).
    if (!hasDisplay()) throw new Error('there is no display (neither DISPLAY nor WAYLAND_DISPLAY is set), and Firefox needs one to open a window. Run `npm start -- --headless` for the tour without a screen, or `npm test` for both browsers\' suites.');
    if (!findFirefox()) throw new Error('no Firefox found (looked for FIREFOX_PATH, firefox-esr and firefox on the PATH). On Debian: apt-get install firefox-esr (version 140 or later).');
  }
  const target = values.firefox ? 'firefox' : 'chrome';
  if (!process.env.CARRYOVER_MODEL && !existsSync('models/clip-vit-base-patch32/config.json')) {
    // The demo needs a model to show recommendations; without the real one it bundles the test model.
    process.env.CARRYOVER_MODEL = 'models/carryover-test-clip';
    console.log('No real CLIP model in models/ (npm run models fetches it): the demo uses the generated test model,');
    console.log('whose recommendations only show that the machinery works.');
  }
  await buildMode(target);
  const shops = await startShops({ port: Number(values.port) });
  const start = shops.url(SHOPS[0]!.id, '/');
  console.log(`Fixture shops: ${SHOPS.map((s) => shops.url(s.id, '/')).join('  ')}`);
  console.log('Carryover reads nothing until you open its popup on a shop and click "Learn from …".');

  if (values.firefox) {
    const firefox = findFirefox();
    const child = spawn('npx', ['web-ext', 'run', '--source-dir', 'dist/firefox', '--start-url', start, ...(firefox ? ['--firefox', firefox] : [])], { stdio: 'inherit' });
    child.on('exit', (code) => {
      if (code) console.error(`web-ext run exited with ${code}; its own message above says why.`);
      void shops.close().then(() => process.exit(code ?? 0));
    });
    return;
  }
  const browser = findChromium();
  const dist = resolve('dist/chrome');
  if (!browser || browser.branded) {
    console.log(browser
      ? `Found ${browser.version}, which ignores --load-extension (Google Chrome 137 and later).`
      : 'No Chromium found (set CHROME_PATH to one).');
    console.log(`Load it by hand: open chrome://extensions, switch on Developer mode, "Load unpacked", choose ${dist}.\nThen open ${start}\nThe shops keep running until you press Ctrl-C.`);
    return;
  }
  console.log(`Opening ${browser.version} with ${dist} loaded. Close the browser to stop.`);
  const child = spawn(browser.path, [
    `--user-data-dir=${resolve('.cache/demo-profile')}`, `--disable-extensions-except=${dist}`, `--load-extension=${dist}`,
    ...QUIET_FLAGS.filter((f) => f !== '--no-sandbox' || process.getuid?.() === 0), start,
  ], { stdio: 'ignore' });
  child.on('exit', () => void shops.close().then(() => process.exit(0)));
}

main().catch((e: unknown) => {
  console.error(`npm start failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
