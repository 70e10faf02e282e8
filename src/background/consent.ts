// Per-site consent. A site is read only after the shopper grants it: the host permission comes from
// a click in the popup or options page, then this module records it and registers the capture
// script for that site alone. Revoking undoes all three and stops capture in open tabs at once.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import captureScript from '../capture/content-script.ts?iife';
import { hostsOfSite, patternsFor, siteOrigins } from '../shared/site.ts';
import { deleteSiteData } from './capture-store.ts';
import { db } from './db.ts';
import type { SiteRecord } from './schema.ts';
import { reportError } from './log.ts';
import { getSetting } from './settings.ts';
import { tabsOfSite, tellTabs } from './tabs.ts';

const SCRIPT_PREFIX = 'capture:';
const scriptId = (site: string) => `${SCRIPT_PREFIX}${site}`;

/** The path registerContentScripts and executeScript want: relative to the extension root. */
const SCRIPT_FILE = captureScript.replace(/^\//, '');

export async function siteRecord(site: string): Promise<SiteRecord | undefined> {
  return (await db()).get('sites', site);
}

export async function isCapturing(site: string): Promise<boolean> {
  const rec = await siteRecord(site);
  return !!rec?.granted && !(await getSetting('paused'));
}

export async function grant(site: string, imageHosts: string[], name?: string): Promise<SiteRecord> {
  const origins = siteOrigins(site, imageHosts);
  // The permission itself is asked for by the page the shopper clicked in (a prompt needs a user
  // gesture); here we only check that it was given.
  if (!(await browser.permissions.contains({ origins }))) {
    throw new Error(t('errNotGranted', site));
  }
  const before = await siteRecord(site);
  const rec: SiteRecord = { ...before, site, granted: true, origins, imageHosts, grantedAt: Date.now() };
  const own = name ?? before?.name;
  if (own) rec.name = own;
  delete rec.revokedAt;
  await (await db()).put('sites', rec);
  await register(site);
  if (!(await getSetting('paused'))) await injectIntoOpenTabs(site);
  return rec;
}

export async function revoke(site: string, deleteData: boolean): Promise<SiteRecord | undefined> {
  const d = await db();
  const rec = await d.get('sites', site);
  // The record first: from here on the background refuses the site's messages, including what its
  // tabs send while they stop (a last dwell), so nothing is stored after the shopper said stop.
  let next: SiteRecord | undefined;
  if (rec) {
    next = { ...rec, granted: false, revokedAt: Date.now() };
    await d.put('sites', next);
  }
  await tellTabs(site, { type: 'capture/stop' });
  await unregister([site]);
  // Derived again rather than read from the record: records written before patterns were per scheme
  // hold `*://` patterns, which the browser refuses to remove.
  const origins = siteOrigins(site, rec?.imageHosts ?? []);
  // In the test build the fixture hosts are required permissions and cannot be removed; capture
  // still stops because the script is gone and the background refuses pages of revoked sites.
  if (!__TEST_BUILD__) await browser.permissions.remove({ origins });
  if (deleteData) await deleteSiteData(d, site);
  return next;
}

async function register(site: string): Promise<void> {
  const id = scriptId(site);
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [id] });
  if (existing.length) return;
  await browser.scripting.registerContentScripts([
    {
      id,
      js: [SCRIPT_FILE],
      matches: patternsFor(hostsOfSite(site)),
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}

async function unregister(sites: string[]): Promise<void> {
  const ids = sites.map(scriptId);
  const registered = new Set((await browser.scripting.getRegisteredContentScripts({ ids })).map((s) => s.id));
  const present = ids.filter((id) => registered.has(id));
  if (present.length) await browser.scripting.unregisterContentScripts({ ids: present });
}

/** Starts capture in the site's open tabs. One tab that cannot take the script (an error page, a
 * tab still loading) must not undo the consent: it is logged, and its next load runs the script. */
export async function injectIntoOpenTabs(site: string): Promise<void> {
  for (const tabId of await tabsOfSite(site)) {
    try {
      await browser.scripting.executeScript({ target: { tabId }, files: [SCRIPT_FILE] });
    } catch (e) {
      reportError(`inject into tab ${tabId} of ${site}`, e);  // not shown to the shopper
    }
  }
}

/**
 * Brings registrations in line with the consent records and the permissions the browser holds
 * (the shopper may have removed a host in the browser's own settings). Run at every start.
 */
export async function syncRegistrations(): Promise<void> {
  const d = await db();
  const sites = await d.getAll('sites');
  for (const rec of sites) {
    const held = rec.granted && (await browser.permissions.contains({ origins: patternsFor(hostsOfSite(rec.site)) }));
    if (held) await register(rec.site);
    else {
      if (rec.granted) await d.put('sites', { ...rec, granted: false, revokedAt: Date.now() });
      await unregister([rec.site]);
    }
  }
  const known = new Set(sites.filter((s) => s.granted).map((s) => scriptId(s.site)));
  const stray = (await browser.scripting.getRegisteredContentScripts())
    .map((s) => s.id)
    .filter((id) => id.startsWith(SCRIPT_PREFIX) && !known.has(id));
  if (stray.length) await browser.scripting.unregisterContentScripts({ ids: stray });
}

/** Pause everywhere: stop open tabs now; resuming starts them again. */
export async function applyPause(paused: boolean): Promise<void> {
  const granted = (await (await db()).getAll('sites')).filter((s) => s.granted);
  for (const s of granted) {
    if (paused) await tellTabs(s.site, { type: 'capture/stop' });
    else await injectIntoOpenTabs(s.site);
  }
}
