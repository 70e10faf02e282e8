// The text model's file, read while the vision session is being built. Reading a model file takes
// long next to the rest of a load (at real size, q8, out of the extension's package: 0.9 s for the
// 88 MB vision file) and happens off this thread, while building a session keeps this thread busy
// (1.3 s for the vision one). So the text file is asked for as soon as the vision file's last byte
// has arrived, not after the vision session is built; asked for at the same time as the vision
// file, it would only share the reading speed with it. It waits, by URL, until transformers.js asks.

import { requestUrl } from './model-files.ts';

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

/** A response whose bytes are already here: transformers.js reads it with arrayBuffer(), which
 * hands them over without another copy (a Response built on the bytes would copy them). */
class ReadResponse extends Response {
  constructor(private readonly held: ArrayBuffer) {
    super(null, { status: 200, headers: { 'content-length': String(held.byteLength) } });
  }
  override arrayBuffer(): Promise<ArrayBuffer> { return Promise.resolve(this.held); }
  override blob(): Promise<Blob> { return Promise.resolve(new Blob([this.held])); }
}

const VISION_FILE = /\/vision_model([^/]*\.onnx)$/;

export interface EarlyRead {
  /** What transformers.js fetches model files with. */
  fetch: Fetch;
  /** Forgets a text file read early and never asked for (a load that failed first). */
  clear(): void;
  /** Told when a vision file's last byte has arrived (the bench's load steps). */
  onVisionRead?: () => void;
}

export function earlyTextRead(fetchFile: Fetch): EarlyRead {
  const early = new Map<string, Promise<ArrayBuffer>>();
  const self: EarlyRead = {
    async fetch(input, init) {
      const asked = requestUrl(input);
      const url = asked.href;
      const read = early.get(url);
      if (read) {
        early.delete(url);
        try {
          return new ReadResponse(await read);
        } catch (e) {
          // Asked again the ordinary way: if it fails again, that failure is the load's.
          console.warn('Carryover: reading the text model early failed; reading it now', e);
        }
      }
      const response = await fetchFile(input, init);
      if (!VISION_FILE.test(asked.pathname) || !response.body || !response.ok) return response;
      const text = new URL(asked);
      text.pathname = asked.pathname.replace(VISION_FILE, '/text_model$1');
      const textUrl = text.href;
      // The vision file passes through as it is; when its last byte has arrived the text file is asked for.
      const body = response.body.pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
        flush() {
          self.onVisionRead?.();
          const read = fetchFile(textUrl).then((r) => {
            if (!r.ok) throw new Error(`${textUrl}: ${r.status} ${r.statusText}`); // not shown to the shopper
            return r.arrayBuffer();
          });
          // Its failure is met when the file is asked for (above), where it is said.
          read.catch(() => undefined);
          early.set(textUrl, read);
        },
      }));
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    },
    clear: () => early.clear(),
  };
  return self;
}
