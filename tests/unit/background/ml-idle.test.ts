// The model is let go after idle minutes (issue 17's memory goal): at the idle alarm, Chrome's
// offscreen document is closed — unless a request is still out, which puts the release off — and
// the next request opens it again.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const alarms: { name: string; delayInMinutes?: number }[] = [];
let answer: (v: unknown) => void = () => {};
vi.mock('webextension-polyfill', () => ({
  default: {
    alarms: { create: async (name: string, info: { delayInMinutes?: number }) => void alarms.push({ name, ...info }) },
    runtime: { sendMessage: () => new Promise((r) => (answer = r)) },
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
