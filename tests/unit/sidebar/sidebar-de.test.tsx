// The sidebar in German: every string it shows comes from _locales/de, none of the English ones.
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import de from '../../../public/_locales/de/messages.json';
import en from '../../../public/_locales/en/messages.json';

const { document, window } = parseHTML('<!doctype html><html><body><div id="app"></div></body></html>');
Object.assign(globalThis, { document, window, Node: window.Node, Element: window.Element, HTMLElement: window.HTMLElement, Event: window.Event });
const strings = de as Record<string, { message: string }>;
(globalThis as { chrome?: unknown }).chrome = {
  i18n: {
    getUILanguage: () => 'de',
    getMessage: (key: string, subs: string[] = []) => strings[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '',
  },
};
const { render } = await import('preact');
const { act } = await import('preact/test-utils');
const { Sidebar } = await import('../../../src/sidebar/Sidebar.tsx');

const card = (i: number) => ({ id: String(i).repeat(32), url: `https://shop.example/p/${i}`, title: `Hemd ${i}`, price: 40, listPrice: 50, currency: 'EUR', match: 1 - i / 10, textOnly: false, reason: 'Weil du „Rock“ auf Nordfaden gekauft hast' });

describe('the sidebar in German', () => {
  it('shows no English string, open with a hidden note and the × question, and as the tab', () => {
    const app = document.getElementById('app')!;
    const result = { site: 'shop.example', newShop: true, pending: 3, ms: 1, modelVersion: 0, items: [card(0), card(2)] };
    const hidden = new Map([[card(1).id, { index: 1, title: 'Hemd 1', fewer: false }]]);
    act(() => render(<Sidebar shop="Stadtloft" result={result} state="open" liked={new Set([card(0).id])} hidden={hidden} onState={() => {}} onAction={() => {}} />, app));
    act(() => [...app.querySelectorAll('button')].find((b) => b.textContent === '×')!.click());
    const open = app.textContent ?? '';
    act(() => render(<Sidebar shop="Stadtloft" result={result} state="collapsed" liked={new Set()} onState={() => {}} onAction={() => {}} />, app));
    const shown = `${open} ${app.textContent} ${[...app.querySelectorAll('[aria-label], [title]')].map((e) => `${e.getAttribute('aria-label')} ${e.getAttribute('title')}`).join(' ')}`;
    expect(open).toContain('Für dich ausgesucht auf Stadtloft');
    expect(open).toContain('Lese noch 3 Produkte aus diesem Shop'); // the plural form
    // English sentences of more than one word that the German file says differently.
    const english = Object.entries(en as Record<string, { message: string }>)
      .filter(([k, v]) => strings[k]?.message !== v.message && /\s/.test(v.message))
      .map(([, v]) => v.message.split('$')[0]!.trim())
      .filter((s) => s.length > 6);
    expect(english.filter((s) => shown.includes(s))).toEqual([]);
  });
});
