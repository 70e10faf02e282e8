// Every stored thing, declared once: the record types, the stores and their indexes, and the
// ordered migrations that build them. Migrations are idempotent and only ever appended.
import type { DBSchema, IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { EventType, Product } from '../shared/schemas.ts';
import type { CrawlState } from './catalogue/state.ts';

export const DB_NAME = 'carryover';

export interface ItemRecord extends Omit<Product, 'url' | 'confidence'> {
  /** Hash of the canonical URL. */
  id: string;
  site: string;
  url: string;
  /** The id of the same product (same GTIN) first seen on another shop. */
  groupId?: string;
  firstSeen: number;
  lastSeen: number;
}

export interface EventRecord {
  id?: number;
  itemId: string;
  site: string;
  type: EventType;
  ts: number;
  value?: number;
  /** The page view or interaction that reported it (capture's retry key; absent on older events). */
  view?: string;
}

export interface VectorRecord {
  itemId: string;
  modelId: string;
  image?: Float32Array;
  text?: Float32Array;
  fused: Float32Array;
}

export interface JobRecord {
  /** `${kind}:${itemId}`: one job per item and kind, so a job cannot be queued twice. */
  id: string;
  itemId: string;
  /** Text vectors first (titles are quick), so that ranking can start before the images are done. */
  kind: 'text' | 'image';
  /** The model the job is for; a job of another model is stale. */
  modelId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  attempts: number;
  /** Not before this time (backoff after a failure). */
  nextAt: number;
  /** A running job belongs to the batch holding this token until `leaseUntil`; a stopped worker's
   * batch is taken over after that, and its late answer is ignored. */
  claim?: string;
  leaseUntil?: number;
  createdAt: number;
  /** Set for the products of a page the shopper has open (the time of that page view): they go
   * before everything else of their kind, newest page first. */
  priority?: number;
  doneAt?: number;
  error?: string;
}

/** A small copy of an item's photo, made when the photo was first read for embedding: the sidebar
 * shows it instead of asking the shop's image host (which would learn what was picked). */
export interface ThumbRecord {
  itemId: string;
  /** `data:image/webp;base64,…` or `data:image/jpeg;base64,…`, a few KB. */
  dataUrl: string;
  createdAt: number;
}

export interface ModelFileRecord {
  /** `${model name}/${path}`, the path transformers.js asks for under /models/. */
  key: string;
  model: string;
  path: string;
  size: number;
  sha256: string;
  blob: Blob;
}

export interface SnapshotRecord {
  /** 'current' or 'previous': the last good version is kept. */
  slot: 'current' | 'previous';
  version: number;
  createdAt: number;
  data: unknown;
}

export interface SiteRecord {
  site: string;
  /** The shop's own name ("Maple & Pine"), as its page gave it when the shopper allowed it. */
  name?: string;
  granted: boolean;
  /** Match patterns the site's consent covers (its own origin and its image hosts). */
  origins: string[];
  imageHosts: string[];
  grantedAt?: number;
  revokedAt?: number;
  retentionDays?: number;
  /** The sidebar as the shopper left it on this shop. */
  sidebar?: 'open' | 'collapsed' | 'closed';
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface LogRecord {
  id?: number;
  ts: number;
  level: 'warn' | 'error';
  source: string;
  message: string;
}

/** A product of a shop's public catalogue (issue #14): a candidate to rank, not history. It has no
 * events and is in neither the profile nor the taste map; pruned 30 days after it was last seen
 * unless the shopper engaged with it. Keyed like `items` (hash of the canonical URL). */
export interface CatalogueRecord extends Omit<Product, 'url' | 'confidence' | 'sources'> {
  id: string;
  site: string;
  url: string;
  /** Which source gave it last (an API, a sitemap, a product page, a listing). */
  source: CrawlState['queue'][number]['kind'];
  /** The shop's catalogue order (API or sitemap order), 1-based: what the shop shows every visitor first. */
  rank: number;
  firstSeen: number;
  lastSeen: number;
  /** Set when the shopper engaged with it (opened, liked): it is then kept past the 30 days. */
  engagedAt?: number;
  /** Picked by the cascade (its title scored among the shop's best): its photo is read too. */
  photo?: boolean;
}

export interface CarryoverDB extends DBSchema {
  items: { key: string; value: ItemRecord; indexes: { site: string; gtin: string; lastSeen: number } };
  events: {
    key: number;
    value: EventRecord;
    indexes: { itemId: string; site: string; ts: number; type: string; site_ts: [string, number] };
  };
  vectors: { key: string; value: VectorRecord; indexes: { modelId: string } };
  jobs: { key: string; value: JobRecord; indexes: { state: string; nextAt: number; itemId: string; doneAt: number } };
  profile: { key: string; value: SnapshotRecord };
  model: { key: string; value: SnapshotRecord };
  sites: { key: string; value: SiteRecord };
  settings: { key: string; value: SettingRecord };
  log: { key: number; value: LogRecord; indexes: { ts: number } };
  modelFiles: { key: string; value: ModelFileRecord; indexes: { model: string } };
  thumbs: { key: string; value: ThumbRecord };
  crawls: { key: string; value: CrawlState };
  catalogue: { key: string; value: CatalogueRecord; indexes: { site: string; lastSeen: number } };
}

export type Store = StoreNames<CarryoverDB>;
export const STORES: readonly Store[] = [
  'items', 'events', 'vectors', 'jobs', 'profile', 'model', 'sites', 'settings', 'log', 'modelFiles', 'thumbs',
  'crawls', 'catalogue',
];

type UpgradeTx = IDBPTransaction<CarryoverDB, Store[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<CarryoverDB>, tx: UpgradeTx) => void;

/** migrations[i] takes the database from version i to version i + 1. */
export const MIGRATIONS: readonly Migration[] = [
  // v1: the stores of DESIGN.md.
  (db) => {
    const items = db.createObjectStore('items', { keyPath: 'id' });
    items.createIndex('site', 'site');
    items.createIndex('lastSeen', 'lastSeen');
    const events = db.createObjectStore('events', { keyPath: 'id', autoIncrement: true });
    events.createIndex('itemId', 'itemId');
    events.createIndex('site', 'site');
    events.createIndex('ts', 'ts');
    events.createIndex('type', 'type');
    db.createObjectStore('vectors', { keyPath: 'itemId' }).createIndex('modelId', 'modelId');
    const jobs = db.createObjectStore('jobs', { keyPath: 'id' });
    jobs.createIndex('state', 'state');
    jobs.createIndex('nextAt', 'nextAt');
    db.createObjectStore('profile', { keyPath: 'slot' });
    db.createObjectStore('model', { keyPath: 'slot' });
    db.createObjectStore('sites', { keyPath: 'site' });
  },
  // v2: settings (pause everywhere), the background's log, GTIN lookup for cross-shop merging and a
  // per-site time index for the history views.
  (db, tx) => {
    db.createObjectStore('settings', { keyPath: 'key' });
    db.createObjectStore('log', { keyPath: 'id', autoIncrement: true }).createIndex('ts', 'ts');
    tx.objectStore('items').createIndex('gtin', 'gtin');
    tx.objectStore('events').createIndex('site_ts', ['site', 'ts']);
  },
  // v3: embedding jobs per item and kind (text, image) and per model, with leases; the files of a
  // model the shopper downloaded. Jobs of the v1 shape (keyed by item, no kind) are dropped: the
  // queue re-creates what is missing from the items at start-up.
  (db, tx) => {
    const jobs = tx.objectStore('jobs');
    jobs.createIndex('itemId', 'itemId');
    jobs.createIndex('doneAt', 'doneAt');
    void jobs.openCursor().then(async function drop(c): Promise<void> {
      if (!c) return;
      if (!(c.value as Partial<JobRecord>).kind) await c.delete();
      return drop(await c.continue());
    });
    db.createObjectStore('modelFiles', { keyPath: 'key' }).createIndex('model', 'model');
  },
  // v4: the picks' thumbnails, one per item. Items embedded before have none until their photo is
  // read again (a new model); the sidebar shows a plain square for them rather than ask the shop.
  (db) => {
    db.createObjectStore('thumbs', { keyPath: 'itemId' });
  },
  // v5: shops' public catalogues (issue #14): each shop's crawl, resumable, and its products, kept
  // apart from `items` so that they are candidates only (no events, no profile, no taste map).
  (db) => {
    db.createObjectStore('crawls', { keyPath: 'site' });
    const cat = db.createObjectStore('catalogue', { keyPath: 'id' });
    cat.createIndex('site', 'site');
    cat.createIndex('lastSeen', 'lastSeen');
  },
];

export const DB_VERSION = MIGRATIONS.length;
