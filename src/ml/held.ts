// Reads made ahead of the requests that will take them, kept a while by the file's URL.

/** Values kept by key (a file's URL) until taken, for at most `ms` each: the fetch layers' reads
 * made ahead of their requests (early-read.ts, split-weights.ts). */
export interface Held<V> {
  get(key: string): V | undefined;
  has(key: string): boolean;
  set(key: string, value: V): void;
  delete(key: string): void;
  clear(): void;
}

export function heldFor<V>(ms: number): Held<V> {
  const kept = new Map<string, { value: V; timer: ReturnType<typeof setTimeout> }>();
  const forget = (key: string) => {
    const k = kept.get(key);
    if (k) clearTimeout(k.timer);
    kept.delete(key);
  };
  return {
    get: (key) => kept.get(key)?.value,
    has: (key) => kept.has(key),
    set: (key, value) => {
      forget(key);
      kept.set(key, { value, timer: setTimeout(() => forget(key), ms) });
    },
    delete: forget,
    clear: () => {
      for (const key of [...kept.keys()]) forget(key);
    },
  };
}
