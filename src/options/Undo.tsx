// Deleting a product, a shop's data or an interest can be taken back for a few seconds, as shoppers
// know from Gmail and Google: the page hides what goes at once and says "Deleting … · Undo"; only
// when the time is up (or the page closes, or another data action starts) does it ask the background
// to delete. Nothing is deleted during those seconds, so undoing loses nothing: vectors, thumbnails
// and interactions all stay as they were. "Delete everything" is not deferred: it asks in the page.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';

export const UNDO_MS = 8_000;

export interface Deferred {
  /** What is going, in words: "Deleting 3 products". */
  text: string;
  /** What the page hides meanwhile, and once it is done: "item:" + an item id, "site:" + a site,
   * "taste:" + an item id whose interactions are forgotten. Only what cannot come back from a
   * reload (it is deleted), so that a list reloading after the deletion never shows it again. */
  keys: string[];
  /** Does it; resolves to the sentence that says what was done. */
  commit(): Promise<string>;
}

interface Pending extends Deferred { id: number; until: number; timer: ReturnType<typeof setTimeout> }

interface UndoApi {
  defer(d: Deferred): void;
  /** What is deleted or waiting to be, to hide. */
  hidden: ReadonlySet<string>;
  /** What is waiting for its Undo or being deleted right now. */
  going: ReadonlySet<string>;
  /** Does what is pending now (before an export, an import or a wipe, which must see it gone). */
  flush(): Promise<void>;
}

const UndoContext = createContext<UndoApi>({
  defer: (d) => void d.commit(),
  hidden: new Set(),
  going: new Set(),
  flush: () => Promise.resolve(),
});

export const useUndo = () => useContext(UndoContext);

const union = (s: ReadonlySet<string>, keys: readonly string[]) => new Set([...s, ...keys]);
const minus = (s: ReadonlySet<string>, keys: readonly string[]) => {
  const out = new Set(s);
  for (const k of keys) out.delete(k);
  return out;
};

export function UndoProvider(props: { onCommitted(): void; children: ComponentChildren }) {
  const [pending, setPending] = useState<Pending>();
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const [now, setNow] = useState(Date.now());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const [inFlight, setInFlight] = useState<ReadonlySet<string>>(new Set());
  const current = useRef<Pending | undefined>(undefined);
  const ids = useRef(0);
  const { onCommitted } = props;

  const commit = useCallback((p: Pending): Promise<void> => {
    clearTimeout(p.timer);
    if (current.current?.id === p.id) current.current = undefined;
    setPending((x) => (x?.id === p.id ? undefined : x));
    setInFlight((s) => union(s, p.keys));
    return p.commit().then(
      (text) => setResult({ ok: true, text }),
      (e: unknown) => {
        // Not deleted: it comes back, beside the reason.
        setHidden((s) => minus(s, p.keys));
        setResult({ ok: false, text: e instanceof Error ? e.message : String(e) });
      },
    ).finally(() => {
      setInFlight((s) => minus(s, p.keys));
      onCommitted();
    });
  }, [onCommitted]);

  const flush = useCallback(() => (current.current ? commit(current.current) : Promise.resolve()), [commit]);

  const defer = useCallback((d: Deferred) => {
    // One at a time: a second deletion makes the first one final.
    if (current.current) void commit(current.current);
    const p: Pending = { ...d, id: ++ids.current, until: Date.now() + UNDO_MS, timer: setTimeout(() => void commit(p), UNDO_MS) };
    current.current = p;
    setHidden((s) => union(s, p.keys));
    setResult(undefined);
    setNow(Date.now());
    setPending(p);
  }, [commit]);

  const undo = () => {
    const p = current.current;
    if (!p) return;
    clearTimeout(p.timer);
    current.current = undefined;
    setPending(undefined);
    setHidden((s) => minus(s, p.keys));
    setResult({ ok: true, text: t('undoDone') });
  };

  // The page closing is the shopper moving on: what they deleted is deleted.
  useEffect(() => {
    const leave = () => void flush();
    addEventListener('pagehide', leave);
    return () => removeEventListener('pagehide', leave);
  }, [flush]);

  // The seconds left, for the eye only (a screen reader hears the sentence once).
  useEffect(() => {
    if (!pending) return;
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, [pending]);

  const going = useMemo(() => union(inFlight, pending?.keys ?? []), [inFlight, pending]);
  const api = useMemo(() => ({ defer, hidden, going, flush }), [defer, hidden, going, flush]);

  return (
    <UndoContext.Provider value={api}>
      {props.children}
      <div class="undo-bar" data-testid="undo-bar" role="status" aria-live="polite" hidden={!pending && !result}>
        {pending && (
          <>
            <span>{pending.text}</span>
            <span class="muted" aria-hidden="true">{t('undoSeconds', Math.max(1, Math.ceil((pending.until - now) / 1000)))}</span>
            <button class="primary" onClick={undo}>{t('undo')}</button>
            <button onClick={() => void commit(pending)}>{t('undoNow')}</button>
          </>
        )}
        {!pending && result && (
          <>
            <span class={result.ok ? undefined : 'error'}>{result.text}</span>
            <button aria-label={t('undoDismissLabel')} onClick={() => setResult(undefined)}>{t('undoDismiss')}</button>
          </>
        )}
      </div>
    </UndoContext.Provider>
  );
}
