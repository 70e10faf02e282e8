// What a model repository on a hub (Hugging Face's URL layout) holds for Carryover, and how each
// file is checked: LFS files by SHA-256 and size, small files by size. Shared by `npm run models`
// (Node) and the options page's download, so both ask for and verify the same files.
import * as v from 'valibot';
import type { Dtype } from './model-index.ts';

export const DEFAULT_REPO = 'Xenova/clip-vit-base-patch32';
export const DEFAULT_HOST = 'https://huggingface.co';
const SUFFIX: Record<Dtype, string> = { fp32: '', fp16: '_fp16', q8: '_quantized' };
const REQUIRED = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'];
const OPTIONAL = ['special_tokens_map.json'];

const TreeEntrySchema = v.object({
  type: v.string(),
  path: v.string(),
  size: v.number(),
  lfs: v.optional(v.object({ oid: v.string(), size: v.number() })),
});
export const TreeSchema = v.array(TreeEntrySchema);

export interface PlannedFile {
  path: string;
  size: number;
  /** Known for LFS files (the weights); small JSON files are checked by size and by parsing. */
  sha256?: string;
  url: string;
}

/** Origins the model download reads from `host`: the hub and the storage hosts it redirects to. */
export function hubOrigins(host: string): string[] {
  const u = new URL(host);
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error(`"${host}" is not a web address`);
  if (u.hostname === 'huggingface.co') return ['https://huggingface.co/*', 'https://*.huggingface.co/*', 'https://*.hf.co/*'];
  return [`${u.protocol}//${u.hostname}/*`];
}

export const treeUrl = (host: string, repo: string, revision: string) =>
  `${host.replace(/\/$/, '')}/api/models/${repo}/tree/${encodeURIComponent(revision)}?recursive=true`;
export const fileUrl = (host: string, repo: string, revision: string, path: string) =>
  `${host.replace(/\/$/, '')}/${repo}/resolve/${encodeURIComponent(revision)}/${path}`;

function wanted(tree: v.InferOutput<typeof TreeSchema>, dtypes: readonly Dtype[]) {
  const files = new Map(tree.filter((e) => e.type === 'file').map((e) => [e.path, e]));
  const want = [...REQUIRED, ...OPTIONAL.filter((p) => files.has(p))];
  for (const d of dtypes) want.push(`onnx/vision_model${SUFFIX[d]}.onnx`, `onnx/text_model${SUFFIX[d]}.onnx`);
  return { files, want, missing: want.filter((p) => !files.has(p)) };
}

/** The files these dtypes need that the repository's listing does not have (the extension says so
 * in the shopper's words before planning; the command line gets planDownload's English). */
export function missingFiles(tree: v.InferOutput<typeof TreeSchema>, dtypes: readonly Dtype[]): string[] {
  return wanted(tree, dtypes).missing;
}

/** The files to fetch for these dtypes, from the repository's listing; throws naming what is missing. */
export function planDownload(tree: v.InferOutput<typeof TreeSchema>, opts: { host: string; repo: string; revision: string; dtypes: Dtype[] }): PlannedFile[] {
  const { files, want, missing } = wanted(tree, opts.dtypes);
  if (missing.length) throw new Error(`${opts.repo}@${opts.revision} has no ${missing.join(', ')}: is it a CLIP model in transformers.js layout, and does it have the ${opts.dtypes.join('/')} files?`); // not shown to the shopper
  return want.map((path) => {
    const e = files.get(path)!;
    return { path, size: e.lfs?.size ?? e.size, sha256: e.lfs?.oid, url: fileUrl(opts.host, opts.repo, opts.revision, path) };
  });
}
