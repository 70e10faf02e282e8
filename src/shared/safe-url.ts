// The one check for a URL that Carryover follows, loads or renders: an absolute http: or https: URL
// of bounded length. Anything else (javascript:, data:, blob:, a relative path, a 40 KB string) is
// not a product's address. Used where a URL enters (capture, import, the image download) and again
// where one is rendered as a link or an image, so that a stored value never reaches the DOM unchecked.

/** Longer than any product address seen in practice; longer strings are dropped, not truncated. */
export const MAX_URL_LENGTH = 4096;

/** The URL, normalised by the URL parser, if it is http(s) and not too long; else undefined. */
export function safeUrl(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_URL_LENGTH || !URL.canParse(raw)) return undefined;
  const u = new URL(raw);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  return u.href.length > MAX_URL_LENGTH ? undefined : u.href;
}

/** The thumbnail the ML document made (ml/thumbnail.ts), if it is inline image data of a kind it
 * makes and of bounded size; else undefined. The only non-http(s) source the UI renders. */
export function safeThumb(raw: unknown): string | undefined {
  // 64,000: the bound the queue keeps thumbnails under (background/queue.ts MAX_THUMB_CHARS).
  return typeof raw === 'string' && raw.length <= 64_000 && /^data:image\/(webp|jpeg);base64,[A-Za-z0-9+/]+=*$/.test(raw) ? raw : undefined;
}
