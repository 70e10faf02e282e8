// The parts of bench:extract --in-page that run without a browser: the order statistics it reports
// and the page server that puts each saved page at its own address and refuses everything else.
import { request } from 'node:https';
import { describe, expect, it } from 'vitest';
import { servePages, servedUrls } from '../../../scripts/bench/page-server.ts';
import { median, quantile } from '../../../scripts/bench/stats.ts';

describe('order statistics', () => {
  it('p95 by nearest rank is an observed value; the median of an even count is the mean of the middle two', () => {
    const xs = Array.from({ length: 21 }, (_, i) => 21 - i); // 21..1, unsorted on purpose
    expect(quantile(xs, 0.95)).toBe(20);
    expect(quantile(xs, 1)).toBe(21);
    expect(quantile([7], 0.95)).toBe(7);
    expect(median(xs)).toBe(11);
    expect(median([1, 2, 3, 10])).toBe(2.5);
    expect(Number.isNaN(quantile([], 0.5))).toBe(true);
  });
});

const get = (port: number, host: string, path: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = request({ host: '127.0.0.1', port, path, headers: { host }, rejectUnauthorized: false }, (res) => {
    let body = '';
    res.on('data', (c) => (body += c));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
  });
  req.on('error', reject);
  req.end();
});

describe('page server', () => {
  it('serves each page at its own host and path, a second page at the same address under its own query, and nothing else', async () => {
    const urls = servedUrls(['https://shop.example/p/1?c=red#top', 'http://other.example:8080/', 'https://shop.example/p/1?c=red']);
    expect(urls[0]).toBe('https://shop.example/p/1?c=red');
    expect(urls[1]).toBe('https://other.example/');
    expect(urls[2]).not.toBe(urls[0]);
    const { server, port, requests } = await servePages(urls.map((url, i) => ({ url, html: () => `<p>page ${i}</p>` })));
    try {
      expect(await get(port, 'shop.example', '/p/1?c=red')).toEqual({ status: 200, body: '<p>page 0</p>' });
      expect((await get(port, 'other.example', '/')).body).toBe('<p>page 1</p>');
      const third = new URL(urls[2]!);
      expect((await get(port, 'shop.example', third.pathname + third.search)).body).toBe('<p>page 2</p>');
      // The shop's own scripts and photos, and other hosts' copies of the same path, are refused.
      expect((await get(port, 'shop.example', '/app.js')).status).toBe(404);
      expect((await get(port, 'cdn.example', '/p/1?c=red')).status).toBe(404);
      expect(requests).toEqual({ ok: 3, refused: 2 });
    } finally {
      server.close();
    }
  });
});
