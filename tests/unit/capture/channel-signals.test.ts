// The content script's sends survive a stopped background (12.8), and only the shopper's own clicks
// count (12.14).
import { parseHTML } from 'linkedom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ContentMessage } from '../../../src/shared/messages.ts';

// A scripted runtime.sendMessage: each call takes the next answer (an Error is a rejection), the
// last one repeating. (A plain function: vitest counts a rejecting vi.fn as a failure of its own.)
let script: unknown[] = [];
const calls: unknown[] = [];
const sendMessage = (m: unknown) => {
  calls.push(m);
  const next = script.length > 1 ? script.shift() : script[0];
  return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
};
vi.mock('webextension-polyfill', () => ({ default: { runtime: { sendMessage } } }));
const { send } = await import('../../../src/capture/channel.ts');
const { holdClicks, trackCardClicks, trackProductActions } = await import('../../../src/capture/signals.ts');

/** A click on `el`: the shopper's (trusted, as the browser makes it) or a page script's el.click(). */
function click(window: { Event: typeof Event }, el: Element, trusted: boolean): void {
  const e = new window.Event('click', { bubbles: true });
  if (trusted) Object.defineProperty(e, 'isTrusted', { value: true });
  el.dispatchEvent(e);
}

const CLOSED = 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';

beforeEach(() => {
  script = [];
  calls.length = 0;
});

describe('12.8: capture messages are retried until acknowledged', () => {
  it('a send the stopped background dropped is sent again, the same message (same view id)', async () => {
    script = [new Error(CLOSED), undefined, { ok: true, value: { stored: true } }];
    const msg: ContentMessage = { type: 'capture/page', url: 'https://s.example/', view: crypto.randomUUID(), kind: 'listing', products: [] };
    expect(await send(msg, [1, 1, 1])).toEqual({ stored: true });
    expect(calls).toHaveLength(3);
    for (const m of calls) expect(m).toBe(msg);
  });

  it('a refusal is an answer (not retried); an orphaned script stops at once', async () => {
    script = [{ ok: false, error: 'invalid message' }];
    await expect(send({ type: 'capture/state' }, [1, 1])).rejects.toThrow('invalid message');
    expect(calls).toHaveLength(1);
    script = [new Error('Extension context invalidated.')];
    await expect(send({ type: 'capture/state' }, [1, 1])).rejects.toThrow(/invalidated/);
    expect(calls).toHaveLength(2);
  });

  it('gives up after the last delay with the error', async () => {
    script = [new Error(CLOSED)];
    await expect(send({ type: 'capture/state' }, [1, 1])).rejects.toThrow(/channel closed/);
    expect(calls).toHaveLength(3);
  });
});

describe('12.14: only trusted events are the shopper\'s actions', () => {
  it('a page script\'s el.click() on a hidden "Add to basket" records nothing; the shopper\'s click does', async () => {
    const { document, window } = parseHTML('<html><body><button hidden>Add to basket</button></body></html>');
    vi.stubGlobal('document', document);
    vi.stubGlobal('location', { href: 'https://s.example/p/1' });
    script = [{ ok: true, value: { stored: true } }];
    const life = new AbortController();
    trackProductActions({ url: 'https://s.example/p/1', title: 'P' }, life.signal);
    const button = document.querySelector('button')!;
    click(window, button, false); // what el.click() dispatches: isTrusted false
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(0);
    click(window, button, true); // a real click, as the browser makes it
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([expect.objectContaining({ type: 'capture/event', event: 'cart' })]);
    life.abort();
    vi.unstubAllGlobals();
  });
});

describe('clicks while the page is being read', () => {
  it('are held, then counted once for the product read; a page script\'s click is not held', async () => {
    const { document, window } = parseHTML('<html><body><button>Add to basket</button><a href="https://s.example/p/2">Other</a></body></html>');
    vi.stubGlobal('document', document);
    vi.stubGlobal('location', { href: 'https://s.example/p/1' });
    script = [{ ok: true, value: { stored: true } }];
    const life = new AbortController();
    const early = holdClicks(life.signal);
    click(window, document.querySelector('button')!, true);
    click(window, document.querySelector('button')!, false);
    click(window, document.querySelector('a')!, true);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toHaveLength(0); // nothing is known to send yet
    const held = early.take();
    expect(held).toHaveLength(2);
    // The page is read: a product page (its cart click counts) with a card of another product.
    trackProductActions({ url: 'https://s.example/p/1', title: 'P' }, life.signal, held);
    trackCardClicks([{ url: 'https://s.example/p/2', title: 'Other' }], life.signal, held);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([
      expect.objectContaining({ type: 'capture/event', event: 'cart', product: expect.objectContaining({ title: 'P' }) }),
      expect.objectContaining({ type: 'capture/event', event: 'click', product: expect.objectContaining({ title: 'Other' }) }),
    ]);
    // After take, the holder no longer listens; the trackers do, once each.
    calls.length = 0;
    click(window, document.querySelector('button')!, true);
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([expect.objectContaining({ event: 'cart' })]);
    life.abort();
    vi.unstubAllGlobals();
  });
});

describe('view ids', () => {
  it('are v4 UUIDs the background accepts, made without crypto.randomUUID (absent on http: pages)', async () => {
    const { newViewId } = await import('../../../src/shared/view-id.ts');
    const v = await import('valibot');
    const { ContentMessageSchema } = await import('../../../src/shared/messages.ts');
    const ids = new Set(Array.from({ length: 1000 }, newViewId));
    expect(ids.size).toBe(1000);
    for (const view of [...ids].slice(0, 50)) {
      expect(v.safeParse(ContentMessageSchema, { type: 'capture/page', url: 'http://s.example/', view, kind: 'other', products: [] }).success).toBe(true);
    }
  });
});
