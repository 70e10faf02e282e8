import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';

/** What went wrong lately (content scripts report here too), so that a failure is never silent. */
export function LogCard(props: { version: number }) {
  const [log] = useLoad(() => ask({ type: 'log/list' }), [props.version]);
  if (log.state !== 'ready' || log.value.length === 0) return null;
  return (
    <section class="card" aria-labelledby="log-heading">
      <h2 id="log-heading">{t('logHeading')}</h2>
      <ul>
        {log.value.slice(0, 20).map((r) => (
          <li key={r.id}>
            <span class="muted">{new Date(r.ts).toLocaleString()} · {r.source}</span> — {r.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
