// The one message contract, split by direction. Every payload is checked on receipt with the
// schema that defines its type; receivers dispatch through a handler table (see background/router.ts).
import type { Phrase } from './phrase.ts';
import * as v from 'valibot';
import { DtypeSchema, ModelDescriptionSchema } from './model-index.ts';
import { CATALOGUE_LIMITS } from './catalogue.ts';
import {
  EventTypeSchema, FiniteNumberSchema, HttpUrlSchema, ItemIdSchema, MAX_PRODUCTS_PER_PAGE, PageKindSchema,
  SidebarStateSchema, SiteSchema, textSchema,
} from './schemas.ts';

/** A random id the content script gives a page view or an interaction (crypto.randomUUID). */
const ViewIdSchema = v.pipe(v.string(), v.uuid());

// ── content script → background ─────────────────────────────────────────────────────────────
/** A page's HTML at most: a catalogue page's (larger ones are cut there by the crawler), and a shop
 * page's snapshot (a larger page is read in the page itself). */
export const MAX_PAGE_HTML = 5 * 1024 * 1024;
/** At most this many images' sizes travel with a snapshot (a listing of thousands of photos stops there). */
export const MAX_SNAPSHOT_IMAGES = 4000;

/** The live page as the content script hands it over (capture/extract/hand-off.ts). */
const SnapshotFields = {
  url: HttpUrlSchema,
  html: v.pipe(v.string(), v.maxLength(MAX_PAGE_HTML)),
  images: v.pipe(v.array(v.tuple([FiniteNumberSchema, FiniteNumberSchema])), v.maxLength(MAX_SNAPSHOT_IMAGES)),
  imageCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  /** The read's time budget (ms), as the content script would have spent it in the page. */
  budgetMs: v.pipe(v.number(), v.minValue(1), v.maxValue(60_000)),
};

export const ContentMessageSchema = v.variant('type', [
  /** Read this snapshot of the page the sender shows, off the shop's main thread. Answered with its
   * kind and products, as `extractPage` gives them, or with nothing for a site that is not captured.
   * With `store`, what it shows is also stored as capture/page stores it, under `view`, so that a
   * page the shopper left before the answer is still kept (a listing read again as it grows sends
   * only its new products, with capture/page). */
  v.object({
    type: v.literal('capture/extract'), view: ViewIdSchema, store: v.boolean(),
    /** When the snapshot was taken (epoch ms): the page's products were seen then, not when read. */
    at: FiniteNumberSchema,
    ...SnapshotFields,
  }),
  /** Is capture on for the page that asks? (consent, pause) */
  v.object({ type: v.literal('capture/state') }),
  /** What a page shows: its kind and the products on it (the main one first on a product page).
   * Products are normalised one by one on receipt (shared/normalise-product.ts): one odd field costs
   * that field, not the page. `view` names the page view, so that a retried send is stored once. */
  v.object({
    type: v.literal('capture/page'),
    url: v.pipe(v.string(), v.regex(/^https?:\/\//i, 'must be http(s)')), // not shown to the shopper
    view: v.optional(ViewIdSchema),
    kind: PageKindSchema,
    products: v.pipe(v.array(v.unknown()), v.maxLength(MAX_PRODUCTS_PER_PAGE)),
  }),
  /** An interaction with one product; `view` names this very interaction (a retry is stored once). */
  v.object({
    type: v.literal('capture/event'),
    view: v.optional(ViewIdSchema),
    event: v.picklist(['dwell', 'click', 'cart', 'wishlist'] as const),
    product: v.unknown(),
    value: v.optional(FiniteNumberSchema),
  }),
  /** The page can hold the sidebar: should it show, and in which state? The picks themselves never
   * reach the content script (they would be in the shop's document); only the sidebar's frame, an
   * extension page, asks for them. `state` forces a state (the popup's "Open sidebar", the shortcut).
   * `pageStart` is the page's time origin (epoch ms), for the time to picks on screen. */
  v.object({
    type: v.literal('sidebar/show'),
    pageUrls: v.pipe(v.array(HttpUrlSchema), v.maxLength(MAX_PRODUCTS_PER_PAGE)),
    pageStart: FiniteNumberSchema,
    state: v.optional(SidebarStateSchema),
  }),
  /** A failure the content script caught; it goes to the background's log, never to the page. */
  v.object({ type: v.literal('log'), level: v.picklist(['warn', 'error'] as const), message: textSchema(2000) }),
]);
export type ContentMessage = v.InferOutput<typeof ContentMessageSchema>;

/** The stores an export file holds, in the order an import sends them (items before what refers to them). */
export const IMPORT_STORES = ['sites', 'settings', 'items', 'events', 'vectors', 'model'] as const;
/** Records per import chunk at most; the options page also keeps each chunk's size well under the
 * browser's limit for one message (64 MB in Chrome). */
export const MAX_IMPORT_CHUNK = 5000;

const ShopNameSchema = v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60));

// ── the sidebar's frame (an extension page inside the shop's tab) → background ──────────────
/** Which mount of the sidebar asks: a fresh random token per mount, so that a stale frame (a page
 * view ago) or a frame the page made itself is answered nothing. */
const FrameTokenSchema = v.pipe(v.string(), v.regex(/^[0-9a-f-]{36}$/, 'must be a frame token'));
export const SidebarMessageSchema = v.variant('type', [
  /** The picks for this tab's shop, with their thumbnails, and the state to show. */
  v.object({ type: v.literal('sidebar/get'), token: FrameTokenSchema }),
  /** What the shopper did with a pick: seen, opened, liked, "not for me". */
  v.object({ type: v.literal('sidebar/feedback'), token: FrameTokenSchema, itemId: ItemIdSchema, action: v.picklist(['impression', 'click', 'like', 'dismiss'] as const) }),
  /** Undo of "not for me" (and "show fewer like this"): the events it stored, by the ids it was answered. */
  v.object({ type: v.literal('sidebar/undo'), token: FrameTokenSchema, itemId: ItemIdSchema, eventIds: v.pipe(v.array(v.pipe(v.number(), v.integer(), v.minValue(1))), v.minLength(1), v.maxLength(10)) }),
  /** The frame's state and box, for its holder in the page (nothing about the picks); `shownAt`
   * (epoch ms) once picks are first on screen. `byShopper`: remembered for the shop's next visit. */
  v.object({
    type: v.literal('sidebar/state'),
    token: FrameTokenSchema,
    state: SidebarStateSchema,
    byShopper: v.boolean(),
    width: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
    height: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1000)),
    shownAt: v.optional(FiniteNumberSchema),
  }),
  /** The shop's catalogue (issue #14): its progress, or the shopper's yes / stop for this tab's shop. */
  v.object({ type: v.literal('sidebar/catalogue'), token: FrameTokenSchema, action: v.picklist(['status', 'start', 'stop'] as const) }),
]);
export type SidebarMessage = v.InferOutput<typeof SidebarMessageSchema>;

export const BackendOverrideSchema = v.picklist(['auto', 'webgpu', 'wasm'] as const);

// ── extension pages (popup, options) → background ───────────────────────────────────────────
export const UiMessageSchema = v.variant('type', [
  v.object({ type: v.literal('status/get') }),
  v.object({ type: v.literal('site/get'), site: SiteSchema }),
  v.object({ type: v.literal('sites/list') }),
  v.object({
    type: v.literal('consent/grant'),
    site: SiteSchema,
    imageHosts: v.pipe(v.array(SiteSchema), v.maxLength(20)),
    /** The shop's own name, as its page gives it (og:site_name, application-name, title). */
    name: v.optional(ShopNameSchema),
  }),
  v.object({ type: v.literal('consent/revoke'), site: SiteSchema, deleteData: v.boolean() }),
  v.object({ type: v.literal('site/delete-data'), site: SiteSchema }),
  v.object({ type: v.literal('pause/set'), paused: v.boolean() }),
  v.object({
    type: v.literal('items/list'),
    site: v.optional(SiteSchema),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(10_000))),
  }),
  v.object({
    type: v.literal('events/list'),
    site: v.optional(SiteSchema),
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))),
  }),
  v.object({ type: v.literal('log/list') }),
  v.object({ type: v.literal('data/wipe') }),
  /** Everything as one versioned file; vectors only if the shopper wants them. */
  v.object({ type: v.literal('data/export'), vectors: v.boolean() }),
  /** A file from data/export, streamed (background/data-import.ts): its header, then its records in
   * chunks (each checked and written in one transaction), then finish; any failure undoes it all. */
  v.object({
    type: v.literal('data/import-start'),
    header: v.unknown(),
    /** How many records of each store the file holds: an import that did not receive them all is undone. */
    counts: v.record(v.string(), v.pipe(v.number(), v.integer(), v.minValue(0))),
    mode: v.picklist(['merge', 'replace'] as const),
  }),
  v.object({
    type: v.literal('data/import-chunk'),
    importId: v.pipe(v.string(), v.uuid()),
    store: v.picklist(IMPORT_STORES),
    offset: v.pipe(v.number(), v.integer(), v.minValue(0)),
    records: v.pipe(v.array(v.unknown()), v.maxLength(MAX_IMPORT_CHUNK)),
  }),
  v.object({ type: v.literal('data/import-finish'), importId: v.pipe(v.string(), v.uuid()) }),
  v.object({ type: v.literal('data/import-abort'), importId: v.pipe(v.string(), v.uuid()) }),
  v.object({ type: v.literal('ml/probe') }),
  /** The popup's picks for the shop in its tab. */
  v.object({ type: v.literal('rec/for-site'), site: SiteSchema }),
  /** Switch to a model the options page downloaded into IndexedDB (checked before adopted). */
  v.object({ type: v.literal('model/adopt'), model: ModelDescriptionSchema }),
  /** How long interactions are kept: a number of days, or null for until deleted. */
  v.object({ type: v.literal('settings/retention'), days: v.nullable(v.picklist([30, 90, 180, 365] as const)) }),
  /** Which backend runs the model: automatic (WebGPU, else WebAssembly), or one forced. */
  v.object({ type: v.literal('settings/backend'), backend: BackendOverrideSchema }),
  /** The history, filtered by words, shop and interaction type. */
  v.object({
    type: v.literal('history/list'), text: v.optional(textSchema(200)), site: v.optional(SiteSchema), eventType: v.optional(EventTypeSchema),
    /** Only products the shopper did something with (not those only shown in a listing or in picks). */
    engaged: v.optional(v.boolean()),
    /** The products read from shops' catalogues instead (never shown to the shopper: not history). */
    catalogue: v.optional(v.boolean()),
  }),
  /** The thumbnails Carryover kept for these products (the history's rows in view): data: URLs, so
   * that the page never asks a shop's image server for a photo. */
  v.object({ type: v.literal('items/thumbs'), itemIds: v.pipe(v.array(ItemIdSchema), v.maxLength(200)) }),
  /** Deletes products and everything they carry (interactions, vectors, jobs). */
  v.object({ type: v.literal('history/delete'), itemIds: v.pipe(v.array(ItemIdSchema), v.maxLength(100_000)) }),
  /** Query by image: the kept products most like this photo. */
  v.object({ type: v.literal('similar/image'), url: HttpUrlSchema }),
  /** The taste map: the history placed in two dimensions, grouped by interest. */
  v.object({ type: v.literal('taste/map') }),
  /** "Forget this interest": deletes the interactions with these products. */
  v.object({ type: v.literal('taste/forget'), itemIds: v.pipe(v.array(ItemIdSchema), v.maxLength(10_000)) }),
  /** Opens the sidebar in a tab (the popup's "Open sidebar"). */
  v.object({ type: v.literal('sidebar/open'), tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) }),
  /** A shop's catalogue crawl: its progress, or start it (`origin`: the shop's page, scheme to port) or stop it. */
  v.object({ type: v.literal('catalogue/status'), site: SiteSchema }),
  v.object({ type: v.literal('catalogue/start'), site: SiteSchema, origin: HttpUrlSchema }),
  v.object({ type: v.literal('catalogue/stop'), site: SiteSchema }),
  /** Look through every allowed shop's catalogue without asking per shop (off until chosen). */
  /** …and how many products per shop at most (applies at once, to crawls already running too). */
  v.object({ type: v.literal('settings/catalogue'), auto: v.optional(v.boolean()), limit: v.optional(v.picklist(CATALOGUE_LIMITS)) }),
  /** Undoes "Not on this shop" (the sidebar's ×) from the popup: the picks show there again. */
  v.object({ type: v.literal('site/sidebar-on'), site: SiteSchema }),
]);
export type UiMessage = v.InferOutput<typeof UiMessageSchema>;

/** Requests only extension pages may make: they read or change the shopper's data or consent. */
export const PRIVILEGED: ReadonlySet<UiMessage['type']> = new Set([
  'sites/list', 'consent/grant', 'consent/revoke', 'site/delete-data', 'pause/set',
  'items/list', 'events/list', 'log/list', 'data/wipe', 'data/export', 'data/import-start', 'data/import-chunk', 'data/import-finish', 'data/import-abort', 'rec/for-site', 'sidebar/open', 'site/sidebar-on', 'taste/map', 'taste/forget', 'history/list', 'history/delete', 'items/thumbs', 'similar/image', 'model/adopt', 'settings/backend', 'settings/retention',
  'catalogue/status', 'catalogue/start', 'catalogue/stop', 'settings/catalogue',
]);

// ── background → ML document (offscreen on Chrome, the background page itself on Firefox) ───
const MAX_BATCH = 256;
export const MlMessageSchema = v.variant('type', [
  /** Which backend would run the model, without loading it. */
  v.object({ type: v.literal('ml/probe'), target: v.literal('ml') }),
  /** Embed titles and images; every id gets a vector or the reason it has none. */
  v.object({
    type: v.literal('ml/embed'),
    target: v.literal('ml'),
    model: ModelDescriptionSchema,
    override: BackendOverrideSchema,
    texts: v.pipe(v.array(v.object({ id: v.string(), text: textSchema(2000) })), v.maxLength(MAX_BATCH)),
    images: v.pipe(v.array(v.object({ id: v.string(), url: HttpUrlSchema })), v.maxLength(MAX_BATCH)),
  }),
  /** A photo batch in progress stops after the photos it is running: a page the shopper just opened
   * waits for those, not for the whole batch. The photos not run are not answered (queued again). */
  v.object({ type: v.literal('ml/yield'), target: v.literal('ml') }),
  /** Throughput through the whole pipeline and through the bare ONNX session, in one run. */
  v.object({
    type: v.literal('ml/bench'),
    target: v.literal('ml'),
    model: ModelDescriptionSchema,
    override: BackendOverrideSchema,
    phase: v.picklist(['load', 'images', 'images-raw', 'titles', 'titles-raw']),
    dtype: v.optional(DtypeSchema),
    imageUrls: v.pipe(v.array(HttpUrlSchema), v.maxLength(1000)),
    titles: v.pipe(v.array(textSchema(500)), v.maxLength(5000)),
    batch: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(64)),
  }),
  /** A page of a shop's catalogue, read with DOMParser by the capture extractor (the service worker
   * has no DOM): its products, the platform it gives away, its listing's further pages. */
  v.object({
    type: v.literal('ml/read-page'),
    target: v.literal('ml'),
    url: HttpUrlSchema,
    html: v.pipe(v.string(), v.maxLength(MAX_PAGE_HTML)),
  }),
  /** A shop page's snapshot, read in this document for the content script (capture/extract). */
  v.object({ type: v.literal('ml/extract-page'), target: v.literal('ml'), ...SnapshotFields }),
]);
export type MlMessage = v.InferOutput<typeof MlMessageSchema>;

/** Every answer travels in this envelope, so that a failure reaches the caller as a message. */
/** `phrase`: the error as a phrase, from a context without an i18n API (the ML document), for the
 * receiver to say in the shopper's words. */
export type Reply<T> = { ok: true; value: T } | { ok: false; error: string; phrase?: Phrase };

/** Turns valibot's issues into one line a developer can act on. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${v.getDotPath(i) ?? '(root)'}: ${i.message}`)
    .join('; ');
}

// ── background → content script ─────────────────────────────────────────────────────────────
export const BackgroundToContentSchema = v.variant('type', [
  /** Consent revoked or capture paused: tear every listener down now. */
  v.object({ type: v.literal('capture/stop') }),
  /** What the content script saw on this page view: its kind and how long reading it took. Asked
   * through the extension's messaging, so that nothing of it is written where the page can read. */
  v.object({ type: v.literal('capture/status') }),
  /** Show the sidebar (from the popup), or show/hide it (the keyboard shortcut). */
  v.object({ type: v.literal('sidebar/open') }),
  v.object({ type: v.literal('sidebar/toggle') }),
  /** The frame's state and box for the holder element; `shownAt` once picks are first on screen. */
  v.object({
    type: v.literal('sidebar/layout'),
    token: v.string(),
    state: SidebarStateSchema,
    width: v.number(),
    height: v.number(),
    shownAt: v.optional(v.number()),
  }),
]);
export type BackgroundToContent = v.InferOutput<typeof BackgroundToContentSchema>;

/** What `capture/status` answers: undefined fields until the page view has got that far. */
export interface CaptureStatus {
  url: string;
  kind?: string;
  /** From the page's start to its products sent and its listeners set. */
  captureMs?: number;
  /** Where the page was read: handed off the page's thread, or in the page (the fallback). */
  readBy?: 'hand-off' | 'page';
  /** From the page's start to ranked picks on screen in the sidebar's frame. */
  sidebarMs?: number;
  sidebar?: 'open' | 'collapsed' | 'closed';
}

// ── background → the sidebars' frames ──────────────────────────────────────────────────────────
/** The port a sidebar frame holds while it waits for photos (background/sidebar-push.ts). */
export const SIDEBAR_PORT = 'sidebar-updates';
/** New vectors for products of `site`: an open sidebar of that shop re-ranks now (instead of
 * polling). It names the site, nothing about the picks. */
export const SidebarUpdatedSchema = v.object({ type: v.literal('sidebar/updated'), site: v.string() });
export type SidebarUpdated = v.InferOutput<typeof SidebarUpdatedSchema>;
