// The sidebar's holder in the shop's page: a plain host element with a closed shadow root (the
// page's styles do not reach in) that holds one frame, an extension page. The picks, their reasons
// and the history they come from are drawn inside that frame, which the page cannot read (a
// closed shadow root alone does not stop window.find()); the holder only learns the frame's state
// and box, through the background. Everything hangs off the AbortSignal.
import browser from 'webextension-polyfill';
import type { SidebarState } from '../shared/schemas.ts';
import { t } from '../shared/i18n.ts';

export interface SidebarHolder {
  readonly token: string;
  readonly state: SidebarState;
  /** The frame's state and box, as it reported them. */
  layout(state: SidebarState, width: number, height: number): void;
  remove(): void;
}

export const FRAME_PAGE = 'src/sidebar/frame.html';

const CSS = `
:host { all: initial; }
iframe {
  position: fixed; right: 0; z-index: 2147483647; border: 0; margin: 0; padding: 0;
  background: transparent; color-scheme: normal; display: block;
}
iframe.open { width: clamp(240px, 23vw, 300px); }
iframe.collapsed { top: 40vh; }
`;

/** Below this window width the sidebar does not open by itself: it starts as the small tab (the
 * shopper opens it), so that it never takes a large part of a narrow window unasked. */
export const NARROW_PX = 1000;

/** The state to mount in: what the background chose, as the tab on a narrow window unless asked. */
export function mountState(chosen: SidebarState, asked: boolean, windowWidth: number): SidebarState {
  return chosen === 'open' && !asked && windowWidth < NARROW_PX ? 'collapsed' : chosen;
}

/** Where the shop's header ends, if one sits at the top of the viewport now: the open panel starts
 * below it, so that the shop's navigation and basket link stay reachable. A header taller than a
 * third of the window is a hero, not a bar of controls, and is not kept clear. */
export function headerBottom(doc: Document, viewportHeight: number): number {
  let bottom = 0;
  for (const el of doc.querySelectorAll('header, [role="banner"]')) {
    const r = el.getBoundingClientRect();
    if (r.height > 0 && r.top <= 1 && r.bottom > bottom && r.bottom <= viewportHeight / 3) bottom = r.bottom;
  }
  return Math.max(0, Math.round(bottom));
}

/** Until the frame has measured itself: the box of the collapsed tab. */
const COLLAPSED = { width: 40, height: 150 };

/** The holder's element name (upper case, as tagName reads it): the content script's listing
 * watch ignores it, its changes are not the shop's. */
export const HOLDER_TAG = 'CARRYOVER-SIDEBAR';

export function mountHolder(token: string, initial: SidebarState, shop: string, signal: AbortSignal): SidebarHolder {
  const host = document.createElement(HOLDER_TAG.toLowerCase());
  host.style.all = 'initial';
  const shadow = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = CSS;
  const frame = document.createElement('iframe');
  frame.title = t('sidebarFrameTitle');
  // The frame knows its mount by this token; the background answers only the current mount.
  frame.src = `${browser.runtime.getURL(FRAME_PAGE)}#${new URLSearchParams({ t: token, s: initial, n: shop })}`;
  frame.referrerPolicy = 'no-referrer';
  shadow.append(style, frame);

  let state = initial;
  let box = COLLAPSED;
  const apply = (width: number, height: number) => {
    box = { width, height };
    frame.className = state;
    if (state === 'collapsed') {
      frame.style.width = `${width}px`;
      frame.style.height = `${height}px`;
      frame.style.removeProperty('top');
    } else {
      const top = headerBottom(document, innerHeight);
      frame.style.removeProperty('width');
      frame.style.top = `${top}px`;
      frame.style.height = `calc(100vh - ${top}px)`;
    }
  };
  apply(COLLAPSED.width, COLLAPSED.height);
  document.documentElement.append(host);
  // The header scrolls away (or a sticky one stays): the open panel follows, once a frame.
  let queued = false;
  const follow = () => {
    if (queued || state !== 'open') return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      apply(box.width, box.height);
    });
  };
  addEventListener('scroll', follow, { passive: true, signal });
  addEventListener('resize', follow, { passive: true, signal });

  const remove = () => host.remove();
  signal.addEventListener('abort', remove, { once: true });
  return {
    token,
    get state() {
      return state;
    },
    layout(next, width, height) {
      state = next;
      if (next === 'closed') remove();
      else apply(width || COLLAPSED.width, height || COLLAPSED.height);
    },
    remove,
  };
}
