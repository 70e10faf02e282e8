// The tour's report is one HTML page: every screen inline in light and dark, the log escaped.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tourReport } from '../../../scripts/lib/tour-report.ts';

const dir = mkdtempSync(join(tmpdir(), 'carryover-tour-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tourReport', () => {
  it('inlines each screenshot, light and dark, and escapes what it says', () => {
    writeFileSync(join(dir, '01.png'), Buffer.from([1, 2, 3]));
    writeFileSync(join(dir, '01-dark.png'), Buffer.from([4, 5, 6]));
    const html = tourReport(dir, ['Consent given on <shop>', ''], [{ light: '01.png', dark: '01-dark.png', caption: 'The popup' }]);
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from([1, 2, 3]).toString('base64')}"`);
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from([4, 5, 6]).toString('base64')}"`);
    expect(html).toContain('<li>Consent given on &lt;shop&gt;</li>');
    expect(html).toContain('<h2>The popup</h2>');
    expect(html).not.toContain('<li></li>');
  });
});
