// The keyboard shortcut that shows or hides the sidebar, as the browser has it now: the shopper can
// re-bind or clear it, and the browser writes it in its platform's notation (⌥⇧Y on a Mac).
import browser from 'webextension-polyfill';

export const SIDEBAR_COMMAND = 'toggle-sidebar';

export async function sidebarShortcut(): Promise<string | undefined> {
  const commands = await browser.commands.getAll();
  return commands.find((c) => c.name === SIDEBAR_COMMAND)?.shortcut || undefined;
}
