// The sidebar as a shopper reads it: signed by Carryover, what the order and bars mean, a number on
// each match, the sale's crossed-out price, Like's state, a "Not for me" note in the card's place
// with Undo and "Show fewer like this", and × asking before it turns the picks off on this shop.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import messages from '../../../public/_locales/en/messages.json';

const { document, window } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
Object.assign(globalThis, { document, window, Node: window.Node, Element: window.Element, HTMLElement: window.HTMLElement, Event: window.Event });
const strings = messages as Record<string, { message: string }>;
(globalThis as { chrome?: unknown }).chrome = {
  i18n: { getMessage: (key: string, subs: string[] = []) => strings[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '' },
};
const { render } = await import('preact');
const { act } = await import('preact/test-utils');
const { Sidebar } = await import('../../../src/sidebar/Sidebar.tsx');
type Props = Parameters<typeof Sidebar>[0];

const card = (i: number, extra = {}) => ({
  id: String(i).repeat(32), url: `https://shop.example/p/${i}`, title: `Striped shirt ${i}`, price: 40, currency: 'EUR', match: 1 - i / 10, textOnly: false,
  reason: 'Because you put the Red skirt in your basket on North Threads', ...extra,
});
const result = { site: 'urban-loft.example', newShop: true, pending: 0, ms: 1, modelVersion: 0, items: [card(0, { listPrice: 50 }), card(1), card(2)] };

function show(over: Partial<Props> = {}) {
  const app = document.getElementById('app')!;
  const calls: string[] = [];
  const props: Props = {
    shop: 'Urban Loft', result, state: 'open', liked: new Set([card(1).id]),
    onState: (s) => calls.push(`state:${s}`), onAction: (c, a) => calls.push(`${a}:${c.title}`), onUndo: (id) => calls.push(`undo:${id}`), onFewer: (id) => calls.push(`fewer:${id}`),
    ...over,
  };
  act(() => render(<Sidebar {...props} />, app));
  const text = () => app.textContent ?? '';
  const button = (name: string, scope: ParentNode = app) => [...scope.querySelectorAll('button')].find((b) => b.textContent?.trim() === name)!;
  return { app, calls, text, button };
}

describe('the sidebar', () => {
  it("is signed by Carryover, not the shop, and says what the order and the bars mean", () => {
    const { app, text } = show();
    expect(app.querySelector('.brand')?.textContent).toBe('Carryover');
    expect(text()).toContain('made on this device by Carryover, not by Urban Loft');
    expect(text()).toContain('Best matches first');
    expect([...app.querySelectorAll('.pct')].map((e) => e.textContent)).toEqual(['100% match', '90% match', '80% match']);
  });

  it("keeps the shop's crossed-out sale price beside the price", () => {
    const { app } = show();
    const first = app.querySelector('li')!;
    expect(first.querySelector('s.was')?.textContent).toMatch(/50/);
    expect(first.querySelector('.sale')?.textContent).toMatch(/40/);
    expect(app.querySelectorAll('s.was').length).toBe(1);
  });

  it('shows the state of Like', () => {
    const { app } = show();
    const likes = [...app.querySelectorAll('button.like')];
    expect(likes.map((b) => [b.getAttribute('aria-pressed'), b.textContent])).toEqual([['false', 'Like'], ['true', '♥ Liked'], ['false', 'Like']]);
  });

  it('puts a note with Undo and "Show fewer like this" where a hidden pick was', () => {
    const hidden = new Map([[card(1).id, { index: 1, title: card(1).title, fewer: false }]]);
    const { app, calls, button } = show({ hidden, result: { ...result, items: [card(0), card(2), card(3)] } });
    const rows = [...app.querySelectorAll('ol > li')];
    expect(rows.map((r) => r.getAttribute('data-item-id') ?? 'note')).toEqual([card(0).id, 'note', card(2).id, card(3).id]);
    expect(rows[1]!.textContent).toContain('Hidden');
    act(() => button('Undo', rows[1]!).click());
    act(() => button('Show fewer like this', rows[1]!).click());
    expect(calls).toEqual([`undo:${card(1).id}`, `fewer:${card(1).id}`]);
    const fewer = show({ hidden: new Map([[card(1).id, { index: 1, title: 'x', fewer: true }]]) });
    expect(fewer.text()).toContain('you will see fewer like this');
    expect(fewer.button('Show fewer like this')).toBeUndefined();
  });

  it('asks before × turns the picks off on this shop, and says how to bring them back', () => {
    const { calls, text, button } = show();
    act(() => button('×').click());
    expect(calls).toEqual([]);
    expect(text()).toContain("To see them again, click Carryover's toolbar button");
    act(() => button('Not on this shop').click());
    expect(calls).toEqual(['state:closed']);
  });

  it('opens from its tab, which says whose picks it holds', () => {
    const { calls, button, app } = show({ state: 'collapsed' });
    const tab = app.querySelector('button.tab')!;
    expect(tab.getAttribute('aria-label')).toBe("Picked for you on Urban Loft: show Carryover's picks");
    act(() => button('Picked for you').click());
    expect(calls).toEqual(['state:open']);
  });

  it('explains Hide on the control itself', () => {
    const { button } = show();
    expect(button('Hide').getAttribute('title')).toMatch(/small tab at the edge/);
  });
});
