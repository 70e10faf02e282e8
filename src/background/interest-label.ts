// An interest's plain label: the words its products' titles share ("Red striped shirt"), as a board
// on Pinterest is named by what its pins have in common, not by two of its pins.

// Words that say nothing of a product in the languages the shops here are written in.
const STOP = new Set([
  'the', 'and', 'for', 'with', 'from', 'new', 'men', 'women', 'mens', 'womens', 'size', 'pack', 'set',
  'der', 'die', 'das', 'und', 'mit', 'für', 'von', 'neu', 'herren', 'damen', 'les', 'des', 'pour', 'avec', 'con', 'del', 'per',
]);

const words = (title: string) => [...new Set((title.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((w) => !STOP.has(w)))];

/** The words at least half the titles share (at most three, the most shared first, in the order
 * titles use them); the first title when they share none. */
export function interestLabel(titles: readonly string[]): string {
  if (!titles.length) return '';
  const lists = titles.map(words);
  const count = new Map<string, number>();
  const place = new Map<string, number>();
  for (const list of lists) {
    list.forEach((w, i) => {
      count.set(w, (count.get(w) ?? 0) + 1);
      place.set(w, (place.get(w) ?? 0) + i / list.length);
    });
  }
  const need = titles.length === 1 ? 2 : Math.max(2, Math.ceil(titles.length / 2));
  const shared = [...count].filter(([, n]) => n >= need).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([w]) => w);
  if (!shared.length) return titles[0]!;
  const ordered = shared.sort((a, b) => place.get(a)! / count.get(a)! - place.get(b)! / count.get(b)!);
  const label = ordered.join(' ');
  return label.charAt(0).toUpperCase() + label.slice(1);
}
