import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { usePoll } from '../shared/ui-poll.ts';
import { PauseToggle } from '../options/PauseToggle.tsx';
import { EmbeddingProgress } from './EmbeddingProgress.tsx';

/** How often the open popup re-reads what Carryover keeps: a page read in another tab, a photo
 * understood, shows while the popup is open. */
const LIVE_MS = 2000;

export function StatusCard(props: { version: number }) {
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const q = status.state === 'ready' ? status.value.embedding.queue : undefined;
  usePoll(true, reload, !!q && q.queued.text + q.queued.image + q.running > 0 ? 1000 : LIVE_MS);
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
      </dl>
      <EmbeddingProgress status={s.embedding} items={s.items} paused={s.paused} />
      <PauseToggle paused={s.paused} label={t('pauseEverywhere')} />
    </section>
  );
}
