// The other tower's model file, read while this one's session is being built. Reading a model file
// takes long next to the rest of a load (at real size, q8, out of the extension's package: 0.9 s for
// the 88 MB vision file) and happens off this thread, while building a session keeps this thread busy
// (1.3 s for the vision one). So when one tower's file has arrived, the other's is asked for at once,
// not after the session is built (asked for at the same time, it would only share the reading speed):
// the text session is built first (a page's titles are what its first picks need), and the photos'
// batch that follows finds the vision file read. It waits, by URL, until transformers.js asks, and is
// let go if nobody asks within a minute (a catalogue's titles alone can run that long).

import { heldFor } from './held.ts';
import { ReadResponse, requestUrl, type Fetch } from './model-files.ts';

/** CLIP's two towers, each an ONNX Runtime session (and a model file) of its own. */
export type Tower = 'vision' | 'text';
const TOWER_FILE = /\/(vision|text)_model([^/]*\.onnx)$/;
const OTHER: Record<Tower, Tower> = { vision: 'text', text: 'vision' };
/** How long a file read early waits to be asked for. */
export const EARLY_KEPT_MS = 60_000;

export interface EarlyRead {
  /** What transformers.js fetches model files with. */
  fetch: Fetch;
  /** Forgets a file read early and never asked for (a load that failed, a model let go). */
  clear(): void;
  /** Told when a tower's file has arrived in full (the bench's load steps). */
  onRead?: (tower: Tower) => void;
}

export function earlyRead(fetchFile: Fetch, keptMs = EARLY_KEPT_MS): EarlyRead {
  const early = heldFor<Promise<ArrayBuffer>>(keptMs);
  const self: EarlyRead = {
    async fetch(input, init) {
      const asked = requestUrl(input);
      const url = asked.href;
      const kept = early.get(url);
      if (kept) {
        early.delete(url);
        try {
          return new ReadResponse(await kept);
        } catch (e) {
          // Asked again the ordinary way: if it fails again, that failure is the load's.
          console.warn('Carryover: reading a model file early failed; reading it now', e);
        }
      }
      const response = await fetchFile(input, init);
      const tower = TOWER_FILE.exec(asked.pathname)?.[1] as Tower | undefined;
      if (!tower || !response.body || !response.ok) return response;
      const other = new URL(asked);
      other.pathname = asked.pathname.replace(TOWER_FILE, `/${OTHER[tower]}_model$2`);
      const otherUrl = other.href;
      // This file passes through as it is; when its last byte has arrived the other one is asked for.
      const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          self.onRead?.(tower);
          if (early.has(otherUrl)) return;
          const read = fetchFile(otherUrl).then((r) => {
            if (!r.ok) throw new Error(`${otherUrl}: ${r.status} ${r.statusText}`); // not shown to the shopper
            return r.arrayBuffer();
          });
          // Its failure is met when the file is asked for (above), where it is said.
          read.catch(() => undefined);
          early.set(otherUrl, read);
        },
      }));
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
    clear: () => early.clear(),
  };
  return self;
}
