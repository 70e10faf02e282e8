import { describe, expect, it } from 'vitest';
import { allowed, parseRobots, robotsFromReply } from '../../../src/background/catalogue/robots.ts';

const base = 'https://shop.example/';

describe('robots.txt', () => {
  it('uses the * group, longest match wins, Allow wins a tie, * and $ wildcards', () => {
    const r = parseRobots([
      'User-agent: googlebot', 'Disallow: /', '',
      'User-agent: *', 'Disallow: /outlet/', 'Allow: /outlet/public', 'Disallow: /*.pdf$', 'Disallow: /search', 'Disallow:',
      'Sitemap: /sitemap_index.xml', '# Sitemap: /ignored.xml',
    ].join('\n'), base);
    expect(allowed(r, 'https://shop.example/item/a')).toBe(true);
    expect(allowed(r, 'https://shop.example/outlet/a')).toBe(false);
    expect(allowed(r, 'https://shop.example/outlet/public-sale')).toBe(true);
    expect(allowed(r, 'https://shop.example/docs/size.pdf')).toBe(false);
    expect(allowed(r, 'https://shop.example/docs/size.pdf?x=1')).toBe(true);
    expect(allowed(r, 'https://shop.example/search?q=red')).toBe(false);
    expect(r.sitemaps).toEqual(['https://shop.example/sitemap_index.xml']);
  });

  it('a group naming Carryover replaces the * group; agents listed together share a group', () => {
    const r = parseRobots('User-agent: *\nDisallow: /a\n\nUser-agent: other\nUser-agent: Carryover\nDisallow: /b\n', base);
    expect(allowed(r, 'https://shop.example/a')).toBe(true);
    expect(allowed(r, 'https://shop.example/b')).toBe(false);
    // A group for another agent whose name is part of ours is not ours.
    const other = parseRobots('User-agent: *\nDisallow: /a\n\nUser-agent: car\nDisallow: /b\n', base);
    expect(allowed(other, 'https://shop.example/a')).toBe(false);
    expect(allowed(other, 'https://shop.example/b')).toBe(true);
  });

  it('a missing file allows everything; a server error allows nothing', () => {
    expect(allowed(robotsFromReply(404, '', base), 'https://shop.example/x')).toBe(true);
    expect(allowed(robotsFromReply(503, '', base), 'https://shop.example/x')).toBe(false);
  });
});
