// Tells the open sidebars that vectors for their shop's products have arrived, so that each re-ranks
// the moment photos are read instead of asking again and again. Each sidebar frame (an extension
// page) holds a port to the background while it waits for photos; a broadcast with
// runtime.sendMessage would not do: Firefox does not deliver it to extension frames inside web pages.
// The port is the extension's own channel: the shop's page cannot open or read it.
import browser, { type Runtime } from 'webextension-polyfill';
import { SIDEBAR_PORT, type SidebarUpdated } from '../shared/messages.ts';
import { db } from './db.ts';

const ports = new Set<Runtime.Port>();

/** The frame's own URL: an extension page at the sidebar's path. Not compared with runtime.getURL:
 * Chrome serves the frame from a per-session id (`use_dynamic_url`), not the extension's id. */
function isSidebarFrame(url: string | undefined): boolean {
  if (!url) return false;
  const u = new URL(url);
  return (u.protocol === 'chrome-extension:' || u.protocol === 'moz-extension:') && u.pathname === '/src/sidebar/frame.html';
}

/** runtime.onConnect: keeps the port of a sidebar frame of this extension (nothing else). */
export function acceptSidebarPort(port: Runtime.Port): void {
  if (port.name !== SIDEBAR_PORT) return;
  if (port.sender?.id !== browser.runtime.id || !isSidebarFrame(port.sender.url)) {
    port.disconnect();
    return;
  }
  ports.add(port);
  port.onDisconnect.addListener(() => ports.delete(port));
}

export async function tellSidebars(itemIds: readonly string[]): Promise<void> {
  if (!ports.size) return;
  const d = await db();
  const sites = new Set<string>();
  for (const id of itemIds) {
    // A shop's product, or one of its catalogue's (a candidate the sidebar ranks too).
    const item = (await d.get('items', id)) ?? (await d.get('catalogue', id));
    if (item) sites.add(item.site);
  }
  for (const site of sites) tellShopSidebars(site);
}

/** The open sidebars of `site` re-rank now (its catalogue's list is read: the photo cascade may run). */
export function tellShopSidebars(site: string): void {
  const note: SidebarUpdated = { type: 'sidebar/updated', site };
  for (const port of ports) port.postMessage(note);
}
