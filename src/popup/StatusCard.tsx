import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { usePoll } from '../shared/ui-poll.ts';
import { PauseToggle } from '../options/PauseToggle.tsx';
import { EmbeddingProgress } from './EmbeddingProgress.tsx';

export function StatusCard(props: { version: number }) {
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const q = status.state === 'ready' ? status.value.embedding.queue : undefined;
  usePoll(!!q && q.queued.text + q.queued.image + q.running > 0, reload);
  if (status.state === 'loading') return null;
  if (status.state === 'failed') return <p class="error" role="alert">{t('statusFailed', status.error)}</p>;
  const s = status.value;
  return (
    <section class="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('statusHeading')}</h2>
      <dl class="stats">
        <dt>{t('statusShops')}</dt><dd data-testid="status-sites">{s.sites}</dd>
        <dt>{t('statusProducts')}</dt><dd data-testid="status-items">{s.items}</dd>
        <dt>{t('statusInteractions')}</dt><dd data-testid="status-events">{s.events}</dd>
        <dt>{t('statusUnderstood')}</dt><dd data-testid="status-vectors">{t('statusUnderstoodValue', s.vectors, s.items)}</dd>
      </dl>
      <EmbeddingProgress status={s.embedding} items={s.items} />
      <PauseToggle paused={s.paused} label={t('pauseEverywhere')} />
    </section>
  );
}
