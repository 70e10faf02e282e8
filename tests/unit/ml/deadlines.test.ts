// Work that may never finish is bounded: a photo whose server never answers fails that photo, and a
// runtime that never answers fails its batch, instead of holding the embedding queue for good.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchBitmap } from '../../../src/ml/decode.ts';
import { DeadlineError, withDeadline } from '../../../src/shared/deadline.ts';
import { PhraseError, say } from '../../../src/shared/phrase.ts';
import { useLocale } from '../locale.ts';

/** What the shopper reads for a photo that failed (the popup's why), in their language. */
async function readAs(lang: 'en' | 'de', work: Promise<unknown>): Promise<string> {
  const e = await work.then(() => undefined, (err: unknown) => err);
  expect(e, 'a phrase the background can say in the shopper\'s words').toBeInstanceOf(PhraseError);
  useLocale(lang);
  return say((e as PhraseError).phrase);
}

describe('withDeadline', () => {
  it('passes a result that comes in time through', async () => {
    await expect(withDeadline(Promise.resolve(7), 1000, 'x')).resolves.toBe(7);
  });
  it('says what took too long when the work never finishes', async () => {
    const err = await withDeadline(new Promise(() => {}), 50, 'the model runtime').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeadlineError);
    expect((err as Error).message).toBe('the model runtime took longer than 0 s');
  });
  it('passes the work\'s own error through', async () => {
    await expect(withDeadline(Promise.reject(new Error('boom')), 1000, 'x')).rejects.toThrow('boom');
  });
});

describe('fetchBitmap', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    // /hang sends headers and never the body; /silent never answers at all.
    server = createServer((req, res) => {
      if (req.url === '/hang') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': '1000' });
        res.write('x');
      } else if (req.url === '/missing') {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('gives up on a server that never answers, saying so', async () => {
    expect(await readAs('en', fetchBitmap(`${base}/silent`, undefined, 300))).toBe(`the photo ${base}/silent did not arrive within 0.3 s; Carryover tries it again later`);
  });
  it('gives up on a photo whose body never ends', async () => {
    expect(await readAs('de', fetchBitmap(`${base}/hang`, undefined, 300))).toBe(`das Foto ${base}/hang kam nicht innerhalb von 0.3 s an; Carryover versucht es später noch einmal`);
  });
  it('says what the shop answered for a photo it does not have', async () => {
    expect(await readAs('en', fetchBitmap(`${base}/missing`, undefined, 300))).toBe(`the shop answered 404 Not Found for the photo ${base}/missing; Carryover tries it again later`);
  });
  it('still refuses a URL that is not http(s), before any request', async () => {
    expect(await readAs('en', fetchBitmap('javascript:alert(1)'))).toBe('javascript:alert(1) is not a web address (http or https), and Carryover fetches photos only from those');
  });
});
