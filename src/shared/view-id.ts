// A random id for a page view or an interaction (a retried message carries the same one). Made from
// crypto.getRandomValues, not crypto.randomUUID: the content script runs in the page's context, and
// randomUUID exists only in secure contexts (an http: shop has none).
export function newViewId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40; // version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
