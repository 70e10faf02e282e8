// How the options pages name a shop: its own name with the host small beside it, the host alone
// when its page never gave a name (not one made up from the host).
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';

const { document, window } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
Object.assign(globalThis, { document, window, Node: window.Node, Element: window.Element, HTMLElement: window.HTMLElement, Event: window.Event });
const { render } = await import('preact');
const { act } = await import('preact/test-utils');
const { namesOf, NO_NAMES, Shop, shopText } = await import('../../../src/options/shop-label.tsx');

const names = namesOf([
  { site: 'maple-and-pine.localhost', ownName: 'Maple & Pine' },
  { site: 'maple-pine.example', ownName: 'Maple & Pine' },
  { site: 'urban-loft.localhost' },
]);

function shown(site: string, n = names) {
  const app = document.getElementById('app')!;
  act(() => render(<Shop site={site} names={n} />, app));
  return app;
}

describe("a shop's name in the options pages", () => {
  it('is the name its own page gave, the host small beside it', () => {
    const app = shown('maple-and-pine.localhost');
    expect(app.textContent).toBe('Maple & Pine maple-and-pine.localhost');
    expect(app.querySelector('small.shop-host')?.textContent).toBe('maple-and-pine.localhost');
  });

  it('tells two shops of the same name apart by their hosts', () => {
    expect(shopText('maple-and-pine.localhost', names)).not.toBe(shopText('maple-pine.example', names));
    expect(shown('maple-pine.example').textContent).toBe('Maple & Pine maple-pine.example');
  });

  it('is the plain host when no name is known, not one made from the host', () => {
    for (const n of [names, NO_NAMES]) {
      const app = shown('urban-loft.localhost', n);
      expect(app.textContent).toBe('urban-loft.localhost');
      expect(app.querySelector('small')).toBeNull();
      expect(shopText('urban-loft.localhost', n)).toBe('urban-loft.localhost');
    }
  });

  it('reads as one line of text where no element can go (confirmations, Undo, a list of options)', () => {
    expect(shopText('maple-and-pine.localhost', names)).toBe('Maple & Pine (maple-and-pine.localhost)');
    expect(shopText('nowhere.example', names)).toBe('nowhere.example');
  });
});
