// Facts about the page that several walks share (its short text runs, the roots of its regions),
// made once per extraction instead of once per walk. extractPage opens a pass; a fact is made again
// in the next pass, since a live page changes between passes (the listing watcher extracts again
// as cards arrive). A walk called on its own, outside any pass, keeps its facts per document.
let pass = 0;

export function startPass(): void {
  pass++;
}

/** `make(key)` at most once per pass and key. */
export function perPass<K extends object, V>(make: (key: K) => V): (key: K) => V {
  let at = pass;
  let memo = new WeakMap<K, V>();
  return (key) => {
    if (at !== pass) {
      at = pass;
      memo = new WeakMap();
    }
    if (memo.has(key)) return memo.get(key)!;
    const v = make(key);
    memo.set(key, v);
    return v;
  };
}
