// Where transformers.js gets model files from. It asks for "/models/<name>/<path>" (env.localModelPath);
// a model the shopper downloaded is answered from IndexedDB, a bundled one from the extension's own
// files. Nothing else is fetched through here: a request for anything else is refused.
import { db } from '../background/db.ts';
import { PhraseError } from '../shared/phrase.ts';

/** A fetch's input as an absolute URL (relative to this document). */
export const requestUrl = (input: RequestInfo | URL): URL =>
  new URL(typeof input === 'string' || input instanceof URL ? input : input.url, globalThis.location?.href);

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
