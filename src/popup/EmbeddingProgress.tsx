import type { EmbeddingStatus } from '../background/embedding.ts';
import { t } from '../shared/i18n.ts';

const backendName = (b: string) => (b === 'webgpu' ? 'WebGPU' : 'WebAssembly');

/** The embedding backlog as a progress bar, its rate, the backend and why, and what failed. */
export function EmbeddingProgress(props: { status: EmbeddingStatus; items: number }) {
  const { model, queue, backend } = props.status;
  if (!model) {
    return (
      <p class="muted" data-testid="embedding-progress">
        {t('progressNoModel')}
      </p>
    );
  }
  const waiting = queue.queued.text + queue.queued.image + queue.running;
  const total = waiting + queue.done + queue.failed;
  return (
    <div data-testid="embedding-progress">
      <p>
        <label>
          {waiting ? (waiting === 1 ? t('progressLearningOne') : t('progressLearningMany', Math.ceil(waiting / 2))) : t('progressAllDone')}
          <progress max={Math.max(total, 1)} value={total ? queue.done + queue.failed : 1} aria-label={t('progressLabel')} />
        </label>
      </p>
      <p class="muted">
        {t('progressSteps', queue.done, total)}{queue.perMinute ? t('progressRate', queue.perMinute) : ''}
        {backend?.modelId === model.id ? ` · ${backendName(backend.backend)} (${backend.dtype})` : ''}
        {model.testModel ? t('progressTestModel') : ''}
      </p>
      {queue.failed > 0 && (
        <p class="error" role="status">
          {queue.recentErrors[0] ? t('progressFailedWhy', queue.failed, queue.recentErrors[0].error) : t('progressFailed', queue.failed)}
        </p>
      )}
    </div>
  );
}
