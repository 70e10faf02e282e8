// The model download the options page runs on the shopper's click: the same plan and checks as
// `npm run models` (shared/model-hub.ts), files streamed with progress into IndexedDB (modelFiles),
// each verified (size; SHA-256 for the weights) before it is kept. It runs in the options page (an
// extension page, with the host permission the click granted): 100+ MB cannot travel in messages.
import { t } from '../shared/i18n.ts';
import * as v from 'valibot';
import { missingFiles, planDownload, TreeSchema, treeUrl } from '../shared/model-hub.ts';
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
    if (signal.aborted) throw new Error(t('errDownloadCancelled'));
    throw new Error(t('errDownloadUnreachable', new URL(url).origin, (e as Error).message));
  }
}

export async function downloadToStore(o: DownloadRequest): Promise<ModelDescription> {
  const listing = await get(treeUrl(o.host, o.repo, o.revision), o.signal);
  if (!listing.ok) throw new Error(t('errDownloadNoListing', o.repo, o.host, listing.status));
  const tree = v.safeParse(TreeSchema, await listing.json());
  if (!tree.success) throw new Error(t('errDownloadNotListing', o.host));
  const missing = missingFiles(tree.output, o.dtypes);
  if (missing.length) throw new Error(t('errDownloadMissingFiles', o.repo, missing.join(', '), o.dtypes.join('/')));
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
    if (!res.ok || !res.body) throw new Error(t('errDownloadStatus', f.path, res.status));
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
      if (o.signal.aborted) throw new Error(t('errDownloadCancelledKept'));
      throw new Error(t('errDownloadBrokeOff', f.path, (e as Error).message));
    }
    const blob = new Blob(chunks as BlobPart[]);
    if (blob.size !== f.size) throw new Error(t('errDownloadSize', f.path, blob.size, f.size));
    const sha256 = hex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
    if (f.sha256 && sha256 !== f.sha256) throw new Error(t('errDownloadDamaged', f.path));
    if (f.path.endsWith('.json')) {
      try {
        JSON.parse(await blob.text());
      } catch {
        throw new Error(t('errDownloadNotJson', f.path));
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
    if (!rec) return t('errModelFileMissing', f.path);
    if (rec.size !== f.size || rec.sha256 !== f.sha256 || rec.blob.size !== f.size) return t('errModelFileChanged', f.path);
  }
  return undefined;
}
