import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { shopName } from '../shared/site.ts';
import { useLoad } from '../shared/ui-hooks.ts';

/** The top picks for the shop in this tab, and a way to open the sidebar there. */
export function PicksCard(props: { site: string; tabId: number }) {
  const [picks] = useLoad(() => ask({ type: 'rec/for-site', site: props.site }), [props.site]);
  const [error, setError] = useState<string>();
  const open = () => {
    setError(undefined);
    ask({ type: 'sidebar/open', tabId: props.tabId }).then(
      () => window.close(),
      (e: unknown) => setError(`Could not open the sidebar: ${e instanceof Error ? e.message : String(e)}. Reload the shop's page and try again.`),
    );
  };
  return (
    <section class="card" aria-labelledby="picks-heading">
      <h2 id="picks-heading">Picked for you on {shopName(props.site)}</h2>
      {picks.state === 'loading' && <p class="muted">Ranking…</p>}
      {picks.state === 'failed' && <p class="error" role="alert">Could not rank this shop: {picks.error}</p>}
      {picks.state === 'ready' && picks.value.empty && <p class="muted">{picks.value.empty}</p>}
      {picks.state === 'ready' && picks.value.items.length > 0 && (
        <ol class="picks" data-testid="popup-picks">
          {picks.value.items.map((c) => (
            <li key={c.id}>
              <a href={c.url} target="_blank" rel="noreferrer">{c.title}</a>
              <span class="muted"> · {Math.round(c.match * 100)}% match</span>
            </li>
          ))}
        </ol>
      )}
      <button onClick={open}>Open sidebar</button>
      <span class="muted"> (shortcut: Alt+Shift+Y)</span>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
