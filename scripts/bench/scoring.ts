// Scoring bench: the two-tower scoring one shop's candidates for one shopper (rec/twotower.ts
// scoreList, what the sidebar and the catalogue's photo cascade run), n 512-d candidates, without
// a page (the baseline, measured in the same run) and with the 24 products of the listing the
// shopper is on (the listing's-kind feature: the page's products and then every candidate against
// the page and a sample of the shop). The page is a search's: 24 products of one kind (each at a
// cosine of about 0.9 to one product), so that it has a kind of its own and the feature's whole
// path runs (a page as mixed as the shop stops after its first step). Median of repeats, wall
// time, and this process's CPU seconds over all repeats (from /proc).
import { buildProfile } from '../../src/rec/profile.ts';
import { DEFAULT_REC_SETTINGS } from '../../src/rec/signals.ts';
import { priorWeights, scoreList, userState } from '../../src/rec/twotower.ts';
import { FEATURES, featureMatrix, NF, type ItemSignals } from '../../src/rec/features.ts';
import { normalize } from '../../src/shared/vector.ts';
import { selfCpuS } from './proc.ts';
import { catalogue } from './ranking.ts';
import { median, round } from './stats.ts';

export interface ScoringRow { n: number; page: number; medianMs: number; cpuS: number; repeats: number; ratio: number }

const PAGE = 24;

export function benchScoring(log: (s: string) => void, sizes = [300, 2_000, 5_000]): ScoringRow[] {
  const rows: ScoringRow[] = [];
  log(`\nScoring — the two-tower over one shop's n 512-d candidates, without a page and with a listing of ${PAGE} (median of repeats; × = against no page in the same run):`);
  const w = priorWeights();
  for (const n of sizes) {
    const vectors = catalogue(n + 12, n + 7);
    // The first 24 candidates are of one kind: the page.
    const kindOf = vectors[0]!;
    const shop = vectors.slice(0, n).map((v, i) => (i < PAGE ? normalize(Array.from(kindOf, (x, j) => x + 0.5 * v[j]!)) : v));
    const items: ItemSignals[] = shop.map((vector, i) => ({ id: `p${i}`, vector, listPosition: i + 1, price: 10 + (i % 40) }));
    // A shopper with a dozen products of history (not among the candidates).
    const history = vectors.slice(n).map((v, i) => [`h${i}`, v] as const);
    const now = Date.now();
    const profile = buildProfile(history.map(([itemId], i) => ({ itemId, type: 'cart' as const, ts: now - i * 3_600_000 })), new Map(history), now, DEFAULT_REC_SETTINGS);
    if (!profile) throw new Error('the bench profile is empty');
    const page = items.slice(0, PAGE).map((x) => x.vector);
    const kind = featureMatrix(userState(w, profile, page), items).filter((_, k) => k % NF === FEATURES.indexOf('page kind'));
    if (!kind.some((x) => x !== 0)) throw new Error('the bench page has no kind of its own: it would time the short path');
    const repeats = n >= 5_000 ? 9 : 21;
    let base = NaN;
    for (const withPage of [false, true]) {
      const times: number[] = [];
      const cpu0 = selfCpuS();
      for (let k = 0; k < repeats; k++) {
        const t = performance.now();
        scoreList(w, profile, items, withPage ? page : undefined);
        times.push(performance.now() - t);
      }
      const ms = median(times);
      if (!withPage) base = ms;
      const row = { n, page: withPage ? PAGE : 0, medianMs: round(ms), cpuS: round(selfCpuS() - cpu0), repeats, ratio: round(ms / base, 1) };
      rows.push(row);
      log(`  n=${n}, ${withPage ? `page of ${PAGE}` : 'no page'}: ${row.medianMs} ms (×${row.ratio}); ${row.cpuS} s CPU over ${repeats} runs`);
    }
  }
  return rows;
}
