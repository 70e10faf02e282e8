// `npm run package`: the store-ready archives, versioned from package.json — a Chrome zip and a
// Firefox xpi (web-ext build) — from fresh shipped builds, after the checks that can run here:
// both manifests carry the version and every icon size, and `web-ext lint` finds 0 errors in the
// Firefox build. Writes artifacts/carryover-<browser>-<version>.<zip|xpi>.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ICON_SIZES } from './make-icons.ts';

const root = resolve(import.meta.dirname, '..');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const out = join(root, 'artifacts');
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

function checkBuild(dir: string): void {
  const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { version: string; icons: Record<string, string> };
  if (m.version !== version) throw new Error(`${dir}: manifest version ${m.version}, package.json ${version}`);
  for (const size of ICON_SIZES) {
    const icon = m.icons[String(size)];
    if (!icon || !existsSync(join(dir, icon))) throw new Error(`${dir}: no ${size} px icon`);
  }
}

if (!process.argv.includes('--no-build')) {
  run('npm', ['run', 'build:chrome']);
  run('npm', ['run', 'build:firefox']);
}
const chrome = join(root, 'dist', 'chrome');
const firefox = join(root, 'dist', 'firefox');
checkBuild(chrome);
checkBuild(firefox);

const lint = JSON.parse(run(bin('web-ext'), ['lint', '--source-dir', firefox, '--self-hosted', '--output', 'json'])) as { count: number; summary: { errors: number; warnings: number } };
if (lint.summary.errors) throw new Error(`web-ext lint: ${lint.summary.errors} errors in the Firefox build`);
console.log(`web-ext lint: 0 errors, ${lint.summary.warnings} warnings`);

const archives: string[] = [];
for (const [dir, name] of [[chrome, `carryover-chrome-${version}.zip`], [firefox, `carryover-firefox-${version}.xpi`]] as const) {
  run(bin('web-ext'), ['build', '--source-dir', dir, '--artifacts-dir', out, '--filename', name, '--overwrite-dest']);
  archives.push(join(out, name));
}
for (const a of archives) console.log(`${a} (${(statSync(a).size / 1e6).toFixed(1)} MB)`);
