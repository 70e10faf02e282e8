// The one list of how the test build (vite --mode chrome-test) differs from what shoppers install.
// A difference belongs here only where a test cannot click the browser's own UI; a convention test
// (tests/unit/test-build.test.ts) checks that every __TEST_BUILD__ in src/ is in a file named here.
// Firefox has no test build: its suite answers Firefox's prompts from the chrome context, through a
// test-only add-on installed beside the shipped build (tests/e2e/harness/firefox-driver), which
// changes nothing in it.

export interface TestBuildDifference {
  /** The file that makes the difference. */
  file: string;
  what: string;
  why: string;
}

export const TEST_BUILD_DIFFERENCES: TestBuildDifference[] = [
  {
    file: 'scripts/lib/manifest.ts',
    what: 'host_permissions holds *://*.localhost/* (the fixture shops and hub) from install',
    why: "Chromium's permission dialog cannot be answered by a test (no DevTools method, no switch); the shipped build's request is tested up to that dialog (consent-shipped.test.ts)",
  },
  {
    file: 'src/background/consent.ts',
    what: 'revoking a shop does not call permissions.remove',
    why: 'hosts held from install are required permissions, which the browser refuses to remove; capture still stops (the script is unregistered, the background refuses the shop)',
  },
  {
    file: 'scripts/lib/bundle-model.ts',
    what: 'the generated test model is bundled',
    why: "a shopper downloads the model from the options page, behind the same dialog; Firefox's suite downloads it from a local hub instead",
  },
  {
    file: 'src/background/embedding.ts',
    what: "the setting queuePauseMs pauses the embedding queue between batches",
    why: 'not about the browser UI: it gives embedding.test.ts time to stop the worker mid-queue. TODO(2026-12-01): stop at random points instead (as the soak bench does) and drop it',
  },
];
