// Answers for the popup and the options page.
import type { UiMessage } from '../shared/messages.ts';
import type { HandlerTable } from './router.ts';
import { applyPause, grant, revoke, siteRecord, syncRegistrations } from './consent.ts';
import { exportAll } from './data-transfer.ts';
import { abortImport, finishImport, importChunk, startImport } from './data-import.ts';
import { prune } from './retention.ts';
import { scheduleRetention } from './retention-alarm.ts';
import { deleteSiteData, keptThumbs } from './capture-store.ts';
import { db } from './db.ts';
import { recentLog } from './log.ts';
import { embeddingStatus, kickQueue, queueItems, type EmbeddingStatus } from './embedding.ts';
import { verifyStored } from './model-download.ts';
import { askMl } from './ml-host.ts';
import { recommend } from './recommend.ts';
import { forgetInterest, tasteMap } from './taste.ts';
import { syncContextMenu } from './context-menu.ts';
import { similarTo } from './similar.ts';
import { deleteItems, historyRows } from './history.ts';
import browser from 'webextension-polyfill';
import { shopName } from '../shared/site.ts';
import { t } from '../shared/i18n.ts';
import { STORES } from './schema.ts';
import { getSetting, setSetting } from './settings.ts';
import { noteWritten, storageHealth, type StorageHealth } from './storage-health.ts';
import { crawlStatus, startCrawl, stopCrawl } from './catalogue/run.ts';

export interface Status {
  items: number;
  events: number;
  vectors: number;
  jobs: number;
  sites: number;
  paused: boolean;
  retentionDays: number | null;
  /** Look through every allowed shop's catalogue without asking per shop. */
  catalogueAuto: boolean;
  /** At most this many products per shop's catalogue. */
  catalogueLimit: number;
  embedding: EmbeddingStatus;
  storage: StorageHealth;
}

export interface SiteState {
  site: string;
  /** The shop's name for people: its own, or one made from its host name. */
  name: string;
  /** Only the name the shop's own page gave (og:site_name, application-name, its title), if known. */
  ownName?: string;
  granted: boolean;
  imageHosts: string[];
  grantedAt?: number;
  revokedAt?: number;
  items: number;
  events: number;
  /** How the shopper last left the sidebar on this shop ('closed': "Not on this shop"). */
  sidebar?: 'open' | 'collapsed' | 'closed';
}

async function siteState(site: string): Promise<SiteState> {
  const d = await db();
  const rec = await siteRecord(site);
  return {
    site,
    name: rec?.name ?? shopName(site),
    ownName: rec?.name,
    granted: !!rec?.granted,
    imageHosts: rec?.imageHosts ?? [],
    grantedAt: rec?.grantedAt,
    revokedAt: rec?.revokedAt,
    sidebar: rec?.sidebar,
    items: await d.countFromIndex('items', 'site', site),
    events: await d.countFromIndex('events', 'site', site),
  };
}

export const uiHandlers = {
  'status/get': async (): Promise<Status> => {
    const d = await db();
    return {
      items: await d.count('items'),
      events: await d.count('events'),
      vectors: await d.count('vectors'),
      jobs: await d.countFromIndex('jobs', 'state', 'queued'),
      sites: (await d.getAll('sites')).filter((s) => s.granted).length,
      paused: await getSetting('paused'),
      retentionDays: await getSetting('retentionDays'),
      catalogueAuto: await getSetting('catalogueAuto'),
      catalogueLimit: await getSetting('catalogueLimit'),
      embedding: await embeddingStatus(),
      storage: await storageHealth(),
    };
  },
  'site/get': (m) => siteState(m.site),
  'sites/list': async () => Promise.all((await (await db()).getAllKeys('sites')).map(siteState)),
  'consent/grant': async (m) => {
    await grant(m.site, m.imageHosts, m.name);
    await syncContextMenu();
    return siteState(m.site);
  },
  'consent/revoke': async (m) => {
    await revoke(m.site, m.deleteData);
    await syncContextMenu();
    return siteState(m.site);
  },
  'similar/image': (m) => similarTo(m.url),
  'site/delete-data': async (m) => deleteSiteData(await db(), m.site),
  'pause/set': async (m) => {
    await setSetting('paused', m.paused);
    await applyPause(m.paused);
    return m.paused;
  },
  'items/list': async (m) => {
    const d = await db();
    const items = m.site ? await d.getAllFromIndex('items', 'site', m.site) : await d.getAll('items');
    return items.slice(0, m.limit ?? 10_000);
  },
  'events/list': async (m) => {
    const d = await db();
    const events = m.site ? await d.getAllFromIndex('events', 'site', m.site) : await d.getAll('events');
    return events.slice(0, m.limit ?? 100_000);
  },
  'log/list': () => recentLog(),
  'data/wipe': async () => {
    const d = await db();
    // Consent goes too: permissions and capture scripts of every shop, then every store.
    for (const s of (await d.getAll('sites')).filter((x) => x.granted)) await revoke(s.site, false);
    const tx = d.transaction([...STORES], 'readwrite');
    await Promise.all(STORES.map((s) => tx.objectStore(s).clear()));
    await tx.done;
    await syncRegistrations();
    await syncContextMenu();
    return true;
  },
  'data/export': async (m) => exportAll(await db(), m.vectors),
  'data/import-start': async (m) => ({ importId: await startImport(await db(), m.header, m.counts, m.mode) }),
  'data/import-chunk': async (m) => importChunk(await db(), m.importId, m.store, m.records, m.offset),
  'data/import-abort': async (m) => {
    await abortImport(await db(), m.importId);
    return true;
  },
  'data/import-finish': async (m) => {
    const d = await db();
    const result = await finishImport(d, m.importId);
    noteWritten();
    // Imported sites wait for consent in this browser; imported settings take effect now.
    await syncRegistrations();
    await syncContextMenu();
    await applyPause(await getSetting('paused'));
    const days = await getSetting('retentionDays');
    await scheduleRetention(days);
    if (days !== null) await prune(d, days);
    await queueItems(await d.getAllKeys('items'));
    return result;
  },
  'ml/probe': () => askMl('ml/probe', {}),
  'rec/for-site': (m) => recommend(m.site, [], 5),
  'taste/map': () => tasteMap(),
  'history/list': (m) => historyRows({ text: m.text, site: m.site, type: m.eventType, engaged: m.engaged, catalogue: m.catalogue }),
  'history/delete': (m) => deleteItems(m.itemIds),
  'items/thumbs': async (m) => {
    const kept = await keptThumbs(await db(), m.itemIds);
    return Object.fromEntries(m.itemIds.map((id) => [id, kept.get(id) ?? null])) as Record<string, string | null>;
  },
  'taste/forget': (m) => forgetInterest(m.itemIds),
  'model/adopt': async (m) => {
    const problem = await verifyStored(m.model);
    if (problem) throw new Error(t('errModelIncomplete', problem));
    await setSetting('downloadedModel', m.model);
    // Items are embedded again with the new model; rankings use it as soon as vectors exist.
    await kickQueue();
    return embeddingStatus();
  },
  'settings/retention': async (m) => {
    await setSetting('retentionDays', m.days);
    await scheduleRetention(m.days);
    return m.days === null ? { events: 0, items: 0 } : prune(await db(), m.days);
  },
  'settings/backend': async (m) => {
    await setSetting('backend', m.backend);
    void kickQueue();
    return m.backend;
  },
  'catalogue/status': (m) => crawlStatus(m.site),
  'catalogue/start': async (m) => {
    await startCrawl(m.site, m.origin);
    return crawlStatus(m.site);
  },
  'catalogue/stop': async (m) => {
    await stopCrawl(m.site);
    return crawlStatus(m.site);
  },
  'settings/catalogue': async (m) => {
    if (m.auto !== undefined) await setSetting('catalogueAuto', m.auto);
    if (m.limit !== undefined) await setSetting('catalogueLimit', m.limit);
    return { auto: await getSetting('catalogueAuto'), limit: await getSetting('catalogueLimit') };
  },
  'site/sidebar-on': async (m) => {
    const d = await db();
    const rec = await d.get('sites', m.site);
    if (rec?.sidebar === 'closed') await d.put('sites', { ...rec, sidebar: 'open' });
    return siteState(m.site);
  },
  'sidebar/open': async (m) => {
    await browser.tabs.sendMessage(m.tabId, { type: 'sidebar/open' }, { frameId: 0 });
    return true;
  },
} satisfies HandlerTable<UiMessage>;
