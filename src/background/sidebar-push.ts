// Tells the open sidebars that vectors for their shop's products have arrived, so that each re-ranks
// the moment photos are read instead of asking again and again. runtime.sendMessage reaches the
// extension's own pages (the sidebars' frames among them), never the shop's page.
import browser from 'webextension-polyfill';
import type { SidebarUpdated } from '../shared/messages.ts';
import { db } from './db.ts';
import { reportError } from './log.ts';

/** What the browser says when no extension page is listening (no sidebar open anywhere): normal. */
const NOBODY_LISTENING = /Receiving end does not exist|message port closed before a response/i;

export async function tellSidebars(itemIds: readonly string[]): Promise<void> {
  const d = await db();
  const sites = new Set<string>();
  for (const id of itemIds) {
    const item = await d.get('items', id);
    if (item) sites.add(item.site);
  }
  for (const site of sites) {
    const note: SidebarUpdated = { target: 'sidebar', type: 'sidebar/updated', site };
    try {
      await browser.runtime.sendMessage(note);
    } catch (e) {
      if (!NOBODY_LISTENING.test(e instanceof Error ? e.message : String(e))) reportError('sidebar update', e);
    }
  }
}
