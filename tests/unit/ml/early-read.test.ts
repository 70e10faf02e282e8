// One tower's model file is asked for once the other's has arrived (while that session is built),
// handed to transformers.js without a second read, let go when nobody asks for it in time, and a
// failed early read is read again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { earlyRead } from '../../../src/ml/early-read.ts';

const BASE = 'chrome-extension://x/models/clip/onnx/';
const bytes = (n: number, v: number) => new Uint8Array(n).fill(v);

function files(fail = new Set<string>()) {
  const asked: string[] = [];
  const fetchFile = vi.fn(async (input: RequestInfo | URL) => {
    const url = String(input);
    asked.push(url);
    if (fail.has(url)) {
      fail.delete(url);
      return new Response('gone', { status: 404 });
    }
    return new Response(bytes(url.includes('vision') ? 3000 : 2000, url.includes('vision') ? 1 : 2));
  });
  return { asked, fetchFile };
}
afterEach(() => vi.restoreAllMocks());

describe('the early read of the other tower', () => {
  it('asks for the text file only once the vision file has been read, and hands it over without asking again', async () => {
    const { asked, fetchFile } = files();
    const read = earlyRead(fetchFile);
    const seen = vi.fn();
    read.onRead = seen;
    const vision = await read.fetch(`${BASE}vision_model_quantized.onnx`);
    expect(asked).toEqual([`${BASE}vision_model_quantized.onnx`]); // the body is not read yet
    expect(new Uint8Array(await vision.arrayBuffer())).toEqual(bytes(3000, 1));
    expect(seen).toHaveBeenCalledWith('vision');
    expect(asked).toEqual([`${BASE}vision_model_quantized.onnx`, `${BASE}text_model_quantized.onnx`]);
    const text = await read.fetch(`${BASE}text_model_quantized.onnx`);
    expect(new Uint8Array(await text.arrayBuffer())).toEqual(bytes(2000, 2));
    expect(fetchFile).toHaveBeenCalledTimes(2);
    // Asked again later (another load), it is read again.
    await read.fetch(`${BASE}text_model_quantized.onnx`);
    expect(fetchFile).toHaveBeenCalledTimes(3);
  });

  it('reads a text file again the ordinary way when the early read failed, and says so', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { fetchFile } = files(new Set([`${BASE}text_model.onnx`]));
    const read = earlyRead(fetchFile);
    await (await read.fetch(`${BASE}vision_model.onnx`)).arrayBuffer();
    const text = await read.fetch(`${BASE}text_model.onnx`);
    expect(text.ok).toBe(true);
    expect((await text.arrayBuffer()).byteLength).toBe(2000);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/early failed/), expect.any(Error));
  });

  it('leaves other files alone, and forgets an early read never asked for', async () => {
    const { asked, fetchFile } = files();
    const read = earlyRead(fetchFile);
    await (await read.fetch(`${BASE}../config.json`)).arrayBuffer();
    expect(asked).toHaveLength(1);
    await (await read.fetch(`${BASE}vision_model_fp16.onnx`)).arrayBuffer();
    expect(asked.at(-1)).toBe(`${BASE}text_model_fp16.onnx`);
    read.clear();
    await read.fetch(`${BASE}text_model_fp16.onnx`);
    expect(asked.filter((u) => u.endsWith('text_model_fp16.onnx'))).toHaveLength(2);
  });

  it('reads the vision file while the text session is built (titles first), and forgets it when nobody asks in time', async () => {
    vi.useFakeTimers();
    try {
      const { asked, fetchFile } = files();
      const read = earlyRead(fetchFile, 1000);
      await (await read.fetch(`${BASE}text_model_quantized.onnx`)).arrayBuffer();
      expect(asked).toEqual([`${BASE}text_model_quantized.onnx`, `${BASE}vision_model_quantized.onnx`]);
      const vision = await read.fetch(`${BASE}vision_model_quantized.onnx`);
      expect(new Uint8Array(await vision.arrayBuffer())).toEqual(bytes(3000, 1));
      expect(fetchFile).toHaveBeenCalledTimes(2);
      // Read early again (another load), and not asked for within the time: read again when asked.
      await (await read.fetch(`${BASE}text_model_quantized.onnx`)).arrayBuffer();
      expect(fetchFile).toHaveBeenCalledTimes(4);
      await vi.advanceTimersByTimeAsync(1001);
      await read.fetch(`${BASE}vision_model_quantized.onnx`);
      expect(fetchFile).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });
});
