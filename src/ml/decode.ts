import { PhraseError } from '../shared/phrase.ts';
import { safeUrl } from '../shared/safe-url.ts';
// A product photo in: fetched by the extension (the shop's image host is covered by its consent)
// and decoded by the browser (JPEG, PNG, WebP, AVIF, GIF — whatever createImageBitmap takes).
// A failure says itself as a phrase: the popup shows it (the product's photo is not understood yet).

/** A photo that has not arrived whole by then fails alone: a server that never answers must not hold
 * the embedding queue (its batch waits for every photo in it). */
export const PHOTO_FETCH_MS = 30_000;

export async function fetchBitmap(url: string, signal?: AbortSignal, timeoutMs = PHOTO_FETCH_MS): Promise<ImageBitmap> {
  // Only a shop's http(s) photo is ever fetched, whatever a stored record says.
  if (!safeUrl(url)) throw new PhraseError({ key: 'errPhotoNotWeb', subs: [url.slice(0, 100)] });
  const timeout = AbortSignal.timeout(timeoutMs);
  const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const failed = (e: unknown) => timeout.aborted
    ? new PhraseError({ key: 'errPhotoTimeout', subs: [url, String(timeoutMs / 1000)] })
    : new PhraseError({ key: 'errPhotoLoad', subs: [url, e instanceof Error ? e.message : String(e)] });
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', signal: bounded });
  } catch (e) {
    throw failed(e);
  }
  if (!res.ok) throw new PhraseError({ key: 'errPhotoStatus', subs: [url, `${res.status} ${res.statusText}`.trim()] });
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch (e) {
    throw failed(e);
  }
  try {
    return await createImageBitmap(blob);
  } catch {
    throw new PhraseError(blob.type ? { key: 'errPhotoDecode', subs: [url, blob.type, String(blob.size)] } : { key: 'errPhotoDecodeUntyped', subs: [url, String(blob.size)] });
  }
}
