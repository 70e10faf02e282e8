// Convention: every host pattern Carryover can request is inside one optional pattern that the
// shipped manifest declares, under each browser's own rules. A broken declaration fails here
// before any browser refuses a shopper's click.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { manifestFor, type Target } from '../../scripts/lib/manifest.ts';
import { requestable } from '../../src/shared/host-permissions.ts';
import { hubOrigins } from '../../src/shared/model-hub.ts';
import { siteOf, siteOrigins } from '../../src/shared/site.ts';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,14}[a-z0-9])?$/);
const hostName = fc.tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'de', 'co.uk', 'localhost', 'xn--mnchen-3ya.de'))
  .map(([labels, tld]) => `${labels.join('.')}.${tld}`);
const shopUrl = fc.tuple(fc.constantFrom('http', 'https'), fc.boolean(), hostName, fc.option(fc.integer({ min: 1, max: 65535 })))
  .map(([scheme, www, host, port]) => `${scheme}://${www ? 'www.' : ''}${host}${port ? `:${port}` : ''}/p/1`);

for (const target of ['chrome', 'firefox'] as Target[]) {
  describe(`${target}: what the code requests, the shipped manifest declares`, () => {
    const declared = manifestFor(target).optional_host_permissions as string[];

    it('declares no host permission at install', () => {
      expect(manifestFor(target).host_permissions).toBeUndefined();
    });

    it("a shop's consent (its hosts and image hosts)", () => {
      fc.assert(fc.property(shopUrl, fc.array(hostName, { maxLength: 4 }), (url, imageHosts) => {
        for (const pattern of siteOrigins(siteOf(url), imageHosts)) expect(requestable(pattern, declared, target), pattern).toBe(true);
      }));
    });

    it('the model download (the hub, its storage hosts, any hub the shopper names)', () => {
      const hubs = ['https://huggingface.co', 'http://127.0.0.1:8123', 'https://models.example.org'];
      for (const hub of hubs) for (const pattern of hubOrigins(hub)) expect(requestable(pattern, declared, target), pattern).toBe(true);
    });
  });
}

describe('the rules themselves', () => {
  const perScheme = ['http://*/*', 'https://*/*'];
  it("refuse what each browser refuses (the errors shoppers met before)", () => {
    expect(requestable('*://north-threads.localhost/*', perScheme, 'chrome')).toBe(false);
    expect(requestable('*://north-threads.localhost/*', perScheme, 'firefox')).toBe(false);
    expect(requestable('http://shop.example/*', ['https://*/*'], 'chrome')).toBe(false);
    expect(requestable('https://a.example/*', ['https://*.b.example/*'], 'firefox')).toBe(false);
  });
  it('accept what lies inside one declared pattern', () => {
    expect(requestable('*://shop.example/*', ['*://*/*'], 'chrome')).toBe(true);
    expect(requestable('*://shop.example/*', ['*://*/*'], 'firefox')).toBe(true);
    expect(requestable('https://cdn.b.example/*', ['https://*.b.example/*'], 'chrome')).toBe(true);
    expect(requestable('https://*.hf.co/*', perScheme, 'firefox')).toBe(true);
  });
  it('a broken declaration is caught: dropping http leaves http shops unrequestable', () => {
    const broken = ['https://*/*'];
    expect(siteOrigins('shop.example', []).every((p) => requestable(p, broken, 'chrome'))).toBe(false);
  });
});
