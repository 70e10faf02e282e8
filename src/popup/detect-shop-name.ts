// Runs in the shop's tab (scripting.executeScript with the popup's activeTab grant), before consent,
// to call the shop by its own name ("Maple & Pine", not "Maple And Pine" from its host name): the
// name it gives itself in og:site_name or application-name, else the part of its title that names
// the shop. Reads three tags, stores nothing. Self-contained: it is serialised.
export function detectShopName(): string | undefined {
  const meta = (sel: string) => document.querySelector<HTMLMetaElement>(sel)?.content?.trim();
  const named = meta('meta[property="og:site_name"]') || meta('meta[name="application-name"]') || meta('meta[name="apple-mobile-web-app-title"]');
  if (named) return named.slice(0, 60);
  // "Red Dress – Maple & Pine", "Maple & Pine | Dresses": the shop is the end or the start.
  const parts = document.title.split(/\s+[|–—·•-]\s+/).map((p) => p.trim()).filter(Boolean);
  if (!parts.length) return undefined;
  const host = location.hostname.replace(/^www\./, '').split('.')[0]!.replace(/[-_]/g, '').toLowerCase();
  const squash = (p: string) => p.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]/g, '');
  // The part that is the host's name, else one the host's name holds ("Loft" in urbanloft), else
  // the shortest that holds it ("Urban Loft" over "New in at Urban Loft").
  const match = parts.find((p) => squash(p) === host)
    ?? parts.find((p) => squash(p).length > 2 && host.includes(squash(p)))
    ?? parts.filter((p) => squash(p).includes(host)).sort((a, b) => a.length - b.length)[0];
  return (match ?? (parts.length === 1 ? parts[0] : undefined))?.slice(0, 60);
}
