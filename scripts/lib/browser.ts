// Finding a browser (Chromium, Firefox) to show Carryover in. Branded Google Chrome ignores --load-extension since
// version 137, so with it we can only say how to load the build by hand.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium', '/usr/bin/chromium-browser', '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Chromium\\Application\\chrome.exe',
  '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
];

export interface FoundBrowser {
  path: string;
  version: string;
  /** Branded Google Chrome: --load-extension does nothing there. */
  branded: boolean;
}

export function findChromium(): FoundBrowser | undefined {
  const path = [process.env.CHROME_PATH, ...CANDIDATES].find((p): p is string => !!p && existsSync(p));
  if (!path) return undefined;
  let version = '';
  try {
    version = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch (e) {
    version = `unknown (${(e as Error).message.split('\n')[0]})`;
  }
  return { path, version, branded: /Google Chrome/i.test(version) || /google-chrome|Google Chrome/.test(path) };
}

export function hasDisplay(): boolean {
  if (process.platform === 'darwin' || process.platform === 'win32') return true;
  return !!(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr', '/usr/bin/firefox', '/snap/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

/** A Firefox binary: FIREFOX_PATH, else the usual install paths. */
export function findFirefox(): string | undefined {
  return [process.env.FIREFOX_PATH, ...FIREFOX_CANDIDATES].find((p): p is string => !!p && existsSync(p));
}
