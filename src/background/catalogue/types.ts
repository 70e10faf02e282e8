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

import type { PageRead } from '../../capture/extract/catalogue-page.ts';
import type { Platform } from '../../capture/extract/platform.ts';

export type { PageRead, Platform };

export interface StepResult {
  products: Product[];
  next: Step[];
  /** What the home page gave away about the shop's platform. */
  platform?: Platform;
  /** Sitemap URLs robots.txt named. */
  sitemaps?: string[];
}

/** Reads a page in a document (DOMParser: the offscreen document or Firefox's event page). */
export type ReadHtml = (url: string, html: string) => Promise<PageRead>;
