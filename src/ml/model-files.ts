// Where transformers.js gets model files from. It asks for "/models/<name>/<path>" (env.localModelPath);
// a model the shopper downloaded is answered from IndexedDB, a bundled one from the extension's own
// files. Nothing else is fetched through here: a request for anything else is refused.
import { db } from '../background/db.ts';
import { PhraseError } from '../shared/phrase.ts';

/** A fetch's input as an absolute URL (relative to this document). */
export const requestUrl = (input: RequestInfo | URL): URL =>
  new URL(typeof input === 'string' || input instanceof URL ? input : input.url, globalThis.location?.href);

export type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A response whose bytes are already here: transformers.js reads it with arrayBuffer(), which
 * hands them over without another copy (a Response built on the bytes would copy them). */
export class ReadResponse extends Response {
  constructor(private readonly held: ArrayBuffer) {
    super(null, { status: 200, headers: { 'content-length': String(held.byteLength) } });
  }
  override arrayBuffer(): Promise<ArrayBuffer> { return Promise.resolve(this.held); }
  override blob(): Promise<Blob> { return Promise.resolve(new Blob([this.held])); }
}

export async function modelFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const url = requestUrl(input);
  const own = new URL('/models/', location.href);
  if (url.origin !== own.origin || !url.pathname.startsWith(own.pathname)) {
    throw new PhraseError({ key: 'errModelFileOnly', subs: [url.href] });
  }
  const key = decodeURIComponent(url.pathname.slice(own.pathname.length));
  const stored = await (await db()).get('modelFiles', key);
  if (stored) return new Response(stored.blob, { headers: { 'content-length': String(stored.size) } });
  return fetch(url, init);
}
