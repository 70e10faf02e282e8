// The crawl's vocabulary: a step is one request to the shop, a reply what came back, and each
// source turns a reply into products and further steps. Kept apart so that every source is pure.
import type { Product } from '../../shared/schemas.ts';

export const STEP_KINDS = ['robots', 'home', 'shopify', 'woo', 'sitemap', 'page', 'listing'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export interface Step {
  kind: StepKind;
  /** Absolute URL on the shop's own site. */
  url: string;
  /** For paged sources (products.json, the Store API, listings): which page this is. */
  page?: number;
}

export interface Reply {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: string;
}

export type Platform = 'shopify' | 'woo';

export interface StepResult {
  products: Product[];
  next: Step[];
  /** What the home page gave away about the shop's platform. */
  platform?: Platform;
  /** Sitemap URLs robots.txt named. */
  sitemaps?: string[];
}

/** A page read in a document (DOMParser: the offscreen document or Firefox's event page). */
export interface PageRead {
  products: Product[];
  platform?: Platform;
  /** Further pages of the same listing (rel=next, numbered page links). */
  pages: string[];
}

export type ReadHtml = (url: string, html: string) => Promise<PageRead>;
