// A model file split in two without copying its weights. ONNX Runtime Web copies a model file whole
// into its WebAssembly memory, parses it there (the weights copied again, into the parsed message)
// and then copies each weight into its own tensor. WebAssembly memory never shrinks, so the highest
// point of that stays for as long as the document lives. A weight given as external data instead is
// copied once, from the buffer in JavaScript straight into its tensor. So the graph is rewritten with
// each large weight's bytes replaced by a reference (ONNX's external data: location, offset, length)
// into the file itself, and the file is handed to ONNX Runtime as that external data. Nothing is
// written anywhere: the shopper's files stay as downloaded, and any ONNX model can be read this way.

import { heldFor } from './held.ts';
import { ReadResponse, requestUrl, type Fetch } from './model-files.ts';

// The ONNX messages read (onnx.proto3): ModelProto.graph = 7; GraphProto.initializer = 5;
// TensorProto.raw_data = 9, external_data = 13 (StringStringEntryProto: key = 1, value = 2),
// data_location = 14 (EXTERNAL = 1).

const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const TENSOR_RAW_DATA = 9;
const TENSOR_EXTERNAL_DATA = 13;
const TENSOR_DATA_LOCATION = 14;
const EXTERNAL = 1;
const LEN = 2;

/** Weights smaller than this stay in the graph (shapes, scales and zero points read while optimising). */
export const MIN_EXTERNAL_BYTES = 1024;

/** A field of a protobuf message: where its whole encoding starts and ends, and for a
 * length-delimited one where its content starts. */
interface Field { number: number; wire: number; start: number; end: number; content: number }

class Reader {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number, readonly end: number) { this.pos = start; }

  varint(): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new Error('ONNX model: a number runs past its message'); // not shown to the shopper
      const byte = this.b[this.pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) throw new Error('ONNX model: a length is too large'); // not shown to the shopper
        return value;
      }
      scale *= 128;
    }
    throw new Error('ONNX model: a number is longer than ten bytes'); // not shown to the shopper
  }

  field(): Field {
    const start = this.pos;
    const key = this.varint();
    const wire = key % 8;
    const number = Math.floor(key / 8);
    let content = this.pos;
    switch (wire) {
      case 0: this.varint(); break;
      case 1: this.pos += 8; break;
      case 5: this.pos += 4; break;
      case LEN: {
        const n = this.varint();
        content = this.pos;
        this.pos += n;
        break;
      }
      default: throw new Error(`ONNX model: wire type ${wire} is not read here`); // not shown to the shopper
    }
    if (this.pos > this.end) throw new Error('ONNX model: a field runs past its message'); // not shown to the shopper
    return { number, wire, start, end: this.pos, content };
  }
}

/** Bytes to be joined once, at the end: copied slices of the file and small encoded pieces. */
type Parts = Uint8Array[];

const size = (parts: Parts) => parts.reduce((n, p) => n + p.byteLength, 0);

function varintBytes(n: number): Uint8Array {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return Uint8Array.from(out);
}

/** A length-delimited field made of `parts`. */
function lenField(number: number, parts: Parts): Parts {
  return [varintBytes(number * 8 + LEN), varintBytes(size(parts)), ...parts];
}

const utf8 = new TextEncoder();

function entry(key: string, value: string): Parts {
  return lenField(TENSOR_EXTERNAL_DATA, [...lenField(1, [utf8.encode(key)]), ...lenField(2, [utf8.encode(value)])]);
}

interface Moved { bytes: number; ownExternal: boolean }

/** One initializer, its raw bytes (if large) replaced by a reference to where they sit in the file. */
function tensor(file: Uint8Array, start: number, end: number, location: string, moved: Moved): Parts {
  const fields: Field[] = [];
  const r = new Reader(file, start, end);
  while (r.pos < end) fields.push(r.field());
  const raw = fields.find((f) => f.number === TENSOR_RAW_DATA && f.wire === LEN);
  const external = fields.some((f) => f.number === TENSOR_EXTERNAL_DATA || f.number === TENSOR_DATA_LOCATION);
  if (external) moved.ownExternal = true;
  if (!raw || external || raw.end - raw.content < MIN_EXTERNAL_BYTES) return [file.subarray(start, end)];
  const parts: Parts = fields.filter((f) => f !== raw).map((f) => file.subarray(f.start, f.end));
  parts.push(
    ...entry('location', location),
    ...entry('offset', String(raw.content)),
    ...entry('length', String(raw.end - raw.content)),
    varintBytes(TENSOR_DATA_LOCATION * 8), varintBytes(EXTERNAL),
  );
  moved.bytes += raw.end - raw.content;
  return parts;
}

function graph(file: Uint8Array, start: number, end: number, location: string, moved: Moved): Parts {
  const parts: Parts = [];
  const r = new Reader(file, start, end);
  while (r.pos < end) {
    const f = r.field();
    if (f.number === GRAPH_INITIALIZER && f.wire === LEN) parts.push(...lenField(GRAPH_INITIALIZER, tensor(file, f.content, f.end, location, moved)));
    else parts.push(file.subarray(f.start, f.end));
  }
  return parts;
}

export interface Split {
  /** The model's graph, its large weights referring to `location` (the model file itself); the file
   * as it is when nothing was moved. */
  graph: Uint8Array;
  /** Bytes of weights left in the file and referred to, not copied. */
  movedBytes: number;
  /** The file already keeps weights in external data of its own (then nothing is moved). */
  ownExternal: boolean;
}

/** `file` (an ONNX model) with its large weights referred to in place as external data named
 * `location`. A file that is not a well-formed model throws. */
export function splitWeights(file: Uint8Array, location: string): Split {
  const moved = { bytes: 0, ownExternal: false };
  const parts: Parts = [];
  const r = new Reader(file, 0, file.byteLength);
  while (r.pos < file.byteLength) {
    const f = r.field();
    if (f.number === MODEL_GRAPH && f.wire === LEN) parts.push(...lenField(MODEL_GRAPH, graph(file, f.content, f.end, location, moved)));
    else parts.push(file.subarray(f.start, f.end));
  }
  if (!moved.bytes || moved.ownExternal) return { graph: file, movedBytes: 0, ownExternal: moved.ownExternal };
  const out = new Uint8Array(size(parts));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return { graph: out, movedBytes: moved.bytes, ownExternal: false };
}

/** What transformers.js fetches a model's files with, each model file answered as its graph and its
 * weights. Asked to (`use_external_data_format`), transformers.js asks for `<file>.onnx` and then
 * `<file>.onnx_data`, and gives the second to ONNX Runtime as the first one's external data; both
 * are answered from one read of `<file>.onnx`. Held until both are asked for, at most `keptMs`. A
 * model that keeps external data of its own gets its own `.onnx_data`. */
export function splitFetch(fetchFile: Fetch, keptMs = 60_000): { fetch: Fetch; clear(): void } {
  interface Read { read: Promise<Response | { graph: ArrayBuffer; weights: ArrayBuffer | undefined }>; left: number }
  const held = heldFor<Read>(keptMs);
  /** The model file at `url`, read and split once for its two requests. */
  const take = (url: string): Read['read'] => {
    let h = held.get(url);
    if (!h) {
      const read = fetchFile(url).then(async (response) => {
        if (!response.ok) return response;
        const buffer = await response.arrayBuffer();
        const name = decodeURIComponent(new URL(url).pathname.split('/').pop()!);
        let split: Split;
        try {
          split = splitWeights(new Uint8Array(buffer), `${name}_data`);
        } catch (e) {
          // ONNX Runtime reads it whole and says what is wrong with it, in the load's own error.
          console.warn(`Carryover: ${name} could not be read as an ONNX model here; it goes to ONNX Runtime whole`, e); // not shown to the shopper
          return { graph: buffer, weights: new ArrayBuffer(0) };
        }
        if (split.ownExternal) return { graph: buffer, weights: undefined };
        return { graph: split.graph.buffer as ArrayBuffer, weights: split.movedBytes ? buffer : new ArrayBuffer(0) };
      });
      read.catch(() => undefined); // met by the request that asked, and said there
      h = { read, left: 2 };
      held.set(url, h);
    }
    if (--h.left === 0) held.delete(url);
    return h.read;
  };
  return {
    async fetch(input, init) {
      const url = requestUrl(input);
      if (url.pathname.endsWith('.onnx')) {
        const got = await take(url.href);
        return got instanceof Response ? got : new ReadResponse(got.graph);
      }
      if (url.pathname.endsWith('.onnx_data')) {
        const model = new URL(url);
        model.pathname = url.pathname.slice(0, -'_data'.length);
        const got = await take(model.href);
        if (got instanceof Response) return new Response(null, { status: got.status, statusText: got.statusText });
        return got.weights ? new ReadResponse(got.weights) : fetchFile(input, init);
      }
      return fetchFile(input, init);
    },
    clear: () => held.clear(),
  };
}
