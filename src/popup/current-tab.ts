// The tab the popup is about: the active one, or the one named by ?tab=ID (when the popup is opened
// as a page, as the tests and "open in tab" do).
import browser, { type Tabs } from 'webextension-polyfill';

export async function currentTab(): Promise<Tabs.Tab | undefined> {
  const named = new URLSearchParams(location.search).get('tab');
  if (named) return browser.tabs.get(Number(named));
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}
