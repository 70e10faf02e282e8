// The sidebar's frame: an extension page inside the shop's tab (holder.ts puts it there). It asks
// the background for this tab's picks and draws them; the shop's page cannot read a cross-origin
// frame. What leaves it for the holder is its state and box, never a pick.
import '../shared/i18n-bundle.ts';
import { render } from 'preact';
import * as v from 'valibot';
import browser, { type Runtime } from 'webextension-polyfill';
import { SIDEBAR_PORT, SidebarUpdatedSchema } from '../shared/messages.ts';
import type { RecCard, RecResult } from '../background/recommend.ts';
import type { SidebarState } from '../shared/schemas.ts';
import { askSidebar } from '../shared/connector.ts';
import type { Hidden } from './HiddenPick.tsx';
import type { PickAction } from './PickCard.tsx';
import { Sidebar } from './Sidebar.tsx';
import { CatalogueOffer } from './CatalogueOffer.tsx';
import './sidebar.css';
import './frame.css';

/** Photos arrive in batches; one re-rank per this many ms is enough however many batches land. */
const RERANK_MS = 400;
/** The open panel's widest; the holder narrows it on narrow windows (its CSS), and its height is
 * the viewport's below the shop's header. */
const OPEN_WIDTH = 300;

const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('t') ?? '';
const app = document.getElementById('app')!;

let state: SidebarState = params.get('s') === 'collapsed' ? 'collapsed' : 'open';
let shop = params.get('n') ?? '';
let site: string | undefined;
let result: RecResult | undefined;
let error: string | undefined;
let shownAt: number | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
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
  const extra = <CatalogueOffer token={token} shop={shop} onMore={() => void load()} />;
  render(<Sidebar shop={shop} result={result} error={error} state={state} liked={liked} hidden={hidden} onState={setState} onAction={act} onUndo={undo} onFewer={fewer} extra={extra} />, app);
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

let loading = false;
let stale = false;

/** Asks for the tab's picks; asked again while an answer is on its way, it asks once more after. */
async function load(): Promise<void> {
  if (loading) {
    stale = true;
    return;
  }
  loading = true;
  try {
    const answer = await askSidebar({ type: 'sidebar/get', token });
    shop = answer.shop;
    site = answer.site;
    result = answer.result;
    error = undefined;
  } catch (e) {
    fail(e);
  } finally {
    loading = false;
  }
  draw();
  settle();
  if (stale) {
    stale = false;
    rerankSoon();
  }
}

function rerankSoon(): void {
  timer ??= setTimeout(() => {
    timer = undefined;
    void load();
  }, RERANK_MS);
}

// Progressive: titles rank at once, and the background says when photos of a shop have been read
// (sidebar-push.ts) on a port this frame holds while photos are pending; the open panel of that
// shop re-ranks then (before its first answer it cannot tell its shop, so it takes any). A collapsed
// one re-ranks when it is opened.
let port: Runtime.Port | undefined;
/** A stopped background closes the port; reconnecting wakes it, so only this often in a row. */
const MAX_RECONNECTS = 10;
let reconnects = 0;

function listen(): void {
  if (port || state !== 'open' || (result && !result.pending)) return;
  const p = browser.runtime.connect({ name: SIDEBAR_PORT });
  port = p;
  p.onMessage.addListener((raw: unknown) => {
    const note = v.safeParse(SidebarUpdatedSchema, raw);
    if (!note.success || (site !== undefined && note.output.site !== site) || state !== 'open') return;
    reconnects = 0;
    if (loading) stale = true;
    // No picks on screen yet: the first ones now (a page's titles have just been read); after that,
    // updates close together (photos, a few at a time) are taken together.
    else if (!result?.items.length) void load();
    else rerankSoon();
  });
  p.onDisconnect.addListener(() => {
    port = undefined;
    if (reconnects++ < MAX_RECONNECTS) setTimeout(listen, RERANK_MS);
  });
}

/** Lets go of the port once nothing is pending (or the panel is not open). */
function settle(): void {
  if (port && (state !== 'open' || (result && !result.pending))) {
    port.disconnect();
    port = undefined;
  } else listen();
}

function setState(next: SidebarState): void {
  state = next;
  draw();
  report(true);
  settle();
  // Opened from the tab: photos may have been read meanwhile.
  if (next === 'open' && (!result?.items.length || result.pending)) void load();
}

/** The stored event's id, where one was stored (a catalogue pick's impression stores none). */
const idsOf = (r: { eventId?: number }): number[] => (r.eventId === undefined ? [] : [r.eventId]);

function act(card: RecCard, action: PickAction): void {
  if (action === 'like') liked.add(card.id);
  if (action === 'dismiss') hidden.set(card.id, { index: Math.max(0, result?.items.findIndex((c) => c.id === card.id) ?? 0), title: card.title, fewer: false, eventIds: [] });
  if (action !== 'click') draw(); // the Like's state and the hidden note show at once
  askSidebar({ type: 'sidebar/feedback', token, itemId: card.id, action })
    .then((r) => {
      if (action === 'dismiss' && !hidden.has(card.id)) {
        // Undone before the answer came: take the stored event back now.
        return askSidebar({ type: 'sidebar/undo', token, itemId: card.id, eventIds: idsOf(r) }).then(load);
      }
      if (action === 'dismiss') hidden.get(card.id)!.eventIds.push(...idsOf(r));
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
        h.eventIds.push(...idsOf(r));
        return load();
      }
      return askSidebar({ type: 'sidebar/undo', token, itemId: id, eventIds: idsOf(r) }).then(load);
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
listen();
void load();
