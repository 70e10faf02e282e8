import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { PauseToggle } from '../options/PauseToggle.tsx';

export function StatusCard(props: { version: number }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  if (status.state === 'loading') return null;
  if (status.state === 'failed') return <p class="error" role="alert">Carryover's background is not answering: {status.error}. Reload the extension.</p>;
  const s = status.value;
  return (
    <section class="card" aria-labelledby="status-heading">
      <h2 id="status-heading">Everything Carryover knows</h2>
      <dl class="stats">
        <dt>Shops</dt><dd data-testid="status-sites">{s.sites}</dd>
        <dt>Products</dt><dd data-testid="status-items">{s.items}</dd>
        <dt>Interactions</dt><dd data-testid="status-events">{s.events}</dd>
        <dt>Embedded</dt><dd>{s.vectors} of {s.items}</dd>
      </dl>
      <PauseToggle paused={s.paused} label="Pause everywhere" />
    </section>
  );
}
