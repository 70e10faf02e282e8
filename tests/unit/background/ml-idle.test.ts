// The model is let go after idle minutes (issue 17's memory goal): at the idle alarm, Chrome's
// offscreen document is closed — unless a request is still out, which puts the release off — and
// the next request opens it again.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useLocale } from '../locale.ts';

const alarms: { name: string; delayInMinutes?: number }[] = [];
let answer: (v: unknown) => void = () => {};
let sent = 0;
vi.mock('webextension-polyfill', () => ({
  default: {
    alarms: { create: async (name: string, info: { delayInMinutes?: number }) => void alarms.push({ name, ...info }) },
    runtime: { sendMessage: () => new Promise((r) => { sent++; answer = r; }) },
  },
}));

let open = false;
const created: string[] = [];
beforeEach(() => {
  open = false;
  created.length = 0;
  alarms.length = 0;
  (globalThis as unknown as { chrome: unknown }).chrome = {
    runtime: {
      getURL: (p: string) => `chrome-extension://x/${p}`,
      ContextType: { OFFSCREEN_DOCUMENT: 'OFFSCREEN_DOCUMENT' },
      getContexts: async () => (open ? [{ documentUrl: 'chrome-extension://x/src/ml/offscreen.html' }] : []),
    },
    offscreen: {
      Reason: { WORKERS: 'WORKERS' },
      createDocument: async (o: { url: string }) => {
        open = true;
        created.push(o.url);
      },
      closeDocument: async () => {
        open = false;
      },
    },
  };
});

describe('the ML document after idle minutes', () => {
  it('is closed at the idle alarm, put off while a request is out, and opened again on demand', async () => {
    const { askMl, releaseMlIfIdle, ML_IDLE_ALARM } = await import('../../../src/background/ml-host.ts');
    const pending = askMl('ml/probe', {});
    await vi.waitFor(() => expect(open).toBe(true));
    expect(alarms.filter((a) => a.name === ML_IDLE_ALARM).every((a) => a.delayInMinutes === 3)).toBe(true);
    // The alarm rings while the request is out: the document stays, the alarm is set again.
    const armed = alarms.length;
    await releaseMlIfIdle();
    expect(open).toBe(true);
    expect(alarms.length).toBe(armed + 1);
    answer({ ok: true, value: { ready: true } });
    await pending;
    // Answered, then idle: the alarm closes it.
    await releaseMlIfIdle();
    expect(open).toBe(false);
    // The next request opens it again.
    const again = askMl('ml/probe', {});
    await vi.waitFor(() => expect(open).toBe(true));
    answer({ ok: true, value: { ready: true } });
    await again;
    expect(created).toHaveLength(2);
    // Nothing open: the alarm has nothing to close (and does not throw).
    await releaseMlIfIdle();
    await releaseMlIfIdle();
    expect(open).toBe(false);
  });
});

describe("the ML document's failures", () => {
  it('are said in the shopper\'s language when the document sends a phrase (it has no i18n API itself)', async () => {
    const { askMl } = await import('../../../src/background/ml-host.ts');
    const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
    useLocale('de');
    chrome.i18n = (globalThis as unknown as { chrome: { i18n: unknown } }).chrome.i18n;
    (globalThis as unknown as { chrome: unknown }).chrome = chrome;
    const before = sent;
    const failing = askMl('ml/probe', {});
    await vi.waitFor(() => expect(sent).toBe(before + 1));
    answer({ ok: false, error: 'errModelLoad: [...]', phrase: { key: 'errModelLoad', subs: [{ key: 'errNoCanvas' }] } });
    await expect(failing).rejects.toThrow(/^Carryover konnte sein Bildmodell nicht laden \(dieser Browser gibt Carryover keine 2D-Zeichenfläche/);
    // Without a phrase, the error is passed on as it came.
    const plain = askMl('ml/probe', {});
    await vi.waitFor(() => expect(sent).toBe(before + 2));
    answer({ ok: false, error: 'as it came' });
    await expect(plain).rejects.toThrow(/^as it came$/);
  });
});
