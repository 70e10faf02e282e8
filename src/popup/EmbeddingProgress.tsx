import type { EmbeddingStatus } from '../background/embedding.ts';

const backendName = (b: string) => (b === 'webgpu' ? 'WebGPU' : 'WebAssembly');

/** The embedding backlog as a progress bar, its rate, the backend and why, and what failed. */
export function EmbeddingProgress(props: { status: EmbeddingStatus; items: number }) {
  const { model, queue, backend } = props.status;
  if (!model) {
    return (
      <p class="muted" data-testid="embedding-progress">
        No image model yet, so products are kept but not compared. Open Settings to download the model.
      </p>
    );
  }
  const waiting = queue.queued.text + queue.queued.image + queue.running;
  const total = waiting + queue.done + queue.failed;
  return (
    <div data-testid="embedding-progress">
      <p>
        <label>
          {waiting ? `Learning what ${waiting === 1 ? 'one product looks' : `${Math.ceil(waiting / 2)} products look`} like…` : 'Every product seen is understood.'}
          <progress max={Math.max(total, 1)} value={total ? queue.done + queue.failed : 1} aria-label="Products understood" />
        </label>
      </p>
      <p class="muted">
        {queue.done} of {total} steps done{queue.perMinute ? `, ${queue.perMinute} in the last minute` : ''}
        {backend?.modelId === model.id ? ` · ${backendName(backend.backend)} (${backend.dtype})` : ''}
        {model.testModel ? ' · test model: recommendations are only meaningful with the real CLIP model' : ''}
      </p>
      {queue.failed > 0 && (
        <p class="error" role="status">
          {queue.failed} could not be read{queue.recentErrors[0] ? `: ${queue.recentErrors[0].error}` : ''}. They are kept without a picture match.
        </p>
      )}
    </div>
  );
}
