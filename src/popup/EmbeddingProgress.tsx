import type { EmbeddingStatus } from '../background/embedding.ts';
import { t, tn } from '../shared/i18n.ts';
import { understanding } from './understanding.ts';

const backendName = (b: string) => (b === 'webgpu' ? 'WebGPU' : 'WebAssembly');

/** Where Carryover is with understanding what it has seen, in one plain sentence that holds at every
 * moment (paused, working, done, some unreadable), a bar only while there is work, and the time left. */
export function EmbeddingProgress(props: { status: EmbeddingStatus; items: number; paused?: boolean }) {
  const { model, queue, backend } = props.status;
  const u = understanding(props.status, props.items, props.paused ?? false);
  return (
    <div data-testid="embedding-progress">
      <p role="status" data-state={u.kind}>
        {u.kind === 'no-model' && t('progressNoModel')}
        {u.kind === 'paused' && (u.waiting ? tn('progressPausedWaiting', u.waiting) : t('progressPaused'))}
        {u.kind === 'working' && (u.waiting === 1 ? t('progressLearningOne') : t('progressLearningMany', u.waiting))}
        {u.kind === 'done' && (props.items ? tn('progressAllDone', props.items) : t('progressNothingYet'))}
      </p>
      {u.kind === 'working' && (
        <p>
          <progress max={u.total} value={u.finished} aria-label={t('progressLabel')} />
          {u.minutesLeft !== undefined && <span class="muted"> {u.minutesLeft <= 1 ? t('progressLeftMinute') : t('progressLeftMinutes', u.minutesLeft)}</span>}
        </p>
      )}
      {model && (backend?.modelId === model.id || model.testModel) && (
        <p class="muted">
          {backend?.modelId === model.id ? t('progressRunsOn', backendName(backend.backend)) : ''}
          {model.testModel ? t('progressTestModel') : ''}
        </p>
      )}
      {queue.failed > 0 && (
        <p class="error" role="status">
          {queue.recentErrors[0] ? tn('progressFailedWhy', queue.failed, queue.recentErrors[0].error) : tn('progressFailed', queue.failed)}
        </p>
      )}
    </div>
  );
}
