// Which build each browser's suite runs. Firefox runs the shipped build only: a test can accept
// Firefox's real permission prompt from the chrome context (tests/e2e/harness/firefox-driver).
// Chromium runs the shipped build where the journey does not pass its permission dialog, and the
// test build past it: the differences
// are listed, each with its reason, in scripts/lib/test-build.ts (the one place).
import { resolve } from 'node:path';
import type { BrowserName, BuildKind } from './api.ts';

/** The catalogue shops' size in the browser suites: the 1,000, not the fixtures' 1,200 the
 * Node tests read — a browser embeds every product's photo, and both suites run near CI's 25 minutes. */
export const E2E_CATALOGUE_SIZE = 1000;

export function distFor(browser: BrowserName, build: BuildKind): string {
  if (browser === 'firefox') {
    if (build === 'test') throw new Error('Firefox has no test build: its suite runs what shoppers install');
    return resolve('dist/firefox');
  }
  return resolve(build === 'shipped' ? 'dist/chrome' : 'dist/chrome-test');
}
