import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { siteOf } from '../shared/site.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { currentTab } from './current-tab.ts';
import { detectImageHosts } from './detect-image-hosts.ts';
import { detectShopName } from './detect-shop-name.ts';
import { PicksCard } from './PicksCard.tsx';
import { SiteCard } from './SiteCard.tsx';
import { StatusCard } from './StatusCard.tsx';
import { StorageAlert } from '../options/StorageAlert.tsx';
import { CatalogueCard } from './CatalogueCard.tsx';

interface TabInfo {
  tabId: number;
  site: string;
  /** The page's scheme, host and port: where the shop's catalogue is asked for. */
  origin: string;
  imageHosts: string[];
  /** The shop's own name, as its page gives it. */
  name?: string;
  /** Why the image hosts could not be read, if they could not. */
  imageHostsError?: string;
}

async function loadTab(): Promise<TabInfo | undefined> {
  const tab = await currentTab();
  if (tab?.id === undefined || !tab.url || !/^https?:/.test(tab.url)) return undefined;
  const site = siteOf(tab.url);
  try {
    const [[hosts], [name]] = await Promise.all([
      browser.scripting.executeScript({ target: { tabId: tab.id }, func: detectImageHosts }),
      browser.scripting.executeScript({ target: { tabId: tab.id }, func: detectShopName }),
    ]);
    return { tabId: tab.id, site, origin: new URL(tab.url).origin, imageHosts: (hosts?.result as string[] | undefined) ?? [], name: name?.result as string | undefined };
  } catch (e) {
    return { tabId: tab.id, site, origin: new URL(tab.url).origin, imageHosts: [], imageHostsError: e instanceof Error ? e.message : String(e) };
  }
}

/** Picks only where Carryover is learning (elsewhere it has nothing of that shop to rank). */
function PicksFor(props: { site: string; tabId: number; version: number; origin: string }) {
  const [site, reload] = useLoad(() => ask({ type: 'site/get', site: props.site }), [props.site, props.version]);
  return site.state === 'ready' && site.value.granted ? <><PicksCard site={props.site} shop={site.value.name} tabId={props.tabId} sidebarOff={site.value.sidebar === 'closed'} onChange={reload} /><CatalogueCard site={props.site} shop={site.value.name} origin={props.origin} /></> : null;
}

/** First in the popup: while storage is full, nothing the popup says about learning holds. */
function StorageFull(props: { version: number }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  return <StorageAlert health={status.state === 'ready' ? status.value.storage : undefined} />;
}

export function Popup() {
  const [tab] = useLoad(loadTab);
  const [version, setVersion] = useState(0);
  return (
    <main>
      <header>
        <img src="/icons/48.png" alt="" />
        <h1>{t('brand')}</h1>
      </header>
      <StorageFull version={version} />
      {tab.state === 'loading' && <p class="muted">{t('popupLookingAtTab')}</p>}
      {tab.state === 'failed' && <p class="error" role="alert">{t('popupTabUnreadable', tab.error)}</p>}
      {tab.state === 'ready' && !tab.value && (
        <p class="muted">{t('popupOpenAShop')}</p>
      )}
      {tab.state === 'ready' && tab.value && (
        <SiteCard site={tab.value.site} pageName={tab.value.name} imageHosts={tab.value.imageHosts} onChange={() => setVersion((v) => v + 1)} />
      )}
      {tab.state === 'ready' && tab.value && <PicksFor site={tab.value.site} tabId={tab.value.tabId} version={version} origin={tab.value.origin} />}
      <StatusCard version={version} />
      <p>
        <a href="#" onClick={(e) => { e.preventDefault(); browser.runtime.openOptionsPage().catch((err: unknown) => console.error(err)); }}>
          {t('popupSettingsLink')}
        </a>
      </p>
    </main>
  );
}
