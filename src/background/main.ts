// The background: Chrome's service worker, Firefox's event page. Listeners are added synchronously
// at the top level so that an event that wakes a stopped worker finds them
// (https://developer.chrome.com/docs/extensions/develop/concepts/service-workers/events).
import '../shared/i18n-bundle.ts';
import browser from 'webextension-polyfill';
import { ContentMessageSchema, PRIVILEGED, SidebarMessageSchema, UiMessageSchema } from '../shared/messages.ts';
import { syncRegistrations } from './consent.ts';
import { db } from './db.ts';
import { rollbackUnfinished } from './data-import.ts';
import { kickQueue, QUEUE_ALARM } from './embedding.ts';
import { ML_IDLE_ALARM, releaseMlIfIdle } from './ml-host.ts';
import { MENU_ID, openSimilar, syncContextMenu } from './context-menu.ts';
import { prune, RETENTION_ALARM } from './retention.ts';
import { scheduleRetention } from './retention-alarm.ts';
import { getSetting } from './settings.ts';
import { contentHandlers } from './handlers-content.ts';
import { uiHandlers } from './handlers-ui.ts';
import { sidebarHandlers } from './handlers-sidebar.ts';
import { dropSidebarTab } from './sidebar-tabs.ts';
import { acceptSidebarPort } from './sidebar-push.ts';
import { reportError } from './log.ts';
import { createRouter, defineChannel, type Sender } from './router.ts';
import { CRAWL_ALARM, resumeCrawls } from './catalogue/run.ts';
import { pruneCatalogue } from './catalogue/prune.ts';

let started: Promise<void> | undefined;
function ready(): Promise<void> {
  started ??= (async () => {
    // An import the stopped background left half-way is undone before anything reads the stores.
    await rollbackUnfinished(await db());
    await syncRegistrations();
    await syncContextMenu();
    await scheduleRetention(await getSetting('retentionDays'));
    // Resume embedding where a stopped worker left it; not awaited, answers do not wait for it.
    void kickQueue();
    // Catalogue products not seen for 30 days go; opted-in crawls go on where they stopped.
    await pruneCatalogue(await db());
    void resumeCrawls().catch((e) => reportError('catalogue', e));
  })();
  started.catch(() => (started = undefined));
  return started;
}

const route = createRouter(
  {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL(''),
    ready,
    onError: reportError,
  },
  {
    ui: defineChannel({ schema: UiMessageSchema, handlers: uiHandlers, privileged: PRIVILEGED }),
    content: defineChannel({ schema: ContentMessageSchema, handlers: contentHandlers }),
    sidebar: defineChannel({ schema: SidebarMessageSchema, handlers: sidebarHandlers }),
  },
);

browser.runtime.onMessage.addListener((msg: unknown, sender: Sender) => route(msg, sender));
// A sidebar frame waiting for photos holds a port; the queue tells it when they arrive.
browser.runtime.onConnect.addListener(acceptSidebarPort);

browser.tabs.onRemoved.addListener((tabId) => {
  dropSidebarTab(tabId).catch((e) => reportError('tabs.onRemoved', e));
});

// The shopper can take a host away in the browser's own settings: consent follows.
browser.permissions.onRemoved.addListener(() => {
  syncRegistrations().then(syncContextMenu).catch((e) => reportError('permissions.onRemoved', e));
});

browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === QUEUE_ALARM) ready().then(kickQueue).catch((e) => reportError('alarm', e));
  if (alarm.name === ML_IDLE_ALARM) releaseMlIfIdle().catch((e) => reportError('letting the idle model go', e));  // not shown to the shopper
  if (alarm.name === CRAWL_ALARM) ready().then(resumeCrawls).catch((e) => reportError('catalogue alarm', e));
  if (alarm.name === RETENTION_ALARM) {
    ready()
      .then(async () => {
        const days = await getSetting('retentionDays');
        if (days !== null) await prune(await db(), days);
      })
      .catch((e) => reportError('retention', e));
  }
});

browser.contextMenus.onClicked.addListener((info) => {
  if (info.menuItemId === MENU_ID && info.srcUrl) openSimilar(info.srcUrl).catch((e) => reportError('find similar', e));
});

// The keyboard shortcut: show or hide the picks in the active tab (its content script decides).
browser.commands.onCommand.addListener((command) => {
  if (command !== 'toggle-sidebar') return;
  browser.tabs.query({ active: true, currentWindow: true })
    .then(([tab]) => tab?.id !== undefined && browser.tabs.sendMessage(tab.id, { type: 'sidebar/toggle' }, { frameId: 0 }))
    .catch((e) => reportError('toggle-sidebar (is Carryover learning from this shop?)', e));  // not shown to the shopper
});

browser.runtime.onInstalled.addListener(({ reason }) => {
  ready().catch((e) => reportError('onInstalled', e));
  // Once, on a fresh install (not on updates or browser updates): what Carryover does and how to start.
  if (reason === 'install') browser.tabs.create({ url: browser.runtime.getURL('src/options/welcome.html') }).catch((e) => reportError('welcome page', e));
});
browser.runtime.onStartup.addListener(() => {
  ready().catch((e) => reportError('onStartup', e));
});
