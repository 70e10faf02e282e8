import * as v from 'valibot';
import { describe, expect, it, vi } from 'vitest';
import { createRouter, defineChannel, type Sender } from '../../../src/background/router.ts';
import { ContentMessageSchema, PRIVILEGED, SidebarMessageSchema, UiMessageSchema, type ContentMessage, type SidebarMessage, type UiMessage } from '../../../src/shared/messages.ts';

const ID = 'abcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const page: Sender = { id: ID, url: `${ORIGIN}src/options/options.html` };
const shopTab = { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false, url: 'https://shop.example/p/1' };
const tab: Sender = { id: ID, url: 'https://shop.example/p/1', tab: shopTab };
/** The sidebar's frame in the shop's tab: Chrome serves it from a per-session dynamic id. */
const frame: Sender = { id: ID, url: 'chrome-extension://dynamicdynamicdynamicdynamicdynam/src/sidebar/frame.html#t=x', tab: shopTab, frameId: 7 };
const TOKEN = '0b6f0c1e-2a4b-4c8d-9e0f-1a2b3c4d5e6f';

function setup() {
  const ui = vi.fn(async (m: { type: string }) => `ui:${m.type}`);
  const content = vi.fn(async (m: { type: string }) => `content:${m.type}`);
  const sidebar = vi.fn(async (m: { type: string }) => `sidebar:${m.type}`);
  const onError = vi.fn();
  const uiHandlers = Object.fromEntries(UiMessageSchema.options.map((o) => [o.entries.type.literal, ui]));
  const contentHandlers = Object.fromEntries(ContentMessageSchema.options.map((o) => [o.entries.type.literal, content]));
  const sidebarHandlers = Object.fromEntries(SidebarMessageSchema.options.map((o) => [o.entries.type.literal, sidebar]));
  const route = createRouter(
    { extensionId: ID, extensionOrigin: ORIGIN, ready: async () => {}, onError },
    {
      ui: defineChannel({ schema: UiMessageSchema, handlers: uiHandlers as never, privileged: PRIVILEGED }),
      content: defineChannel({ schema: ContentMessageSchema, handlers: contentHandlers as never }),
      sidebar: defineChannel({ schema: SidebarMessageSchema, handlers: sidebarHandlers as never }),
    },
  );
  return { route, ui, content, sidebar, onError };
}

describe('message router', () => {
  it('answers extension pages from the UI table and tabs from the content table', async () => {
    const { route } = setup();
    expect(await route({ type: 'status/get' } satisfies UiMessage, page)).toEqual({ ok: true, value: 'ui:status/get' });
    expect(await route({ type: 'capture/state' } satisfies ContentMessage, tab)).toEqual({ ok: true, value: 'content:capture/state' });
  });

  it('refuses privileged requests from web pages, even well-formed ones', async () => {
    const { route, ui } = setup();
    for (const type of PRIVILEGED) {
      const reply = await route({ type }, tab);
      expect(reply?.ok).toBe(false);
    }
    expect(ui).not.toHaveBeenCalled();
  });

  it('refuses other extensions and rejects malformed payloads with a readable reason', async () => {
    const { route, content } = setup();
    expect(await route({ type: 'status/get' }, { ...page, id: 'other' })).toEqual({ ok: false, error: 'unknown sender' });
    const bad = await route({ type: 'capture/page', url: 'javascript:alert(1)', kind: 'product', products: [] }, tab);
    expect(bad).toMatchObject({ ok: false });
    expect(!bad!.ok && bad!.error).toMatch(/^invalid message: url/);
    expect(content).not.toHaveBeenCalled();
  });

  it('leaves messages for the ML document alone', async () => {
    const { route } = setup();
    expect(await route({ type: 'ml/probe', target: 'ml' }, page)).toBeUndefined();
  });

  it('turns a handler failure into an error reply and a log entry', async () => {
    const { route, ui, onError } = setup();
    ui.mockRejectedValueOnce(new Error('disk full'));
    expect(await route({ type: 'status/get' }, page)).toEqual({ ok: false, error: 'disk full' });
    expect(onError).toHaveBeenCalledWith('status/get', expect.any(Error));
  });

  it('answers the sidebar\'s frame from its own table only: it lives in a shop\'s tab, so nothing privileged', async () => {
    const { route, ui, sidebar } = setup();
    expect(await route({ type: 'sidebar/get', token: TOKEN } satisfies SidebarMessage, frame)).toEqual({ ok: true, value: 'sidebar:sidebar/get' });
    // The same frame served from the extension's own origin (Firefox) is still the frame, not a page.
    const staticFrame = { ...frame, url: `${ORIGIN}src/sidebar/frame.html` };
    expect(await route({ type: 'sidebar/get', token: TOKEN }, staticFrame)).toMatchObject({ ok: true });
    for (const type of PRIVILEGED) expect((await route({ type }, staticFrame))?.ok).toBe(false);
    expect(ui).not.toHaveBeenCalled();
    // A shop's page at the same path is a content script's sender, not the frame.
    expect((await route({ type: 'sidebar/get', token: TOKEN }, { ...tab, url: 'https://shop.example/src/sidebar/frame.html' }))?.ok).toBe(false);
    expect(sidebar).toHaveBeenCalledTimes(2);
  });

  it('bounds what a page may send', () => {
    const many = Array.from({ length: 201 }, (_, i) => ({ url: `https://s.example/${i}`, title: 't' }));
    expect(v.safeParse(ContentMessageSchema, { type: 'capture/page', url: 'https://s.example/', kind: 'listing', products: many }).success).toBe(false);
  });
});
