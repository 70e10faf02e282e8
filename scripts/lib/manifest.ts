// One manifest source (../../manifest.json); the per-target differences live here and nowhere else.
import base from '../../manifest.json' with { type: 'json' };
import pkg from '../../package.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';
export type Manifest = Record<string, unknown> & { permissions: string[] };

/** Carryover's add-on id in Firefox (and on addons.mozilla.org), fixed for good: a GUID, the form
 * Mozilla gives for an id that names no domain (the project has none of its own; the old
 * `carryover@carryover.example` named a reserved one). Tests read it from here. */
export const GECKO_ID = '{c2d53fbe-4b8e-47b7-b4df-e0264ffada2f}';

/** Hosts a test build may hold from install, so that `permissions.request` resolves without a prompt. */
export const TEST_HOSTS = ['*://*.localhost/*'];

export function manifestFor(target: Target, options: { testHosts?: string[] } = {}): Manifest {
  const m: Manifest = structuredClone(base) as Manifest;
  // One version: package.json's, so that every archive `npm run package` writes carries it.
  m.version = pkg.version;
  if (target === 'firefox') {
    // Firefox MV3 has no service worker background and no offscreen API: an event page runs the
    // background and the model (https://bugzil.la/1573659).
    m.background = { scripts: ['src/background/main.ts'], type: 'module' };
    m.permissions = m.permissions.filter((p) => p !== 'offscreen');
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 140 (the current ESR; Debian bookworm ships 140 ESR) is the first desktop version that knows
        // data_collection_permissions (Android: 142; Carryover is not built for Android).
        strict_min_version: '140.0',
        // Nothing is collected or transmitted: everything stays on the device.
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  if (target === 'chrome') {
    // Cross-origin isolation gives the ML document SharedArrayBuffer, so ONNX Runtime runs on the
    // cores (ml/threads.ts). 'credentialless', not 'require-corp': a model fetched from the hub and
    // anything else cross-origin still loads, without cookies. With it, Chromium's extension pages
    // sometimes came up with chrome.i18n giving '' for every key (seen in the E2E journeys, never
    // with a page opened alone): every extension page therefore carries its own copy of the
    // messages (shared/i18n-bundle.ts). Firefox has no such keys (its event page runs one thread).
    m.cross_origin_embedder_policy = { value: 'credentialless' };
    // Messages are structured clones, as Firefox always has them (Chrome 148 and later; older
    // versions ignore the key and keep JSON): a page's snapshot (capture/extract/hand-off.ts) is then
    // copied as it is, not escaped into JSON text on the shop's main thread, which took as long as
    // the snapshot itself.
    m.message_serialization = 'structured_clone';
    m.cross_origin_opener_policy = { value: 'same-origin' };
    // The sidebar's frame is the one web-accessible page. Neither browser can change these matches at
    // run time (no API adds an origin when a shop is granted), so they are the origins a grant can
    // cover; the frame is answered only in a consented shop's tab, for its current mount's token
    // (background/handlers-sidebar.ts). Chrome serves it from a per-session id (`use_dynamic_url`), so
    // a page cannot probe for Carryover at a fixed URL; Firefox has no `use_dynamic_url` (it rejects
    // the key) but its extension host is already a random per-install UUID.
    m.web_accessible_resources = (m.web_accessible_resources as Record<string, unknown>[]).map((w) => ({ ...w, use_dynamic_url: true }));
  }
  if (options.testHosts?.length) m.host_permissions = options.testHosts;
  return m;
}
