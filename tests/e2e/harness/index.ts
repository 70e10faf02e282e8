// One entry point for cross-browser scenarios: `launch('firefox')` or `launch('chromium')`, and the
// list of browsers a suite runs in (CARRYOVER_BROWSERS=chromium,firefox narrows it).
import type { BrowserName, Harness, LaunchOptions } from './api.ts';
import { launchChromium } from './chromium.ts';
import { launchFirefox } from './firefox.ts';

export type { BrowserName, BuildKind, Harness, LaunchOptions, SidebarView, Tab } from './api.ts';

export const BROWSERS: BrowserName[] = (process.env.CARRYOVER_BROWSERS ?? 'chromium,firefox')
  .split(',').map((s) => s.trim()).filter((s): s is BrowserName => s === 'chromium' || s === 'firefox');

export function launch(browser: BrowserName, opts: LaunchOptions = {}): Promise<Harness> {
  return browser === 'chromium' ? launchChromium(opts) : launchFirefox(opts);
}
