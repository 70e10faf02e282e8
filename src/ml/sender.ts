// Who may ask the ML document for work: the background alone. Content scripts share the extension's
// id (a message from a shop's page passes an id check), and the extension's pages (popup, options,
// the sidebar's frame inside a shop's tab) have no business with the model either: the background
// decides what is embedded, so nothing else can make the model fetch a URL of its choosing.
import type { Runtime } from 'webextension-polyfill';

export type MlSender = Pick<Runtime.MessageSender, 'id' | 'url' | 'tab' | 'frameId'>;

export interface Self {
  id: string;
  /** The background's own URL: the service worker's script (runtime.getURL of the manifest's). */
  backgroundUrl: string;
}

export function isBackground(sender: MlSender, self: Self): boolean {
  return sender.id === self.id && !sender.tab && sender.frameId === undefined && sender.url === self.backgroundUrl;
}

/** The service worker's URL from the manifest (Chrome), under `origin` (this document's own, the
 * extension id's: runtime.getURL gives the session's dynamic id once a resource uses
 * `use_dynamic_url`, while a sender's URL keeps the extension id). */
export function backgroundUrlOf(manifest: { background?: { service_worker?: string } }, origin: string): string | undefined {
  const sw = manifest.background?.service_worker;
  return sw ? new URL(sw, `${origin}/`).href : undefined;
}
