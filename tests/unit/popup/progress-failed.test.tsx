// The popup's line for products Carryover could not read: a count with its plural form and the
// runtime's why, in the shopper's language (not "3 could not be read", not "1 Produkt ließen").
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { EmbeddingStatus } from '../../../src/background/embedding.ts';
import { useLocale } from '../locale.ts';

const { document, window } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
Object.assign(globalThis, { document, window, Node: window.Node, Element: window.Element, HTMLElement: window.HTMLElement, Event: window.Event });
const { render } = await import('preact');
const { act } = await import('preact/test-utils');
const { EmbeddingProgress } = await import('../../../src/popup/EmbeddingProgress.tsx');

const status = (failed: number, error?: string) => ({
  model: { id: 'm', name: 'm', testModel: false, source: 'bundled', dtypes: [], bytes: 0 },
  queue: { queued: { text: 0, image: 0 }, running: 0, done: 4, failed, perMinute: 0, recentErrors: error ? [{ itemId: 'a', kind: 'image', error, attempts: 5 }] : [] },
  backend: undefined, override: undefined,
}) as unknown as EmbeddingStatus;

function failedLine(s: EmbeddingStatus): string {
  const app = document.getElementById('app')!;
  act(() => render(<EmbeddingProgress status={s} items={4} />, app));
  return app.querySelector('p.error')?.textContent ?? '';
}

describe("the popup's line for products that could not be read", () => {
  it('counts them with the plural form, with the why', () => {
    useLocale('en');
    expect(failedLine(status(1, 'the shop answered 404 Not Found for the photo https://img.example/1.jpg; Carryover tries it again later')))
      .toBe('1 product could not be read: the shop answered 404 Not Found for the photo https://img.example/1.jpg; Carryover tries it again later. It is kept without a picture match.');
    expect(failedLine(status(3))).toBe('3 products could not be read; they are kept without a picture match.');
  });
  it('in German too', () => {
    useLocale('de');
    expect(failedLine(status(1))).toBe('1 Produkt ließ sich nicht lesen; es bleibt ohne Bildvergleich.');
    expect(failedLine(status(2, 'x'))).toBe('2 Produkte ließen sich nicht lesen: x. Sie bleiben ohne Bildvergleich.');
  });
});

describe("the popup's status line counts with plural forms", () => {
  const line = (s: EmbeddingStatus, items: number, paused = false) => {
    const app = document.getElementById('app')!;
    act(() => render(<EmbeddingProgress status={s} items={items} paused={paused} />, app));
    return app.querySelector('p[role=status]')?.textContent ?? '';
  };
  const waiting = (n: number) => ({ ...status(0), queue: { ...status(0).queue, queued: { text: n, image: n } } }) as unknown as EmbeddingStatus;
  it('for one product and for many', () => {
    useLocale('en');
    expect(line(status(0), 1)).toBe('Up to date: Carryover has looked at the 1 product it has seen.');
    expect(line(status(0), 4)).toBe('Up to date: Carryover has looked at all 4 products it has seen.');
    expect(line(waiting(1), 5, true)).toBe('Paused: 1 product waits to be understood until you resume.');
    useLocale('de');
    expect(line(waiting(1), 5, true)).toBe('Pausiert: 1 Produkt wartet, bis du fortsetzt.');
    expect(line(waiting(3), 5, true)).toBe('Pausiert: 3 Produkte warten, bis du fortsetzt.');
  });
});
