// The test model's embedding space: named directions that both towers write into, so that a photo
// of a red floral dress and the words "red floral dress" land close together. Real CLIP learns such
// a space from 400M image–text pairs; this one is laid out by hand so that tests can assert meaning.
import { CATEGORIES, COLOURS, PATTERNS } from '../../tests/fixtures/shops/styles.ts';

export const DIM = 32;

export const COLOUR_DIM = (i: number) => i; // 0..7
export const CATEGORY_DIM = (i: number) => 8 + i; // 8..15
/** Any pattern at all (not plain). */
export const PATTERNED_DIM = 16;
/** striped, polka-dot, checked, floral: 17..20 (PATTERNS[1..4]). */
export const PATTERN_DIM = (i: number) => 16 + i;
/** Words with no visual meaning here (materials, shop words) write small noise into 21..31. */
export const NOISE_DIMS = [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31];

/** How strongly each kind of evidence counts: colour most, then pattern, then category. */
export const WEIGHT = { colour: 1.0, category: 0.6, pattern: 0.8 } as const;

export { CATEGORIES, COLOURS, PATTERNS };
