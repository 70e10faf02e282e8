// Reaching the content scripts in a site's open tabs.
import browser from 'webextension-polyfill';
import type { BackgroundToContent } from '../shared/messages.ts';
import { hostsOfSite, patternsFor } from '../shared/site.ts';

export async function tabsOfSite(site: string): Promise<number[]> {
  const tabs = await browser.tabs.query({ url: patternsFor(hostsOfSite(site)) });
  return tabs.flatMap((t) => (t.id === undefined ? [] : [t.id]));
}

/** A tab where our script is not running answers "Receiving end does not exist": nothing to stop there. */
const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/i;

export async function tellTabs(site: string, msg: BackgroundToContent): Promise<void> {
  for (const tabId of await tabsOfSite(site)) {
    try {
      await browser.tabs.sendMessage(tabId, msg);
    } catch (e) {
      if (!NO_RECEIVER.test(String(e))) throw e;
    }
  }
}
