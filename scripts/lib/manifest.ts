// One manifest source (../../manifest.json); the per-target differences live here and nowhere else.
import base from '../../manifest.json' with { type: 'json' };

export type Target = 'chrome' | 'firefox';
export type Manifest = Record<string, unknown> & { permissions: string[] };

export const GECKO_ID = 'carryover@carryover.example';

/** Hosts a test build may hold from install, so that `permissions.request` resolves without a prompt. */
export const TEST_HOSTS = ['*://*.localhost/*'];

export function manifestFor(target: Target, options: { testHosts?: string[] } = {}): Manifest {
  const m: Manifest = structuredClone(base) as Manifest;
  if (target === 'firefox') {
    // Firefox MV3 has no service worker background and no offscreen API: an event page runs the
    // background and the model (https://bugzil.la/1573659).
    m.background = { scripts: ['src/background/main.ts'], type: 'module' };
    m.permissions = m.permissions.filter((p) => p !== 'offscreen');
    m.browser_specific_settings = {
      gecko: {
        id: GECKO_ID,
        // 142 is the first version that knows data_collection_permissions.
        strict_min_version: '142.0',
        // Nothing is collected or transmitted: everything stays on the device.
        data_collection_permissions: { required: ['none'] },
      },
    };
  }
  if (target === 'chrome') {
    // Cross-origin isolation gives the ML document SharedArrayBuffer, so ONNX Runtime can run on
    // several threads. 'credentialless', not 'require-corp': shop photos shown in extension pages
    // carry no Cross-Origin-Resource-Policy header and must still load. Firefox has no such keys.
    m.cross_origin_embedder_policy = { value: 'credentialless' };
    m.cross_origin_opener_policy = { value: 'same-origin' };
  }
  if (options.testHosts?.length) m.host_permissions = options.testHosts;
  return m;
}
