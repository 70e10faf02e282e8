// Real-dataset loaders on small files the test writes, with item vectors from the test model
// through the same transformers.js code in Node, cached on disk; and the CLI's outputs and errors.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAmazon } from '../../../src/eval/loaders/amazon.ts';
import { loadPixelRec } from '../../../src/eval/loaders/pixelrec.ts';
import { TEST_MODEL_NAME, writeTestModel } from '../../../scripts/make-test-model.ts';
import { nodeEmbedder } from '../../../scripts/lib/node-embedder.ts';
import { encodeProduct } from '../../fixtures/shops/images.ts';
import { cosine } from '../../../src/shared/vector.ts';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'carryover-eval-test-'));
const tmp = () => mkdtempSync(join(root, 'case-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dataset loaders', () => {
  it('reads the PixelRec layout, embeds titles and local images, and caches the vectors', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'item_info.csv'), 'item_id,title,tag\nA,"Red dress, linen",dresses\nB,Blue sneakers,shoes\nC,Red skirt,dresses\n');
    writeFileSync(join(dir, 'interactions.csv'), 'item_id,user_id,timestamp\nA,u1,1700000000\nB,u1,1700000100\nC,u2,1700000200\nZ,u2,1700000300\n');
    mkdirSync(join(dir, 'images'));
    writeFileSync(join(dir, 'images', 'A.png'), await encodeProduct('dress', 'red', 'plain', 'png'));
    const model = join(tmp(), TEST_MODEL_NAME);
    writeTestModel(model);
    const ds = await loadPixelRec(dir, await nodeEmbedder(model, dir));
    expect(ds.items.map((i) => [i.id, i.shop, i.title])).toEqual([['A', 'dresses', 'Red dress, linen'], ['B', 'shoes', 'Blue sneakers'], ['C', 'dresses', 'Red skirt']]);
    expect(ds.events.map((e) => [e.user, e.item, e.ts])).toEqual([['u1', 'A', 1700000000000], ['u1', 'B', 1700000100000], ['u2', 'C', 1700000200000]]); // Z is unknown
    const [a, b, c] = ds.items;
    expect(a!.image).toBeDefined();
    expect(b!.image).toBeUndefined();
    expect(cosine(a!.vector!, c!.vector!)).toBeGreaterThan(cosine(a!.vector!, b!.vector!)); // red is near red
    expect(readdirSync(dir).some((f) => f.startsWith('.carryover-vectors-'))).toBe(true);
  });

  it('reads the Amazon reviews layout; a bad line is named', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'meta.jsonl'), `${JSON.stringify({ asin: 'X1', title: 'Striped shirt', brand: 'B', main_cat: 'Fashion' })}\n${JSON.stringify({ asin: 'X2', title: 'Mug', category: ['Home'] })}\n`);
    writeFileSync(join(dir, 'reviews.jsonl'), `${JSON.stringify({ reviewerID: 'r1', asin: 'X1', unixReviewTime: 1600000000, overall: 5 })}\n${JSON.stringify({ reviewerID: 'r1', asin: 'X2', unixReviewTime: 1600000500 })}\n`);
    const ds = await loadAmazon(dir);
    expect(ds.items.map((i) => i.shop)).toEqual(['Fashion', 'Home']);
    expect(ds.events.map((e) => e.type)).toEqual(['purchase', 'purchase']);
    writeFileSync(join(dir, 'reviews.jsonl'), '{"reviewerID": "r1"\n');
    await expect(loadAmazon(dir)).rejects.toThrow(/reviews\.jsonl line 1 is not JSON/);
  });
});

describe('npm run eval', () => {
  it('--quick --json prints one object with every ranker\'s metrics and intervals, and writes the outputs', async () => {
    const out = tmp();
    const { stdout } = await run('npx', ['tsx', 'scripts/eval.ts', '--quick', '--json', '--no-also', '--out', out], { maxBuffer: 1 << 24 });
    type T = { protocol: string; oracles: string[]; rankers: Record<string, Record<string, { mean: number; lo: number; hi: number }>>; comparisons: { b: string; diff: { lo: number; hi: number } }[] };
    const r = JSON.parse(stdout) as { seed: number; config: { shops: number; sortNoise: number }; tables: T[] };
    const [head, page] = r.tables;
    expect(head!.protocol).toBe('cross-shop cold start, whole catalogue');
    expect(page!.protocol).toBe('cross-shop cold start, current page');
    expect(r.config.shops).toBe(3);
    expect(r.config.sortNoise).toBeGreaterThanOrEqual(0);
    expect(Object.keys(head!.rankers)).toEqual(expect.arrayContaining(['random', "shop's own order", 'popularity (shop)', 'content-mean', 'two-tower', 'graph-smoothed (GraphSAGE-style)']));
    expect(head!.oracles).toContain('popularity (shop)');
    expect(head!.oracles).not.toContain('two-tower');
    const m = head!.rankers['two-tower']!['ndcg@10']!;
    expect(m.lo).toBeLessThanOrEqual(m.mean);
    expect(m.hi).toBeGreaterThanOrEqual(m.mean);
    expect(head!.comparisons.map((c) => c.b)).toEqual(expect.arrayContaining(['content-mean', "shop's own order", 'popularity (shop)']));
    for (const ext of ['json', 'md', 'svg']) expect(existsSync(join(out, `synthetic-quick-seed42.${ext}`))).toBe(true);
    expect(readFileSync(join(out, 'synthetic-quick-seed42.svg'), 'utf8')).toMatch(/^<svg/);
  }, 120_000);

  it('a bad --config says which knob is wrong and writes nothing', async () => {
    const dir = tmp();
    writeFileSync(join(dir, 'world.json'), JSON.stringify({ shops: 'many', colour: 3 }));
    const err = await run('npx', ['tsx', 'scripts/eval.ts', '--config', join(dir, 'world.json'), '--out', join(dir, 'out')]).catch((e: { stderr: string }) => e);
    expect((err as { stderr: string }).stderr).toMatch(/--config .*world\.json: .*shops/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  }, 60_000);
});
