// Download CLIP from a model hub into this browser, on the shopper's click only: the browser asks
// for access to the hub first; the files are checked before Carryover switches to them.
import { useRef, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { downloadToStore, type DownloadProgress } from '../background/model-download.ts';
import { ask } from '../shared/connector.ts';
import { DEFAULT_HOST, DEFAULT_REPO } from '../shared/model-hub.ts';
import type { Dtype } from '../shared/model-index.ts';

const SIZES: Record<string, string> = { q8: 'about 155 MB; runs everywhere', fp16: 'about 305 MB; for a GPU with fp16', fp32: 'about 605 MB; for a GPU without fp16' };
const mb = (b: number) => `${(b / 1e6).toFixed(1)} MB`;

/** Origins the download reads: the hub and the storage hosts it redirects to. */
function originsFor(host: string): string[] {
  const u = new URL(host);
  if (u.hostname === 'huggingface.co') return ['https://huggingface.co/*', 'https://*.huggingface.co/*', 'https://*.hf.co/*'];
  return [`${u.protocol}//${u.hostname}/*`];
}

export function ModelDownload(props: { onDone(): void }) {
  const [dtype, setDtype] = useState<Dtype>('q8');
  const [host, setHost] = useState(DEFAULT_HOST);
  const [repo, setRepo] = useState(DEFAULT_REPO);
  const [progress, setProgress] = useState<DownloadProgress>();
  const [state, setState] = useState<'idle' | 'running' | 'done'>('idle');
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController | undefined>(undefined);

  const start = () => {
    setError(undefined);
    let origins: string[];
    try {
      origins = originsFor(host);
    } catch {
      setError(`"${host}" is not a web address. Use the form https://huggingface.co.`);
      return;
    }
    // The permission prompt needs this click's gesture: nothing may be awaited before it.
    browser.permissions.request({ origins }).then(async (granted) => {
      if (!granted) throw new Error(`You did not allow Carryover to reach ${new URL(host).hostname}, so nothing was downloaded.`);
      abort.current = new AbortController();
      setState('running');
      const model = await downloadToStore({ host, repo, revision: 'main', dtypes: [dtype], signal: abort.current.signal, onProgress: setProgress });
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
      <h3>Download the image model</h3>
      <p class="muted">
        Carryover compares products with CLIP ViT-B/32, which runs inside this browser. The download happens once, only now that
        you ask, from {new URL(host).hostname}; the files are checked, then kept in Carryover's storage on this device.
      </p>
      <fieldset disabled={state === 'running'}>
        <legend>Size</legend>
        {(['q8', 'fp16', 'fp32'] as const).map((d) => (
          <label key={d} class="row">
            <input type="radio" name="dtype" checked={dtype === d} onChange={() => setDtype(d)} /> {d} — {SIZES[d]}
          </label>
        ))}
      </fieldset>
      <details>
        <summary>Where from</summary>
        <p><label>Hub <input value={host} onInput={(e) => setHost(e.currentTarget.value)} disabled={state === 'running'} /></label></p>
        <p><label>Model <input value={repo} onInput={(e) => setRepo(e.currentTarget.value)} disabled={state === 'running'} /></label></p>
      </details>
      <div class="row">
        <button class="primary" onClick={start} disabled={state === 'running'}>Download</button>
        {state === 'running' && <button onClick={() => abort.current?.abort()}>Cancel</button>}
      </div>
      {progress && state === 'running' && (
        <p>
          <label>
            {progress.file}: {mb(progress.done)} of {mb(progress.total)}
            <progress max={progress.total} value={progress.done} aria-label="Model download" />
          </label>
        </p>
      )}
      {state === 'done' && <p role="status">The model is downloaded and checked. Carryover is reading your products with it now.</p>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
