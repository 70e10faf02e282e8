// The parent half of the test driver's one API (an experiment: Debian's Firefox ESR runs them in a
// temporarily installed add-on when extensions.experiments.enabled is set, as the harness does).
// The body is compiled in a sandbox whose prototype is the browser window, so Services, ChromeUtils,
// Ci and WebExtensionPolicy are in scope (evalInSandbox: the window's CSP forbids eval in it).
/* global Cu, ExtensionAPI, ExtensionUtils, Services */
'use strict';

const { ExtensionError } = ExtensionUtils;

this.driver = class extends ExtensionAPI {
  getAPI() {
    return {
      driver: {
        async evaluate(body) {
          try {
            const win = Services.wm.getMostRecentWindow('navigator:browser');
            if (!win) throw new Error('no browser window');
            // A sandbox with the window as its prototype: the window's globals, not its CSP (no eval there).
            const sandbox = Cu.Sandbox(win, { sandboxPrototype: win, wantXrays: false, sandboxName: 'carryover test driver' });
            const value = await Cu.evalInSandbox(`(async () => {\n${body}\n})()`, sandbox);
            return JSON.stringify(value ?? null);
          } catch (e) {
            // Only an ExtensionError's message reaches the caller; anything else arrives as "An unexpected error occurred".
            throw new ExtensionError(e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e));
          }
        },
      },
    };
  }
};
