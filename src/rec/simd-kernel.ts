// A WebAssembly SIMD kernel for int8 dot products: for each of n rows (dim a multiple of 64 bytes),
// score = (Σ item_i8 × query_i8) × scale[row]. Written here as bytes because the build has no
// WebAssembly text compiler; the whole module is a few hundred bytes, validated and compiled once.
// Per 16 values: two loads, two widening multiplies (i8 × i8 fits in i16: 127² × 2 < 2¹⁵), one
// add, one pairwise widening add into four i32 lanes. Spec opcodes:
// https://webassembly.github.io/spec/core/binary/instructions.html#vector-instructions

const uleb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
};
/** Signed LEB128, for i32.const. */
const sleb = (n: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
    out.push(b | 0x80);
  }
};
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (s: string) => { const b = [...new TextEncoder().encode(s)]; return [...uleb(b.length), ...b]; };
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

const I32 = 0x7f, V128 = 0x7b;
const OP = {
  block: 0x02, loop: 0x03, br: 0x0c, brIf: 0x0d, end: 0x0b, get: 0x20, set: 0x21, tee: 0x22,
  i32const: 0x41, i32add: 0x6a, i32sub: 0x6b, i32geU: 0x4f, i32shl: 0x74, f32load: 0x2a, f32store: 0x38,
  f32mul: 0x94, f32fromI32: 0xb2,
};
const simd = (op: number, ...imm: number[]) => [0xfd, ...uleb(op), ...imm];
const SIMD = { load: 0x00, const: 0x0c, extractI32: 0x1b, i16add: 0x8e, extmulLowS: 0x9c, extmulHighS: 0x9d, extaddPairI16S: 0x7e, i32x4add: 0xae };
const memF32 = [0x02, 0x00];

// scores(items, query, n, chunks, scales, out): chunks = dim / 64 (four 16-byte loads per step);: all pointers are byte offsets into the memory.
const [ITEMS, QUERY, N, CHUNKS, SCALES, OUT, I, J, Q, ACC, A, B] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const get = (l: number) => [OP.get, l];
const set = (l: number) => [OP.set, l];
/** acc += Σ pairs of item × query over the 16 bytes at `offset` from the current pointers. */
const chunk = (offset: number) => [
  ...get(ITEMS), ...simd(SIMD.load, 0x00, ...uleb(offset)), ...set(A),
  ...get(Q), ...simd(SIMD.load, 0x00, ...uleb(offset)), ...set(B),
  ...get(ACC),
  ...get(A), ...get(B), ...simd(SIMD.extmulLowS),
  ...get(A), ...get(B), ...simd(SIMD.extmulHighS),
  ...simd(SIMD.i16add), ...simd(SIMD.extaddPairI16S), ...simd(SIMD.i32x4add), ...set(ACC),
];
const body = [
  ...vec([[3, I32], [3, V128]]), // locals: i, j, q; acc, a, b
  OP.block, 0x40,
  OP.loop, 0x40,
  ...get(I), ...get(N), OP.i32geU, OP.brIf, 1,
  ...simd(SIMD.const, ...new Array(16).fill(0)), ...set(ACC),
  ...get(CHUNKS), ...set(J),
  ...get(QUERY), ...set(Q),
  OP.loop, 0x40,
  ...chunk(0), ...chunk(16), ...chunk(32), ...chunk(48),
  ...get(ITEMS), OP.i32const, ...sleb(64), OP.i32add, ...set(ITEMS),
  ...get(Q), OP.i32const, ...sleb(64), OP.i32add, ...set(Q),
  ...get(J), OP.i32const, 1, OP.i32sub, OP.tee, J, OP.brIf, 0,
  OP.end,
  // out[i] = f32(Σ lanes) × scales[i]
  ...get(OUT), ...get(I), OP.i32const, 2, OP.i32shl, OP.i32add,
  ...get(ACC), ...simd(SIMD.extractI32, 0), ...get(ACC), ...simd(SIMD.extractI32, 1), OP.i32add,
  ...get(ACC), ...simd(SIMD.extractI32, 2), OP.i32add, ...get(ACC), ...simd(SIMD.extractI32, 3), OP.i32add,
  OP.f32fromI32,
  ...get(SCALES), ...get(I), OP.i32const, 2, OP.i32shl, OP.i32add, OP.f32load, ...memF32,
  OP.f32mul, OP.f32store, ...memF32,
  ...get(I), OP.i32const, 1, OP.i32add, ...set(I),
  OP.br, 0,
  OP.end,
  OP.end,
  OP.end,
];

export function kernelBytes(): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32], [I32]]), 0x00]])), // type: 6 × i32 → ()
    ...section(3, vec([[0x00]])), // one function of type 0
    ...section(5, vec([[0x00, 0x01]])), // one memory, min 1 page
    ...section(7, vec([[...name('memory'), 0x02, 0x00], [...name('scores'), 0x00, 0x00]])), // exports
    ...section(10, vec([[...uleb(body.length), ...body]])),
  ]);
}

export interface Kernel {
  memory: WebAssembly.Memory;
  scores(items: number, query: number, n: number, chunks: number, scales: number, out: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** A new instance of the kernel with its own memory, or null where WebAssembly SIMD is missing
 * (callers fall back to JS). Each index owns one, so its items stay in place between queries. */
export function simdKernel(): Kernel | null {
  if (compiled === undefined) {
    const bytes = kernelBytes();
    compiled = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled && (new WebAssembly.Instance(compiled).exports as unknown as Kernel);
}
