import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { grantSite } from './consent-actions.ts';

export function SiteCard(props: { site: string; imageHosts: string[]; onChange: () => void }) {
  const { site, imageHosts } = props;
  const [state, reload] = useLoad(() => ask({ type: 'site/get', site }), [site]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [deleteData, setDeleteData] = useState(false);

  const done = (p: Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    p.then(
      () => {
        reload();
        props.onChange();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    ).finally(() => setBusy(false));
  };

  if (state.state === 'loading') return <section class="card"><p class="muted">…</p></section>;
  if (state.state === 'failed') return <section class="card"><p class="error" role="alert">{state.error}</p></section>;
  const s = state.value;
  return (
    <section class="card" aria-labelledby="site-heading">
      <h2 id="site-heading">This shop: <span class="site">{site}</span></h2>
      {s.granted ? (
        <>
          <p>Carryover is learning from this shop{s.grantedAt ? ` since ${new Date(s.grantedAt).toLocaleDateString()}` : ''}.</p>
          <p data-testid="site-items">{s.items} products seen here, {s.events} interactions.</p>
          <div class="row">
            <button class="danger" disabled={busy} onClick={() => done(ask({ type: 'consent/revoke', site, deleteData }))}>
              Stop learning from {site}
            </button>
          </div>
          <p>
            <label>
              <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.currentTarget.checked)} /> Also delete what
              Carryover learned here
            </label>
          </p>
        </>
      ) : (
        <>
          <p>Carryover is not reading this shop. Nothing from it is stored.</p>
          <button class="primary" disabled={busy} onClick={() => done(grantSite(site, imageHosts))}>
            Learn from {site}
          </button>
          <p class="muted">
            Your browser will ask to let Carryover read pages on {site}
            {imageHosts.length ? ` and load its product images from ${imageHosts.join(', ')}` : ''}. What it reads stays on this device.
          </p>
        </>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
