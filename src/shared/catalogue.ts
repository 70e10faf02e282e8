// What the popup, the sidebar and the options page are told about a shop's catalogue crawl.

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
