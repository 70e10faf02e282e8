import { safeUrl } from '../shared/safe-url.ts';
// A product photo in: fetched by the extension (the shop's image host is covered by its consent)
// and decoded by the browser (JPEG, PNG, WebP, AVIF, GIF — whatever createImageBitmap takes).

/** A photo that has not arrived whole by then fails alone: a server that never answers must not hold
 * the embedding queue (its batch waits for every photo in it). */
export const PHOTO_FETCH_MS = 30_000;

export async function fetchBitmap(url: string, signal?: AbortSignal, timeoutMs = PHOTO_FETCH_MS): Promise<ImageBitmap> {
  // Only a shop's http(s) photo is ever fetched, whatever a stored record says.
  if (!safeUrl(url)) throw new Error(`not an http(s) image URL: ${url.slice(0, 100)}`);
  const timeout = AbortSignal.timeout(timeoutMs);
  const bounded = signal ? AbortSignal.any([signal, timeout]) : timeout;
  const failed = (e: unknown) => timeout.aborted
    ? new Error(`the image ${url} did not arrive within ${timeoutMs / 1000} s; it is tried again later`)
    : new Error(`could not load the image ${url} (${e instanceof Error ? e.message : String(e)}); is its host among the shop's allowed image hosts?`);
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', signal: bounded });
  } catch (e) {
    throw failed(e);
  }
  if (!res.ok) throw new Error(`the image ${url} answered ${res.status} ${res.statusText}`.trim());
  let blob: Blob;
  try {
    blob = await res.blob();
  } catch (e) {
    throw failed(e);
  }
  try {
    return await createImageBitmap(blob);
  } catch {
    throw new Error(`the image ${url} (${blob.type || 'unknown type'}, ${blob.size} bytes) could not be decoded`);
  }
}
