// The toolbar badge for one tab: how many picks the sidebar has on a shop where it shows some, else a
// mark on a shop Carryover reads (a dot) or would read but is paused (a pause sign). Per tab, so that
// other tabs keep theirs; the browser clears a tab's badge when it navigates. No per-tab title: a
// chrome.i18n lookup in Chromium's service worker on every page load was followed, in this Chromium,
// by extension pages whose chrome.i18n gave '' for every key (the popup showed its keys).
import browser from 'webextension-polyfill';

export type BadgeState = { kind: 'learning' } | { kind: 'paused' } | { kind: 'picks'; count: number };

const LOOK = {
  learning: { text: '•', color: '#2e7d32' },
  paused: { text: '‖', color: '#757575' },
  picks: { text: '', color: '#1565c0' },
} as const;

export async function setBadge(tabId: number | undefined, state: BadgeState): Promise<void> {
  if (tabId === undefined || tabId < 0) return;
  const look = LOOK[state.kind];
  const text = state.kind === 'picks' ? String(Math.min(state.count, 99)) : look.text;
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: look.color });
    await browser.action.setBadgeText({ tabId, text });
  } catch (e) {
    // The tab closed between its message and this answer: there is no badge left to set.
    if (/Invalid tab ID|No tab with id/i.test(String(e))) return;
    throw e;
  }
}
