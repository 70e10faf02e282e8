// The sidebar's frame: an extension page inside the shop's tab (holder.ts puts it there). It asks
// the background for this tab's picks and draws them; the shop's page cannot read a cross-origin
// frame. What leaves it for the holder is its state and box, never a pick.
import { render } from 'preact';
import type { RecCard, RecResult } from '../background/recommend.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { askSidebar } from '../shared/connector.ts';
import type { Hidden } from './HiddenPick.tsx';
import type { PickAction } from './PickCard.tsx';
import { Sidebar } from './Sidebar.tsx';
import './sidebar.css';
import './frame.css';

const POLL_MS = 1500;
/** Re-ranking stops after this many rounds (a photo that failed for good stays unread). */
const MAX_POLLS = 40;
/** The open panel's widest; the holder narrows it on narrow windows (its CSS), and its height is
 * the viewport's below the shop's header. */
const OPEN_WIDTH = 300;

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('t') ?? '';
const app = document.getElementById('app')!;

let state: SidebarState = params.get('s') === 'collapsed' ? 'collapsed' : 'open';
let shop = params.get('n') ?? '';
let result: RecResult | undefined;
let error: string | undefined;
let shownAt: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let polls = 0;
const liked = new Set<string>();
/** "Not for me" cards, with the ids of the events that said so (what Undo takes back). */
const hidden = new Map<string, Hidden & { eventIds: number[] }>();
const seen = new Set<string>();

const fail = (e: unknown) => {
  error = e instanceof Error ? e.message : String(e);
  draw();
};

/** Tells the holder (through the background) the frame's state and the box it needs. */
function report(byShopper: boolean, first?: number): void {
  const tab = app.querySelector('.tab')?.getBoundingClientRect();
  const width = state === 'open' ? OPEN_WIDTH : Math.ceil(tab?.width ?? 0);
  const height = state === 'open' ? 0 : Math.ceil(tab?.height ?? 0);
  askSidebar({ type: 'sidebar/state', token, state, byShopper, width, height, shownAt: first }).catch(fail);
}

function draw(): void {
  render(<Sidebar shop={shop} result={result} error={error} state={state} liked={liked} hidden={hidden} onState={setState} onAction={act} onUndo={undo} onFewer={fewer} />, app);
  if (state !== 'open' || !result?.items.length) return;
  for (const c of result.items.filter((x) => !seen.has(x.id))) {
    seen.add(c.id);
    askSidebar({ type: 'sidebar/feedback', token, itemId: c.id, action: 'impression' }).catch(fail);
  }
  if (shownAt === undefined) {
    // Ranked picks on screen, in epoch ms: the holder turns it into time from the page's start.
    shownAt = performance.timeOrigin + performance.now();
    report(false, shownAt);
  }
}

async function load(): Promise<void> {
  try {
    const answer = await askSidebar({ type: 'sidebar/get', token });
    shop = answer.shop;
    result = answer.result;
    error = undefined;
  } catch (e) {
    fail(e);
  }
  draw();
  clearTimeout(timer);
  // Progressive: titles rank at once, photos re-rank as their vectors arrive (only while shown).
  if (result && result.pending > 0 && state === 'open' && polls++ < MAX_POLLS) timer = setTimeout(() => void load(), POLL_MS);
}

function setState(next: SidebarState): void {
  state = next;
  draw();
  report(true);
  // Opened from the tab: photos may have been read meanwhile.
  if (next === 'open' && (!result?.items.length || result.pending)) void load();
}

function act(card: RecCard, action: PickAction): void {
  if (action === 'like') liked.add(card.id);
  if (action === 'dismiss') hidden.set(card.id, { index: Math.max(0, result?.items.findIndex((c) => c.id === card.id) ?? 0), title: card.title, fewer: false, eventIds: [] });
  if (action !== 'click') draw(); // the Like's state and the hidden note show at once
  askSidebar({ type: 'sidebar/feedback', token, itemId: card.id, action })
    .then((r) => {
      if (action === 'dismiss' && !hidden.has(card.id)) {
        // Undone before the answer came: take the stored event back now.
        return askSidebar({ type: 'sidebar/undo', token, itemId: card.id, eventIds: [r.eventId] }).then(load);
      }
      if (action === 'dismiss') hidden.get(card.id)!.eventIds.push(r.eventId);
      return action === 'click' ? undefined : load(); // "not for me" lowers look-alikes at once
    })
    .catch(fail);
}

/** "Show fewer like this": a second "not for me" on the same product, so its look-alikes fall further. */
function fewer(id: string): void {
  const h = hidden.get(id);
  if (!h) return;
  h.fewer = true;
  draw();
  askSidebar({ type: 'sidebar/feedback', token, itemId: id, action: 'dismiss' })
    .then((r) => {
      if (hidden.get(id) === h) {
        h.eventIds.push(r.eventId);
        return load();
      }
      return askSidebar({ type: 'sidebar/undo', token, itemId: id, eventIds: [r.eventId] }).then(load);
    })
    .catch(fail);
}

function undo(id: string): void {
  const h = hidden.get(id);
  if (!h) return;
  hidden.delete(id);
  draw();
  // Nothing stored yet: the answer on its way takes its event back when it comes (act, fewer).
  if (!h.eventIds.length) return;
  askSidebar({ type: 'sidebar/undo', token, itemId: id, eventIds: h.eventIds }).then(load).catch(fail);
}

draw();
// The collapsed tab's box is known once it is drawn; the open panel's is fixed.
if (state === 'collapsed') report(false);
void load();
