// Which requested host patterns each browser accepts. `permissions.request` refuses a pattern that
// does not lie inside ONE optional pattern the manifest declares ("Only permissions specified in the
// manifest may be requested" in Chrome, "Cannot request origin permission … not declared" in Firefox).
// The browsers differ on the `*` scheme: Chrome reads it as http or https, Firefox also as ws and
// wss (https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Match_patterns), so in
// Firefox `*://h/*` is not inside `http://*/*` + `https://*/*` taken one at a time.
export type Browser = 'chrome' | 'firefox';

interface Parts { schemes: string[]; host: string; path: string }

const SCHEMES: Record<Browser, string[]> = { chrome: ['http', 'https'], firefox: ['http', 'https', 'ws', 'wss'] };

function parse(pattern: string, browser: Browser): Parts {
  const m = /^(\*|https?|wss?):\/\/(\*|(?:\*\.)?[^/*:]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`"${pattern}" is not a host match pattern`); // not shown to the shopper
  return { schemes: m[1] === '*' ? SCHEMES[browser] : [m[1]!], host: m[2]!, path: m[3]! };
}

function hostInside(host: string, declared: string): boolean {
  if (declared === '*') return true;
  if (declared.startsWith('*.')) {
    const base = declared.slice(2);
    const h = host.startsWith('*.') ? host.slice(2) : host;
    return h === base || h.endsWith(`.${base}`);
  }
  return host === declared;
}

function pathInside(path: string, declared: string): boolean {
  if (declared.endsWith('*')) return path.startsWith(declared.slice(0, -1));
  return path === declared;
}

/** Whether `browser` lets an extension that declares `declared` request `pattern`. */
export function requestable(pattern: string, declared: readonly string[], browser: Browser): boolean {
  const want = parse(pattern, browser);
  return declared.some((d) => {
    const have = parse(d, browser);
    return want.schemes.every((s) => have.schemes.includes(s)) && hostInside(want.host, have.host) && pathInside(want.path, have.path);
  });
}
