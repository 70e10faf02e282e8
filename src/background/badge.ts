// The toolbar badge for one tab: how many picks the sidebar has on a shop where it shows some, else a
// mark on a shop Carryover reads (a dot) or would read but is paused (a pause sign). Per tab, so that
// other tabs keep theirs; the browser clears a tab's badge when it navigates.
import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';

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
  const title = state.kind === 'picks' ? t('badgePicks', state.count) : t(state.kind === 'paused' ? 'badgePaused' : 'badgeLearning');
  try {
    await browser.action.setBadgeBackgroundColor({ tabId, color: look.color });
    await browser.action.setBadgeText({ tabId, text });
    await browser.action.setTitle({ tabId, title });
  } catch (e) {
    // The tab closed between its message and this answer: there is no badge left to set.
    if (/Invalid tab ID|No tab with id/i.test(String(e))) return;
    throw e;
  }
}
