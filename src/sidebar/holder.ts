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
iframe.open { top: 0; width: 340px; height: 100vh; }
iframe.collapsed { top: 40vh; }
`;

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
  const apply = (width: number, height: number) => {
    frame.className = state;
    if (state === 'collapsed') {
      frame.style.width = `${width}px`;
      frame.style.height = `${height}px`;
    } else frame.removeAttribute('style');
  };
  apply(COLLAPSED.width, COLLAPSED.height);
  document.documentElement.append(host);

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
