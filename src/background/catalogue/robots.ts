// robots.txt as Google reads it (RFC 9309): the group for our user agent, else the `*` group;
// the longest matching rule wins, Allow over Disallow on a tie; `*` and `$` in paths. Sitemap
// lines are global. A missing file (4xx) allows everything; a server error (5xx) allows nothing.

export interface Robots {
  rules: { allow: boolean; path: string }[];
  sitemaps: string[];
}

export const ROBOTS_AGENT = 'carryover';
export const ALLOW_ALL: Robots = { rules: [], sitemaps: [] };
export const DENY_ALL: Robots = { rules: [{ allow: false, path: '/' }], sitemaps: [] };

export function parseRobots(text: string, base: string): Robots {
  const groups: { agents: string[]; rules: Robots['rules'] }[] = [];
  const sitemaps: string[] = [];
  let current: (typeof groups)[number] | undefined;
  let lastWasAgent = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1]!.toLowerCase();
    const value = m[2]!.trim();
    if (key === 'sitemap') {
      if (URL.canParse(value, base)) sitemaps.push(new URL(value, base).href);
      continue;
    }
    if (key === 'user-agent') {
      if (!lastWasAgent || !current) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
      continue;
    }
    lastWasAgent = false;
    if (!current || (key !== 'allow' && key !== 'disallow')) continue;
    // An empty Disallow allows everything: no rule.
    if (value) current.rules.push({ allow: key === 'allow', path: value });
  }
  const ours = groups.filter((g) => g.agents.includes(ROBOTS_AGENT));
  const chosen = ours.length ? ours : groups.filter((g) => g.agents.includes('*'));
  return { rules: chosen.flatMap((g) => g.rules), sitemaps };
}

function matches(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = (anchored ? pattern.slice(0, -1) : pattern).split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}${anchored ? '$' : ''}`).test(path);
}

/** Whether the path (with its query) of `url` may be fetched. */
export function allowed(robots: Robots, url: string): boolean {
  const u = new URL(url);
  const path = u.pathname + u.search;
  let best: { allow: boolean; len: number } | undefined;
  for (const r of robots.rules) {
    if (!matches(r.path, path)) continue;
    if (!best || r.path.length > best.len || (r.path.length === best.len && r.allow)) best = { allow: r.allow, len: r.path.length };
  }
  return best?.allow ?? true;
}

export function robotsFromReply(status: number, body: string, base: string): Robots {
  if (status >= 200 && status < 300) return parseRobots(body, base);
  return status >= 500 ? DENY_ALL : ALLOW_ALL;
}
