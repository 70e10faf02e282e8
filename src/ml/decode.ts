import { safeUrl } from '../shared/safe-url.ts';
// A product photo in: fetched by the extension (the shop's image host is covered by its consent)
// and decoded by the browser (JPEG, PNG, WebP, AVIF, GIF — whatever createImageBitmap takes).
export async function fetchBitmap(url: string, signal?: AbortSignal): Promise<ImageBitmap> {
  // Only a shop's http(s) photo is ever fetched, whatever a stored record says.
  if (!safeUrl(url)) throw new Error(`not an http(s) image URL: ${url.slice(0, 100)}`);
  let res: Response;
  try {
    res = await fetch(url, { credentials: 'omit', signal });
  } catch (e) {
    throw new Error(`could not load the image ${url} (${e instanceof Error ? e.message : String(e)}); is its host among the shop's allowed image hosts?`);
  }
  if (!res.ok) throw new Error(`the image ${url} answered ${res.status} ${res.statusText}`.trim());
  const blob = await res.blob();
  try {
    return await createImageBitmap(blob);
  } catch {
    throw new Error(`the image ${url} (${blob.type || 'unknown type'}, ${blob.size} bytes) could not be decoded`);
  }
}
