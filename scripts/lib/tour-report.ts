// The headless tour's report as one HTML page a person opens: what happened, line by line, and every
// screen in light and dark with its screenshot inline (data: URLs, so the page travels alone).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Shot {
  /** File name of the light screenshot; the dark one, when taken, is `dark` */
  light: string;
  dark?: string;
  /** What the screen shows, in words. */
  caption: string;
}

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
const inline = (dir: string, name: string) => `data:image/png;base64,${readFileSync(join(dir, name)).toString('base64')}`;

export function tourReport(dir: string, lines: readonly string[], shots: readonly Shot[]): string {
  const figure = (s: Shot) => `<section>
  <h2>${esc(s.caption)}</h2>
  <div class="pair">
    <figure><img src="${inline(dir, s.light)}" alt="${esc(s.caption)}, light"><figcaption>${esc(s.light)}</figcaption></figure>
    ${s.dark ? `<figure><img src="${inline(dir, s.dark)}" alt="${esc(s.caption)}, dark"><figcaption>${esc(s.dark)}</figcaption></figure>` : ''}
  </div>
</section>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Carryover headless tour</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; margin: 24px auto; max-width: 1200px; padding: 0 16px; color: #1b1f1d; }
.pair { display: flex; gap: 16px; flex-wrap: wrap; }
figure { margin: 0; flex: 1 1 420px; }
img { max-width: 100%; border: 1px solid #d9dfdc; border-radius: 6px; }
figcaption { color: #5b6661; font-size: 13px; }
section { margin: 28px 0; }
</style></head><body>
<h1>Carryover headless tour</h1>
<ul>${lines.filter(Boolean).map((l) => `<li>${esc(l)}</li>`).join('')}</ul>
${shots.map(figure).join('\n')}
</body></html>
`;
}
