import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { PauseToggle } from './PauseToggle.tsx';

export function ShopsCard(props: { version: number; onChange: () => void }) {
  const [sites, reload] = useLoad(() => ask({ type: 'sites/list' }), [props.version]);
  const [status, reloadStatus] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const [error, setError] = useState<string>();
  const act = (p: Promise<unknown>) =>
    p.then(
      () => {
        reload();
        reloadStatus();
        props.onChange();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <section class="card" aria-labelledby="shops-heading">
      <h2 id="shops-heading">Shops Carryover learns from</h2>
      {status.state === 'ready' && (
        <PauseToggle paused={status.value.paused} label="Pause everywhere (nothing is read on any shop while this is on)" />
      )}
      {sites.state === 'failed' && <p class="error" role="alert">{sites.error}</p>}
      {sites.state === 'ready' && sites.value.length === 0 && (
        <p class="muted">No shops yet. On a shop's page, click Carryover's button and choose "Learn from" that shop.</p>
      )}
      {sites.state === 'ready' && sites.value.length > 0 && (
        <table>
          <thead>
            <tr><th>Shop</th><th>Consent</th><th>Held</th><th><span class="muted">Actions</span></th></tr>
          </thead>
          <tbody>
            {sites.value.map((s) => (
              <tr key={s.site} data-site={s.site}>
                <td>
                  {s.site}
                  {s.imageHosts.length > 0 && <div class="muted">images from {s.imageHosts.join(', ')}</div>}
                </td>
                <td>{s.granted ? `since ${new Date(s.grantedAt ?? 0).toLocaleDateString()}` : `revoked ${s.revokedAt ? new Date(s.revokedAt).toLocaleDateString() : ''}`}</td>
                <td>{s.items} products, {s.events} interactions</td>
                <td><div class="row">
                  {s.granted && (
                    <button onClick={() => act(ask({ type: 'consent/revoke', site: s.site, deleteData: false }))}>Stop learning</button>
                  )}
                  <button
                    class="danger"
                    onClick={() => confirm(`Delete everything Carryover holds from ${s.site}?`) && act(ask({ type: 'site/delete-data', site: s.site }))}
                  >
                    Delete this shop's data
                  </button>
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
