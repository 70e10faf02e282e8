// Convention: the test build differs from the shipped one only where scripts/lib/test-build.ts says.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEST_BUILD_DIFFERENCES } from '../../scripts/lib/test-build.ts';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('the test build', () => {
  it('differs from the shipped build only in the files the list names', () => {
    const listed = new Set(TEST_BUILD_DIFFERENCES.map((d) => d.file));
    const using = walk('src').filter((f) => /\.(ts|tsx)$/.test(f) && !f.endsWith('env.d.ts') && readFileSync(f, 'utf8').includes('__TEST_BUILD__'));
    for (const f of using) expect(listed.has(f), `${f} uses __TEST_BUILD__ but is not in scripts/lib/test-build.ts`).toBe(true);
    for (const d of TEST_BUILD_DIFFERENCES.filter((x) => x.file.startsWith('src/'))) expect(using, `${d.file} is listed but has no __TEST_BUILD__`).toContain(d.file);
  });
});
