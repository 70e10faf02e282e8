// What the background says about its storage (background/storage-health.ts), as the pages read it.
export interface StorageHealth {
  /** Since when writes fail because storage is full (undefined: writes work). */
  fullSince?: number;
  /** Where the last such failure happened (capture, embedding, import…). */
  where?: string;
  /** The browser's estimate for the extension's origin, in bytes, when it gives one. */
  usage?: number;
  quota?: number;
}
