import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { usePoll } from '../shared/ui-poll.ts';
import { EmbeddingProgress } from '../popup/EmbeddingProgress.tsx';
import { BackendChoice } from './BackendChoice.tsx';
import { ModelDownload } from './ModelDownload.tsx';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;

export function ModelCard() {
  const [probe] = useLoad(() => ask({ type: 'ml/probe' }));
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }));
  const s = status.state === 'ready' ? status.value : undefined;
  const q = s?.embedding.queue;
  usePoll(!!q && q.queued.text + q.queued.image + q.running > 0, reload);
  const model = s?.embedding.model;
  const last = s?.embedding.backend;
  return (
    <section class="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Model and backend</h2>
      {s && (
        <dl class="stats" data-testid="model">
          <dt>Model</dt>
          <dd data-testid="model-name">
            {model ? `${model.name} (${model.source === 'bundled' ? 'bundled with Carryover' : 'downloaded'}, ${mb(model.bytes)}, ${model.dtypes.join(' / ')})` : 'none yet'}
          </dd>
          {model?.testModel && <><dt>Note</dt><dd>This is Carryover's small test model, not CLIP: its recommendations only show that the machinery works.</dd></>}
          {last && last.modelId === model?.id && (
            <><dt>Last run</dt><dd>{last.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'} ({last.dtype}), loaded in {Math.round(last.loadMs)} ms</dd></>
          )}
          {last?.batch && last.modelId === model?.id && (
            <><dt>Speed</dt><dd data-testid="model-speed">
              last batch: {last.batch.images ? `${last.batch.images} photos` : `${last.batch.texts} titles`} in {Math.round(last.batch.ms)} ms
              ({(last.batch.ms / Math.max(1, last.batch.images + last.batch.texts)).toFixed(1)} ms per item)
            </dd></>
          )}
          {last?.adapter && (
            <><dt>GPU adapter</dt><dd data-testid="model-adapter">
              {[last.adapter.vendor, last.adapter.architecture, last.adapter.description].filter(Boolean).join(' ') || 'unnamed'}
              {last.adapter.isFallbackAdapter ? ' (software fallback)' : ''}{last.adapter.shaderF16 ? ', shader-f16' : ', no shader-f16'}
            </dd></>
          )}
        </dl>
      )}
      {probe.state === 'loading' && <p class="muted">Checking this device's graphics support…</p>}
      {probe.state === 'failed' && <p class="error" role="alert">Could not start the model runtime: {probe.error}. Reload the extension and try again.</p>}
      {probe.state === 'ready' && (
        <dl class="stats" data-testid="backend">
          <dt>Backend</dt><dd data-testid="backend-name">{probe.value.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'} ({probe.value.dtype})</dd>
          <dt>Why</dt><dd>{probe.value.reason}</dd>
          <dt>Runs in</dt><dd>{probe.value.context === 'offscreen' ? 'an offscreen document' : 'the background page'}</dd>
        </dl>
      )}
      {s && <EmbeddingProgress status={s.embedding} items={s.items} />}
      {s && <BackendChoice value={s.embedding.override} onChange={reload} />}
      {s && (!model || model.testModel) && <ModelDownload onDone={reload} />}
    </section>
  );
}
