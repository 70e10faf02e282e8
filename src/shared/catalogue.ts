// What the popup, the sidebar and the options page are told about a shop's catalogue crawl.

/** The limits of products read per shop the shopper can choose (the bound is 2,000). */
export const CATALOGUE_LIMITS = [250, 500, 1000, 2000] as const;
export type CatalogueLimit = (typeof CATALOGUE_LIMITS)[number];
export const DEFAULT_CATALOGUE_LIMIT: CatalogueLimit = 2000;

export interface CatalogueStatus {
  site: string;
  /** 'none': the shopper has not said yes for this shop. */
  status: 'none' | 'running' | 'done' | 'stopped' | 'failed';
  found: number;
  limit: number;
  requests: number;
  /** Why it stopped by itself (repeated failures), in the crawler's words. */
  lastError?: string;
}
