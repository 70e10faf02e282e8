// Download CLIP from a model hub into this browser, on the shopper's click only: the browser asks
// for access to the hub first; the files are checked before Carryover switches to them.
import { useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { downloadToStore, type DownloadProgress } from '../background/model-download.ts';
import { ask } from '../shared/connector.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { DEFAULT_HOST, DEFAULT_REPO, hubOrigins } from '../shared/model-hub.ts';
import type { Dtype } from '../shared/model-index.ts';

const SIZES: Record<Dtype, MessageKey> = { q8: 'dlSizeQ8', fp16: 'dlSizeFp16', fp32: 'dlSizeFp32' };

/** The host name of what the shopper typed, or what they typed while it is not an address yet. */
function hostName(host: string): string {
  try {
    return new URL(host).hostname;
  } catch {
    return host;
  }
}
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** Time left at the rate since the bytes started to come; none until a second of it is known. */
export function secondsLeft(p: DownloadProgress, began: { at: number; done: number } | undefined, now: number): number | undefined {
  if (!began || now - began.at < 1000 || p.done <= began.done) return undefined;
  const perSecond = (p.done - began.done) / ((now - began.at) / 1000);
  return (p.total - p.done) / perSecond;
}

export function ModelDownload(props: { onDone(): void }) {
  const [dtype, setDtype] = useState<Dtype>('q8');
  const [host, setHost] = useState(DEFAULT_HOST);
  const [repo, setRepo] = useState(DEFAULT_REPO);
  const [progress, setProgress] = useState<DownloadProgress>();
  const [state, setState] = useState<'idle' | 'running' | 'done'>('idle');
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);
  /** When the bytes started to come, and how many were already there (kept from a broken download). */
  const began = useRef<{ at: number; done: number } | undefined>(undefined);

  const start = () => {
    setError(undefined);
    let origins: string[];
    try {
      origins = hubOrigins(host);
    } catch {
      setError(t('dlBadHost', host));
      return;
    }
    // The permission prompt needs this click's gesture: nothing may be awaited before it.
    browser.permissions.request({ origins }).then(async (granted) => {
      if (!granted) throw new Error(t('dlRefused', hostName(host)));
      abort.current = new AbortController();
      setState('running');
      began.current = undefined;
      const onProgress = (p: DownloadProgress) => {
        began.current ??= { at: Date.now(), done: p.done };
        setProgress(p);
      };
      const model = await downloadToStore({ host, repo, revision: 'main', dtypes: [dtype], signal: abort.current.signal, onProgress });
      await ask({ type: 'model/adopt', model });
      setState('done');
      props.onDone();
    }).catch((e: unknown) => {
      setState('idle');
      setError(e instanceof Error ? e.message : String(e));
    });
  };

  return (
    <div data-testid="model-download">
      <h3>{t('dlHeading')}</h3>
      <p class="muted">
        {t('dlExplainer', hostName(host))}
      </p>
      <fieldset disabled={state === 'running'}>
        <legend>{t('dlSize')}</legend>
        {(['q8', 'fp16', 'fp32'] as const).map((d) => (
          <label key={d} class="row">
            <input type="radio" name="dtype" checked={dtype === d} onChange={() => setDtype(d)} /> {d} — {t(SIZES[d])}
          </label>
        ))}
      </fieldset>
      <details>
        <summary>{t('dlWhereFrom')}</summary>
        <p><label>{t('dlHub')} <input value={host} onInput={(e) => setHost(e.currentTarget.value)} disabled={state === 'running'} /></label></p>
        <p><label>{t('dlModel')} <input value={repo} onInput={(e) => setRepo(e.currentTarget.value)} disabled={state === 'running'} /></label></p>
      </details>
      <div class="row">
        <button class="primary" onClick={start} disabled={state === 'running'}>{t('dlDownload')}</button>
        {state === 'running' && <button onClick={() => abort.current?.abort()}>{t('dlCancel')}</button>}
      </div>
      {progress && state === 'running' && (
        // One bar for the whole model (every file's bytes), its size and the time left at the rate so far.
        <p role="status">
          <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t('dlProgressLabel')} />{' '}
          {t('dlProgress', mb(progress.done), mb(progress.total))}
          {(() => {
            const left = secondsLeft(progress, began.current, Date.now());
            return left === undefined ? null : ` · ${left < 60 ? t('dlLeftSeconds', Math.max(1, Math.round(left))) : t('dlLeftMinutes', Math.ceil(left / 60))}`;
          })()}
        </p>
      )}
      {state === 'done' && <p role="status">{t('dlDone')}</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
