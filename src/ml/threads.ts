// How many threads ONNX Runtime's WebAssembly build may use in this document.

/** How many WebAssembly threads, and why: threads need SharedArrayBuffer, which only a
 * cross-origin-isolated document has (Chrome's manifest sets the isolation; Firefox has no way to). */
export function threadsFor(isolated: boolean, cores: number): { threads: number; why: string } {
  if (!isolated) return { threads: 1, why: '1 thread: this document is not cross-origin isolated, so it has no SharedArrayBuffer' }; // not shown to the shopper
  const threads = Math.max(1, Math.min(4, cores));
  return { threads, why: `${threads} thread${threads > 1 ? 's' : ''} (cross-origin isolated, ${cores} cores)` };
}
