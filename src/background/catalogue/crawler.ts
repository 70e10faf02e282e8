// One polite step of a shop's crawl: resume a lost request, wait for the shop's pace, ask for the
// next allowed URL on the shop's own site (no cookies), read the answer, and store the products and
// the new state together. Pure over its dependencies (fetch, clock, store, page reader), so that
// Node tests run it against the fixture shops on a fake clock.
import { hostsOfSite } from '../../shared/site.ts';
import { fallbackAfter, readStep, successorOf } from './plan.ts';
import { afterAnswer } from './politeness.ts';
import { allowed } from './robots.ts';
import type { CrawlState } from './state.ts';
import type { ReadHtml, Reply, Step } from './types.ts';
import type { Product } from '../../shared/schemas.ts';
import { MAX_PAGE_HTML } from '../../shared/messages.ts';
import { readBody } from './body.ts';

export interface CrawlStore {
  load(site: string): Promise<CrawlState | undefined>;
  save(state: CrawlState): Promise<void>;
  /** Stores the products (new ones only while under the limit) with the state, in one transaction;
   * returns how many were new. */
  commit(state: CrawlState, products: Product[], source: Step['kind']): Promise<number>;
}

export interface CrawlDeps {
  fetch: typeof fetch;
  readHtml: ReadHtml;
  /** The shopper's current limit of products per shop (a setting): read at each step, so a change
   * applies to a crawl already running. Without it the crawl keeps the limit it started with. */
  limit?: () => Promise<number>;
  now(): number;
  store: CrawlStore;
}

/** What the driver does next: wait and call again, or stop (the crawl is not running). */
export type Tick = { waitMs: number } | { finished: CrawlState['status'] };

const REQUEST_TIMEOUT_MS = 30_000;
const MAX_BODY = MAX_PAGE_HTML;
const ACCEPT: Record<Step['kind'], string> = {
  robots: 'text/plain', home: 'text/html', listing: 'text/html', page: 'text/html',
  shopify: 'application/json', woo: 'application/json', sitemap: 'application/xml, text/xml, application/gzip',
};

export const onShop = (url: string, state: CrawlState) => {
  const u = new URL(url);
  return u.origin === state.origin || hostsOfSite(state.site).includes(u.hostname);
};

/** Products on the shop's own site only; a photo only from the shop or its consented image hosts. */
export function ownProducts(products: Product[], state: CrawlState): Product[] {
  return products.filter((p) => onShop(p.url, state)).map((p) => {
    if (!p.imageUrl) return p;
    const h = new URL(p.imageUrl).hostname;
    if (hostsOfSite(state.site).includes(h) || state.imageHosts.includes(h)) return p;
    const { imageUrl: _dropped, ...rest } = p;
    return rest;
  });
}

function enqueue(state: CrawlState, steps: Step[]): void {
  const known = new Set([...state.requested, ...state.queue.map((s) => s.url), ...state.pages.map((s) => s.url)]);
  for (const s of steps) {
    if (known.has(s.url) || !onShop(s.url, state)) continue;
    known.add(s.url);
    if (s.kind === 'page') {
      if (state.pages.length < state.limit) state.pages.push(s);
    } else state.queue.push(s);
  }
}

/** The next step that may be asked for; disallowed ones are counted and dropped. */
function nextStep(state: CrawlState): Step | undefined {
  for (;;) {
    const step = state.queue.shift() ?? state.pages.shift();
    if (!step) return undefined;
    if (step.kind !== 'robots' && state.robots && !allowed(state.robots, step.url)) {
      state.skipped++;
      continue;
    }
    return step;
  }
}

async function ask(deps: CrawlDeps, step: Step): Promise<Reply> {
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), REQUEST_TIMEOUT_MS);
  try {
    // credentials 'omit': the shop sees an anonymous request, never the shopper's session.
    const r = await deps.fetch(step.url, { credentials: 'omit', redirect: 'follow', headers: { accept: ACCEPT[step.kind] }, signal: ctrl.signal, cache: 'no-store' });
    const headers: Record<string, string> = {};
    r.headers.forEach((v, k) => (headers[k.toLowerCase()] = v));
    // A redirect off the shop's site is not read (the request it made is the browser's to follow).
    const body = r.url && !r.url.startsWith(new URL(step.url).origin) ? '' : await readBody(r, MAX_BODY);
    return { status: r.status, headers, body };
  } finally {
    clearTimeout(timer);
  }
}

export async function crawlOnce(deps: CrawlDeps, site: string): Promise<Tick> {
  const state = await deps.store.load(site);
  if (!state || state.status !== 'running') return { finished: state?.status ?? 'stopped' };
  if (deps.limit) {
    state.limit = await deps.limit();
    // Lowered below what is queued: the product pages past it are not asked for.
    state.pages = state.pages.slice(0, Math.max(0, state.limit));
  }
  const now = deps.now();
  if (state.inflight) {
    // The background stopped while this request was out: the shop answered someone who is gone.
    // It is not asked again; a paged source goes on with the page after it.
    enqueue(state, successorOf(state.inflight, state));
    state.lastError = `answer lost: ${state.inflight.url}`;
    state.inflight = undefined;
    await deps.store.save(state);
  }
  if (now < state.nextAt) return { waitMs: state.nextAt - now };
  // At the limit the structure has nothing more to give; product pages still fill in what is known.
  if (state.found >= state.limit) state.queue = [];
  let step = nextStep(state);
  if (!step && !state.listingsQueued && state.sourced === 0) {
    state.listingsQueued = true;
    enqueue(state, state.listings.map((url): Step => ({ kind: 'listing', url })));
    step = nextStep(state);
  }
  if (!step) {
    state.status = 'done';
    state.updatedAt = now;
    await deps.store.save(state);
    return { finished: 'done' };
  }
  // Written before the request leaves: a stopped background knows it was asked.
  state.inflight = step;
  state.requested.push(step.url);
  state.requests++;
  state.nextAt = now + state.intervalMs;
  state.updatedAt = now;
  await deps.store.save(state);

  let reply: Reply;
  try {
    reply = await ask(deps, step);
  } catch (e) {
    reply = { status: 0, headers: {}, body: '' };
    state.lastError = `${step.url}: ${e instanceof Error ? e.message : String(e)}`;
  }
  const answered = deps.now();
  state.inflight = undefined;
  const { pace, outcome } = afterAnswer(state, reply.status, reply.headers['retry-after'], answered);
  Object.assign(state, pace);
  state.updatedAt = answered;
  if (outcome !== 'ok') {
    // Asked again after the shop's wait: a 429 or 5xx is the shop saying "not now", not an answer.
    state.requested = state.requested.filter((u) => u !== step.url);
    state.queue.unshift(step);
    if (outcome === 'give-up') {
      state.status = 'failed';
      state.lastError = `gave up after ${state.failures} failed answers in a row, the last ${reply.status || 'none'} from ${step.url}`;  // not shown to the shopper
    }
    await deps.store.save(state);
    return outcome === 'give-up' ? { finished: 'failed' } : { waitMs: Math.max(0, state.nextAt - answered) };
  }
  let products: Product[] = [];
  try {
    const result = await readStep(step, reply, state, deps.readHtml);
    products = ownProducts(result.products, state);
    enqueue(state, result.next);
  } catch (e) {
    // An answer that is not what the source promised (HTML where JSON was due): that source ends here.
    state.lastError = `${step.url}: ${e instanceof Error ? e.message : String(e)}`;
    enqueue(state, fallbackAfter(step, state));
  }
  if (products.length && (step.kind === 'shopify' || step.kind === 'woo' || step.kind === 'sitemap')) state.sourced++;
  await deps.store.commit(state, products, step.kind);
  return { waitMs: Math.max(0, state.nextAt - deps.now()) };
}
