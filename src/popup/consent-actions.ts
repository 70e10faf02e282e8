// Asking the browser for a site's permission happens here, in the page the shopper clicked in: a
// permission prompt needs the click's user gesture, so nothing may be awaited before the request.
import browser from 'webextension-polyfill';
import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { siteOrigins } from '../shared/site.ts';

/** Call synchronously from the click handler. Resolves to the new site state, or throws with words for the shopper. */
export function grantSite(site: string, imageHosts: string[], name?: string) {
  const request = browser.permissions.request({ origins: siteOrigins(site, imageHosts) });
  return request.then((granted) => {
    if (!granted) throw new Error(t('grantRefused', site));
    return ask({ type: 'consent/grant', site, imageHosts, name });
  });
}
