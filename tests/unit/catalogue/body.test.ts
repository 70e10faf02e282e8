// A shop's answer is read bounded, and unpacked when it is a gzip file (sitemap.xml.gz).
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readBody } from '../../../src/background/catalogue/body.ts';

const xml = '<?xml version="1.0"?><urlset><url><loc>https://shop.example/p/1</loc></url></urlset>';

describe('readBody', () => {
  it('reads plain text as it is, and a gzip file unpacked whatever its name or type says', async () => {
    expect(await readBody(new Response(xml), 1e6)).toBe(xml);
    expect(await readBody(new Response(gzipSync(xml), { headers: { 'content-type': 'application/octet-stream' } }), 1e6)).toBe(xml);
    expect(await readBody(new Response(''), 1e6)).toBe('');
    expect(await readBody(new Response(null, { status: 204 }), 1e6)).toBe('');
  });

  it('stops at the bound: a small file that unpacks to 200 MB costs no more than the bound', async () => {
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 'a'));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const text = await readBody(new Response(bomb), 5 * 1024 * 1024);
    expect(text.length).toBe(5 * 1024 * 1024);
    expect((await readBody(new Response('x'.repeat(10_000)), 100)).length).toBe(100);
  });

  it('a damaged gzip file is an error the crawl records, not a hang', async () => {
    const broken = gzipSync(xml).subarray(0, 20);
    await expect(readBody(new Response(broken), 1e6)).rejects.toThrow();
  });
});
