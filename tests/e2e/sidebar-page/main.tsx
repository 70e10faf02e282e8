// The sidebar component as the content script renders it, but in the page's own DOM (not a closed
// shadow root), so that axe-core can check it. Same component, same stylesheet, sample picks.
import { render } from 'preact';
import type { RecResult } from '../../../src/background/recommend.ts';
import css from '../../../src/sidebar/sidebar.css?inline';
import { Sidebar } from '../../../src/sidebar/Sidebar.tsx';
import messages from '../../../public/_locales/en/messages.json';

// The browser's i18n API, as the extension has it, from the same messages file.
const strings = messages as Record<string, { message: string }>;
(globalThis as { chrome?: unknown }).chrome = {
  i18n: { getMessage: (key: string, subs: string[] = []) => strings[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '' },
};

const style = document.createElement('style');
style.textContent = css.replace(':host', '#sidebar');
document.head.append(style);
const result: RecResult = {
  site: 'urban-loft.localhost', newShop: true, pending: 2, ms: 12, modelVersion: 0,
  items: [1, 2, 3].map((i) => ({
    id: String(i).repeat(32), url: `http://urban-loft.localhost/p/${i}`, title: `Red striped dress ${i}`, price: 49.99 + i, currency: 'EUR',
    match: 0.9 - i / 10, reason: 'Because you put the Red Linen Dress in your basket on North Threads', textOnly: false,
  })),
};
const state = new URLSearchParams(location.search).get('state') === 'collapsed' ? 'collapsed' : 'open';
render(<Sidebar shop="Urban Loft" result={result} state={state} liked={new Set([result.items[0]!.id])} onState={() => {}} onAction={() => {}} />, document.getElementById('sidebar')!);
