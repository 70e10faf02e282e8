// What "a site" is everywhere in Carryover: a host name without "www.", and the match patterns
// that a site's consent covers.
import { safeUrl } from './safe-url.ts';

export function siteOf(url: string): string {
  return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
}

// Two patterns per host, one per scheme. Match patterns carry no port. Not a `*` scheme: a requested
// pattern must lie inside ONE declared optional pattern, and the manifest declares one per scheme
// (http and https, any host); Chrome refuses a `*` scheme against those, and in Firefox `*` also
// covers ws/wss (shared/host-permissions.ts holds both browsers' rules; a test checks every request).
export function patternsFor(hosts: readonly string[]): string[] {
  return [...new Set(hosts)].flatMap((h) => [`http://${h}/*`, `https://${h}/*`]);
}

/** Everything a site's consent asks the browser for: its own hosts and the hosts of its images. */
export function siteOrigins(site: string, imageHosts: readonly string[]): string[] {
  return patternsFor([...hostsOfSite(site), ...imageHosts]);
}

/** The hosts a site's own pages may be served from. */
export function hostsOfSite(site: string): string[] {
  return site.includes('.') && !site.endsWith('.localhost') ? [site, `www.${site}`] : [site];
}

const TRACKING = /^(utm_\w+|gclid|fbclid|msclkid|mc_[ce]id|ref|ref_|_ga|srsltid)$/i;

/** The URL an item is known by: no fragment, no tracking parameters, lower-case host. */
export function canonicalUrl(raw: string): string {
  const u = new URL(raw);
  u.hash = '';
  // forEach, not the keys() iterator: in a Firefox content script the iterator is not iterable
  // ("u.searchParams.keys() is not iterable"), and the content script canonicalises too.
  const keys: string[] = [];
  u.searchParams.forEach((_v, k) => keys.push(k));
  for (const k of keys) if (TRACKING.test(k)) u.searchParams.delete(k);
  u.hostname = u.hostname.toLowerCase();
  return u.toString();
}

export function isHttpUrl(url: string | undefined): url is string {
  return safeUrl(url) !== undefined;
}

/** A shop's name for people: "north-threads.localhost" → "North Threads", "www.zalando.de" → "Zalando". */
export function shopName(site: string): string {
  const label = site.replace(/^www\./, '').split('.')[0] ?? site;
  return label.split(/[-_]/).filter(Boolean).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}
