// The model download the options page runs on the shopper's click: the same plan and checks as
// `npm run models` (shared/model-hub.ts), files streamed with progress into IndexedDB (modelFiles),
// each verified (size; SHA-256 for the weights) before it is kept. It runs in the options page (an
// extension page, with the host permission the click granted): 100+ MB cannot travel in messages.
import * as v from 'valibot';
import { planDownload, TreeSchema, treeUrl } from '../shared/model-hub.ts';
import type { Dtype, ModelDescription, ModelFile } from '../shared/model-index.ts';
import { db, type Db } from './db.ts';

export interface DownloadProgress { file: string; done: number; total: number }

export interface DownloadRequest {
  host: string;
  repo: string;
  revision: string;
  dtypes: Dtype[];
  signal: AbortSignal;
  onProgress(p: DownloadProgress): void;
}

const hex = (buf: ArrayBuffer) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function get(url: string, signal: AbortSignal): Promise<Response> {
  try {
    return await fetch(url, { signal, credentials: 'omit' });
  } catch (e) {
    if (signal.aborted) throw new Error('The download was cancelled. Nothing was changed.');
    throw new Error(`Could not reach ${new URL(url).origin} (${(e as Error).message}). Check the connection and try again.`);
  }
}

export async function downloadToStore(o: DownloadRequest): Promise<ModelDescription> {
  const listing = await get(treeUrl(o.host, o.repo, o.revision), o.signal);
  if (!listing.ok) throw new Error(`${o.repo} could not be listed at ${o.host} (${listing.status}). Check the model's name.`);
  const tree = v.safeParse(TreeSchema, await listing.json());
  if (!tree.success) throw new Error(`${o.host} did not answer with a model listing.`);
  const plan = planDownload(tree.output, o);
  const name = o.repo.split('/').pop()!.replace(/[^\w.-]/g, '_');
  const total = plan.reduce((a, f) => a + f.size, 0);
  let done = 0;
  const files: ModelFile[] = [];
  const d = await db();
  for (const f of plan) {
    const key = `${name}/${f.path}`;
    const have = await d.get('modelFiles', key);
    if (have && have.size === f.size && (!f.sha256 || have.sha256 === f.sha256)) {
      done += f.size;
      files.push({ path: f.path, size: f.size, sha256: have.sha256 });
      o.onProgress({ file: f.path, done, total });
      continue;
    }
    const res = await get(f.url, o.signal);
    if (!res.ok || !res.body) throw new Error(`${f.path}: the server answered ${res.status}. Try again later.`);
    const chunks: Uint8Array[] = [];
    const reader = res.body.getReader();
    let got = 0;
    try {
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        chunks.push(value);
        got += value.length;
        o.onProgress({ file: f.path, done: done + got, total });
      }
    } catch (e) {
      if (o.signal.aborted) throw new Error('The download was cancelled. Files finished so far are kept for next time.');
      throw new Error(`${f.path}: the transfer broke off (${(e as Error).message}). Download again to continue.`);
    }
    const blob = new Blob(chunks as BlobPart[]);
    if (blob.size !== f.size) throw new Error(`${f.path}: got ${blob.size} bytes, expected ${f.size}. Download again.`);
    const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    if (f.sha256 && sha256 !== f.sha256) throw new Error(`${f.path} arrived damaged (its SHA-256 does not match the hub's). It was not kept; download again.`);
    if (f.path.endsWith('.json')) {
      try {
        JSON.parse(await blob.text());
      } catch {
        throw new Error(`${f.path} is not valid JSON; it was not kept. Download again.`);
      }
    }
    await d.put('modelFiles', { key, model: name, path: f.path, size: f.size, sha256, blob });
    files.push({ path: f.path, size: f.size, sha256 });
    done += f.size;
  }
  const config = JSON.parse(await (await d.get('modelFiles', `${name}/config.json`))!.blob.text()) as { carryover?: { test_model?: boolean } };
  const digest = hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(files.map((f) => f.sha256).sort().join())));
  return { id: `${name}@${digest.slice(0, 12)}`, name, dtypes: o.dtypes, testModel: !!config.carryover?.test_model, files };
}

/** Checked by the background before it switches: every file is stored with its size and hash. */
export async function verifyStored(m: ModelDescription, d?: Db): Promise<string | undefined> {
  d ??= await db();
  for (const f of m.files) {
    const rec = await d.get('modelFiles', `${m.name}/${f.path}`);
    if (!rec) return `${f.path} is missing`;
    if (rec.size !== f.size || rec.sha256 !== f.sha256 || rec.blob.size !== f.size) return `${f.path} does not match what was downloaded`;
  }
  return undefined;
}
