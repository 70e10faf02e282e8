// Draws Carryover's toolbar and store icons (16, 32, 48, 96, 128 px) from one mark, the one the
// sidebar shows (src/sidebar/Logo.tsx), with the padding the stores ask for: Chrome's 128 px icon
// is 96 px of artwork in 16 px of transparent margin; small sizes keep a pixel or two so the mark
// stays legible in a toolbar. Run: npx tsx scripts/make-icons.ts (writes public/icons/*.png).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';

export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

const ACCENT = '#2f6f5e';
const INK = '#ffffff';

/** The mark on a 24-unit grid, as in Logo.tsx. */
const mark = (size: number, pad: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="${-pad} ${-pad} ${24 + 2 * pad} ${24 + 2 * pad}">
  <rect x="1" y="1" width="22" height="22" rx="6" fill="${ACCENT}"/>
  <path d="M7 9h10l-1 9H8z" fill="none" stroke="${INK}" stroke-width="1.6" stroke-linejoin="round"/>
  <path d="M9.5 9V7.5a2.5 2.5 0 0 1 5 0V9" fill="none" stroke="${INK}" stroke-width="1.6"/>
  <path d="M9.5 13.5h5m-1.8-1.8 1.8 1.8-1.8 1.8" fill="none" stroke="${INK}" stroke-width="1.4" stroke-linecap="round" stroke-linejoin="round"/>
</svg>`;

/** Margin in grid units: 16 of 128 px (1/8 of the size) from 48 px up, less below. */
const padFor = (size: number) => (size >= 48 ? (24 * (1 / 8)) / (1 - 2 / 8) : 0);

export async function makeIcons(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  for (const size of ICON_SIZES) {
    const file = join(dir, `${size}.png`);
    await sharp(Buffer.from(mark(size, padFor(size)))).png().toFile(file);
    out.push(file);
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await makeIcons(join(import.meta.dirname, '..', 'public', 'icons'));
  console.log(files.join('\n'));
}
