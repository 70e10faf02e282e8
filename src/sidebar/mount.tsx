// Puts the sidebar on the page: a plain host element with a closed shadow root (the page cannot
// reach in, its styles do not apply), fixed to the right edge so that the page's layout does not
// move. Everything hangs off the AbortSignal: consent withdrawn or a new page view removes it.
import { render } from 'preact';
import type { RecCard, RecResult } from '../background/recommend.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { report, send } from '../capture/channel.ts';
import css from './sidebar.css?inline';
import { Sidebar } from './Sidebar.tsx';

type Result = RecResult & { sidebar?: SidebarState };

export interface SidebarHandle {
  open(): void;
  toggle(): void;
}

const POLL_MS = 1500;
/** Re-ranking stops after this many rounds (a photo that failed for good stays unread). */
const MAX_POLLS = 40;

export function mountSidebar(shop: string, pageUrls: string[], signal: AbortSignal, opts: { force?: boolean; started?: number } = {}): SidebarHandle {
  const host = document.createElement('carryover-sidebar');
  host.style.all = 'initial';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  const mountPoint = document.createElement('div');
  shadow.append(style, mountPoint);

  let result: Result | undefined;
  let error: string | undefined;
  let state: SidebarState | undefined = opts.force ? 'open' : undefined;
  const liked = new Set<string>();
  const seen = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let polls = 0;
  const shownState = () => state ?? (result?.newShop ? result.sidebar ?? 'open' : 'closed');

  const draw = () => {
    if (signal.aborted) return;
    const shown = shownState();
    if (shown !== 'closed' && !host.isConnected) document.documentElement.append(host);
    render(<Sidebar shop={shop} result={result} error={error} state={shown} liked={liked} onState={setState} onAction={act} />, mountPoint);
    if (shown === 'open' && result?.items.length) {
      const fresh = result.items.filter((c) => !seen.has(c.id));
      for (const c of fresh) {
        seen.add(c.id);
        send({ type: 'rec/feedback', itemId: c.id, action: 'impression' }).catch(report);
      }
      // Test builds only: from the page's start to ranked picks on screen (the promise of "about a
      // second"), for the tests and the tour. Never in a shipped build: the page must not learn that
      // Carryover is there, let alone what it picked.
      if (__TEST_BUILD__ && opts.started !== undefined && !document.documentElement.dataset.carryoverSidebarMs) {
        document.documentElement.dataset.carryoverSidebarMs = String(Math.round(performance.now()));
      }
    }
  };

  const load = async () => {
    try {
      result = await send<Result>({ type: 'rec/get', pageUrls, all: state === 'open' || state === 'collapsed' });
      error = undefined;
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
      report(e); // shown in the sidebar when it is open, and in the options page's log always
    }
    draw();
    clearTimeout(timer);
    // Progressive: titles rank at once, photos re-rank as their vectors arrive (only while shown).
    if (result && result.pending > 0 && shownState() === 'open' && polls++ < MAX_POLLS && !signal.aborted) timer = setTimeout(() => void load(), POLL_MS);
  };

  function setState(next: SidebarState) {
    state = next;
    draw();
    // Opened on a shop where it did not show by itself (nothing ranked yet), or photos were read meanwhile.
    if (next === 'open' && (!result?.items.length || result.pending)) void load();
    send({ type: 'rec/sidebar', state: next }).catch(report);
  }

  function act(card: RecCard, action: 'click' | 'like' | 'dismiss') {
    if (action === 'like') liked.add(card.id);
    send({ type: 'rec/feedback', itemId: card.id, action })
      .then(() => (action === 'click' ? undefined : load())) // "not for me" lowers look-alikes at once
      .catch(report);
  }

  signal.addEventListener('abort', () => {
    clearTimeout(timer);
    render(null, mountPoint);
    host.remove();
  }, { once: true });
  void load();
  return {
    open: () => setState('open'),
    toggle: () => setState(shownState() === 'open' ? 'collapsed' : 'open'),
  };
}
