// The consent paths that need a person at the browser's prompt: here the prompt's answers are
// simulated, the rest is the real code.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const perms = { request: vi.fn(), contains: vi.fn(), remove: vi.fn() };
const scripting = { getRegisteredContentScripts: vi.fn(async () => [] as { id: string }[]), registerContentScripts: vi.fn(), unregisterContentScripts: vi.fn(), executeScript: vi.fn() };
const sendMessage = vi.fn();
vi.mock('webextension-polyfill', () => ({
  default: {
    permissions: perms,
    scripting,
    runtime: { sendMessage, id: 'x', getURL: (p: string) => `chrome-extension://x/${p}` },
    tabs: { query: vi.fn(async () => [{ id: 7 }]), sendMessage: vi.fn(async () => undefined) },
  },
}));
vi.mock('../../../src/capture/content-script.ts?iife', () => ({ default: 'src/capture/content-script.js' }));
// The browser's i18n API, from the English messages: what the shopper reads is checked as they read it.
const { default: messages } = await import('../../../public/_locales/en/messages.json');
(globalThis as { chrome?: unknown }).chrome = {
  i18n: { getMessage: (key: string, subs: string[] = []) => (messages as Record<string, { message: string }>)[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '' },
};

const { grantSite } = await import('../../../src/popup/consent-actions.ts');
const { siteOrigins } = await import('../../../src/shared/site.ts');
const consent = await import('../../../src/background/consent.ts');

beforeEach(() => vi.clearAllMocks());

describe('consent', () => {
  it('asks for the shop and its image hosts, and nothing else', () => {
    expect(siteOrigins('shop.example', ['img.cdn.example'])).toEqual([
      'http://shop.example/*', 'https://shop.example/*', 'http://www.shop.example/*', 'https://www.shop.example/*', 'http://img.cdn.example/*', 'https://img.cdn.example/*',
    ]);
  });

  it('when the shopper says no: says so, and records and registers nothing', async () => {
    perms.request.mockResolvedValue(false);
    await expect(grantSite('shop.example', [])).rejects.toThrow(/You did not allow Carryover to read shop\.example/);
    expect(sendMessage).not.toHaveBeenCalled();
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('refuses to record consent the browser did not give', async () => {
    perms.contains.mockResolvedValue(false);
    await expect(consent.grant('shop.example', [])).rejects.toThrow(/was not given access to shop\.example/);
    expect(await consent.siteRecord('shop.example')).toBeUndefined();
    expect(scripting.registerContentScripts).not.toHaveBeenCalled();
  });

  it('on grant: records, registers the capture script for that site only, injects into open tabs', async () => {
    perms.contains.mockResolvedValue(true);
    await consent.grant('shop.example', ['img.cdn.example']);
    expect(await consent.siteRecord('shop.example')).toMatchObject({ granted: true, imageHosts: ['img.cdn.example'] });
    expect(scripting.registerContentScripts).toHaveBeenCalledWith([
      expect.objectContaining({ id: 'capture:shop.example', js: ['src/capture/content-script.js'], matches: ['http://shop.example/*', 'https://shop.example/*', 'http://www.shop.example/*', 'https://www.shop.example/*'], persistAcrossSessions: true }),
    ]);
    expect(scripting.executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['src/capture/content-script.js'] });
    expect(await consent.isCapturing('shop.example')).toBe(true);
  });

  it('on revoke: unregisters, marks revoked, and capture stops', async () => {
    perms.contains.mockResolvedValue(true);
    await consent.grant('shop2.example', []);
    scripting.getRegisteredContentScripts.mockResolvedValueOnce([{ id: 'capture:shop2.example' }]);
    await consent.revoke('shop2.example', false);
    expect(scripting.unregisterContentScripts).toHaveBeenCalledWith({ ids: ['capture:shop2.example'] });
    expect(await consent.siteRecord('shop2.example')).toMatchObject({ granted: false });
    expect(await consent.isCapturing('shop2.example')).toBe(false);
  });

  it('at start-up, drops a site whose permission was removed in the browser', async () => {
    perms.contains.mockResolvedValue(true);
    await consent.grant('shop3.example', []);
    perms.contains.mockResolvedValue(false);
    await consent.syncRegistrations();
    expect(await consent.isCapturing('shop3.example')).toBe(false);
  });
});
