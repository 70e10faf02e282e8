// Runs in the shop's tab (scripting.executeScript with the popup's activeTab grant) before consent,
// to name in the prompt the hosts the shop's product images come from. It reads image addresses
// only, returns host names, and stores nothing. It must be self-contained: it is serialised.
export function detectImageHosts(): string[] {
  const own = location.hostname;
  const counts: Record<string, number> = Object.create(null) as Record<string, number>;
  for (const img of Array.from(document.images).slice(0, 300)) {
    const w = img.naturalWidth || img.width;
    const h = img.naturalHeight || img.height;
    // Product photos, not icons and tracking pixels.
    if (w && h && (w < 80 || h < 80)) continue;
    const src = img.currentSrc || img.src || img.getAttribute('data-src') || '';
    try {
      const u = new URL(src, location.href);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.hostname !== own) counts[u.hostname] = (counts[u.hostname] ?? 0) + 1;
    } catch {
      // An address that is not a URL names no host.
    }
  }
  return Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 5).map(([h]) => h);
}
