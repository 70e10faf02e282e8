// crxjs lists every dynamically registered content script in web_accessible_resources for all
// http(s) pages, which would let any website probe for Carryover. Ours are self-contained IIFE
// files injected by the extension itself (registerContentScripts / executeScript need no WAR
// entry), so this plugin drops those entries once the build is written, and the unreferenced ESM
// copy crxjs leaves beside each IIFE build (see crxjs's plugin-contentScripts-iife notes).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

export function noExposedContentScripts(scripts: string[]): Plugin {
  return {
    name: 'carryover:no-exposed-content-scripts',
    apply: 'build',
    enforce: 'post',
    writeBundle(options, bundle) {
      const dir = options.dir!;
      for (const [name, file] of Object.entries(bundle)) {
        const facade = file.type === 'chunk' && file.isEntry ? file.facadeModuleId : null;
        if (facade && name.startsWith('assets/') && scripts.some((s) => facade.endsWith(s))) rmSync(join(dir, name));
      }
      const path = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8')) as { web_accessible_resources?: { resources: string[] }[] };
      const outputs = new Set(scripts.map((s) => s.replace(/\.ts$/, '.js')));
      manifest.web_accessible_resources = (manifest.web_accessible_resources ?? [])
        .map((w) => ({ ...w, resources: w.resources.filter((r) => !outputs.has(r)) }))
        .filter((w) => w.resources.length > 0);
      if (!manifest.web_accessible_resources.length) delete manifest.web_accessible_resources;
      writeFileSync(path, JSON.stringify(manifest, null, 2));
    },
  };
}
