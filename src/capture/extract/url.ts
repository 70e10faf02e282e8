// Image and link URLs as pages really write them: relative, protocol-relative, in srcset, or lazily
// in data-* attributes. Always absolute http(s) out, or nothing.

export function absolute(raw: string | null | undefined, base: string): string | undefined {
  const s = raw?.trim();
  if (!s || /^(data|blob|javascript|about):/i.test(s)) return undefined;
  try {
    const u = new URL(s, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    // "image.jpg?" and "image.jpg" are the same resource.
    return u.toString().replace(/\?$/, '');
  } catch {
    // Not a URL at all (a template placeholder, a bare word): the field stays empty.
    return undefined;
  }
}

/** The largest candidate of a srcset ("a.jpg 400w, b.jpg 800w" → b.jpg). */
export function fromSrcset(srcset: string | null | undefined): string | undefined {
  if (!srcset) return undefined;
  let best: { url: string; size: number } | undefined;
  for (const part of srcset.split(/,\s+(?=\S)/)) {
    const [url, descriptor = '1x'] = part.trim().split(/\s+/);
    if (!url) continue;
    const size = parseFloat(descriptor) * (descriptor.endsWith('x') ? 1000 : 1);
    if (!best || size > best.size) best = { url, size: Number.isFinite(size) ? size : 0 };
  }
  return best?.url;
}

const LAZY_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-lazy', 'data-zoom-image', 'data-large', 'data-old-hires'];
const PLACEHOLDER = /placeholder|blank|spacer|transparent|loading|lazy|1x1|pixel\.gif|grey\.gif/i;

/** A lazy image's map of sizes ({"url": [w, h], ...}): the first entry is the size shown by default. */
function fromSizeMap(json: string | null): string | undefined {
  if (!json || json.length > 20_000) return undefined;
  try {
    const map: unknown = JSON.parse(json);
    return map && typeof map === 'object' && !Array.isArray(map) ? Object.keys(map)[0] : undefined;
  } catch {
    return undefined; // Not a size map after all; other attributes still apply.
  }
}

/** The URL an <img> (or <source>) shows: its src unless that is a placeholder, else the lazy-loading attributes. */
export function imageSrc(img: Element, base: string): string | undefined {
  const src = absolute(img.getAttribute('src'), base);
  if (src && !PLACEHOLDER.test(src)) return src;
  for (const a of LAZY_ATTRS.slice(0, 4)) {
    const u = absolute(img.getAttribute(a), base);
    if (u) return u;
  }
  const map = absolute(fromSizeMap(img.getAttribute('data-a-dynamic-image')), base);
  if (map) return map;
  for (const a of LAZY_ATTRS.slice(4)) {
    const u = absolute(img.getAttribute(a), base);
    if (u) return u;
  }
  const set = fromSrcset(img.getAttribute('data-srcset')) ?? fromSrcset(img.getAttribute('srcset'));
  return absolute(set, base) ?? src;
}
