// Downloads one model repository's files into a folder: resumable (a `.part` file continued with an
// HTTP Range request), checked (size always, SHA-256 where the hub gives it), and loud when offline.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as v from 'valibot';
import { planDownload, TreeSchema, treeUrl, type PlannedFile } from '../../src/shared/model-hub.ts';
import type { Dtype } from '../../src/shared/model-index.ts';

export interface DownloadOptions {
  host: string;
  repo: string;
  revision: string;
  dtypes: Dtype[];
  out: string;
  onProgress?: (p: { file: string; done: number; total: number; allDone: number; allTotal: number }) => void;
}

export class DownloadError extends Error {}

async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { headers, redirect: 'follow' });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new DownloadError(`could not reach ${new URL(url).origin} (${cause?.code ?? cause?.message ?? (e as Error).message}). Are you online? The model is downloaded once; tests and the demo use the generated test model (npm run make-test-model).`);
  }
}

async function sha256Of(path: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(createReadStream(path), h);
  return h.digest('hex');
}

async function fetchFile(f: PlannedFile, dest: string, onBytes: (n: number) => void): Promise<void> {
  const part = `${dest}.part`;
  mkdirSync(dirname(dest), { recursive: true });
  const have = existsSync(part) ? statSync(part).size : 0;
  if (have > f.size) rmSync(part);
  const from = existsSync(part) ? have : 0;
  if (from < f.size || f.size === 0) {
    const res = await get(f.url, from ? { range: `bytes=${from}-` } : {});
    if (!res.ok || !res.body) throw new DownloadError(`${f.path}: the server answered ${res.status} ${res.statusText}`);
    const resumed = res.status === 206;
    if (from && !resumed) onBytes(-from); // the server ignored the range: start over
    onBytes(resumed ? from : 0);
    const sink = createWriteStream(part, { flags: resumed ? 'a' : 'w' });
    const body = Readable.fromWeb(res.body as never);
    body.on('data', (c: Buffer) => onBytes(c.length));
    try {
      await pipeline(body, sink);
    } catch (e) {
      throw new DownloadError(`${f.path}: the transfer broke off after ${statSync(part).size} of ${f.size} bytes (${(e as Error).message}). Run the same command again to resume.`);
    }
  } else onBytes(from);
  const size = statSync(part).size;
  if (size !== f.size) throw new DownloadError(`${f.path}: got ${size} bytes, expected ${f.size}. Run the same command again to resume.`);
  if (f.sha256) {
    const got = await sha256Of(part);
    if (got !== f.sha256) {
      rmSync(part);
      throw new DownloadError(`${f.path} is corrupt: its SHA-256 is ${got}, the hub says ${f.sha256}. The damaged copy was removed; run the command again.`);
    }
  } else if (f.path.endsWith('.json')) {
    try {
      JSON.parse(await (await import('node:fs/promises')).readFile(part, 'utf8'));
    } catch {
      rmSync(part);
      throw new DownloadError(`${f.path} is not valid JSON; the damaged copy was removed, run the command again.`);
    }
  }
  renameSync(part, dest);
}

/** Fetches every planned file into `out`; files already there with the right size and hash are kept. */
export async function downloadModel(o: DownloadOptions): Promise<PlannedFile[]> {
  const res = await get(treeUrl(o.host, o.repo, o.revision));
  if (res.status === 404 || res.status === 401) throw new DownloadError(`${o.repo}@${o.revision} was not found at ${o.host} (${res.status}).`);
  if (!res.ok) throw new DownloadError(`listing ${o.repo} failed: ${res.status} ${res.statusText}`);
  const tree = v.safeParse(TreeSchema, await res.json());
  if (!tree.success) throw new DownloadError(`the hub's file listing for ${o.repo} is not in the expected form`);
  const plan = planDownload(tree.output, o);
  const allTotal = plan.reduce((a, f) => a + f.size, 0);
  let allDone = 0;
  for (const f of plan) {
    const dest = join(o.out, f.path);
    if (existsSync(dest) && statSync(dest).size === f.size && (!f.sha256 || (await sha256Of(dest)) === f.sha256)) {
      allDone += f.size;
      o.onProgress?.({ file: f.path, done: f.size, total: f.size, allDone, allTotal });
      continue;
    }
    let done = 0;
    await fetchFile(f, dest, (n) => {
      done += n;
      allDone += n;
      o.onProgress?.({ file: f.path, done, total: f.size, allDone, allTotal });
    });
  }
  return plan;
}
