// A shop's answer read as text, bounded, and unpacked when it is gzip: sitemaps are often published
// as `sitemap.xml.gz` (application/gzip, which fetch does not decode the way it decodes a
// Content-Encoding). Detected by the gzip magic bytes, not by the name or the type a shop may get
// wrong; read as a stream and cut at `maxChars`, so that neither a huge page nor a small file that
// unpacks to gigabytes is ever held whole.

const GZIP = [0x1f, 0x8b];

/** The body's text, at most `maxChars` characters (UTF-8, or the bytes unpacked when gzip). */
export async function readBody(r: Response, maxChars: number): Promise<string> {
  if (!r.body) return '';
  const reader = r.body.getReader();
  const first = await reader.read();
  if (first.done) return '';
  const head = first.value;
  const gzip = head.length >= 2 && head[0] === GZIP[0] && head[1] === GZIP[1];
  // The stream again, from the bytes already read.
  const bytes = new ReadableStream<BufferSource>({
    start(c) {
      c.enqueue(head);
    },
    async pull(c) {
      const next = await reader.read();
      if (next.done) c.close();
      else c.enqueue(next.value);
    },
    cancel: (why) => reader.cancel(why),
  });
  const text = (gzip ? bytes.pipeThrough(new DecompressionStream('gzip')) : bytes).pipeThrough(new TextDecoderStream());
  const out = text.getReader();
  let body = '';
  for (;;) {
    const { done, value } = await out.read();
    if (done) return body;
    body += value;
    if (body.length >= maxChars) {
      await out.cancel('long enough');
      return body.slice(0, maxChars);
    }
  }
}
