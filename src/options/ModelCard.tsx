import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { say } from '../shared/phrase.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { usePoll } from '../shared/ui-poll.ts';
import { EmbeddingProgress } from '../popup/EmbeddingProgress.tsx';
import { BackendChoice } from './BackendChoice.tsx';
import { ModelDownload } from './ModelDownload.tsx';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(bytes < 1e7 ? 2 : 0)} MB`;

/** `version` changes with every change made elsewhere in the page (a wipe, an import): the counters
 * here are read again then, not left saying what was true before. */
export function ModelCard(props: { version?: number }) {
  const [probe] = useLoad(() => ask({ type: 'ml/probe' }));
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const s = status.state === 'ready' ? status.value : undefined;
  const q = s?.embedding.queue;
  usePoll(!!q && q.queued.text + q.queued.image + q.running > 0, reload);
  const model = s?.embedding.model;
  const last = s?.embedding.backend;
  return (
    <section class="card" aria-labelledby="model-heading">
      <h2 id="model-heading">{t('modelHeading')}</h2>
      {s && (
        <dl class="stats" data-testid="model">
          <dt>{t('modelModel')}</dt>
          <dd data-testid="model-name">
            {model ? t('modelDescribed', model.name, t(model.source === 'bundled' ? 'modelBundled' : 'modelDownloaded'), mb(model.bytes), model.dtypes.join(' / ')) : t('modelNone')}
          </dd>
          {model?.testModel && <><dt>{t('modelNote')}</dt><dd>{t('modelTestNote')}</dd></>}
          {last && last.modelId === model?.id && (
            <><dt>{t('modelLastRun')}</dt><dd>{t('modelLoadedIn', last.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly', last.dtype, Math.round(last.loadMs))}</dd></>
          )}
          {last?.batch && last.modelId === model?.id && (
            <><dt>{t('modelSpeed')}</dt><dd data-testid="model-speed">
              {t(last.batch.images ? 'modelBatchPhotos' : 'modelBatchTitles', last.batch.images || last.batch.texts, Math.round(last.batch.ms), (last.batch.ms / Math.max(1, last.batch.images + last.batch.texts)).toFixed(1))}
            </dd></>
          )}
          {last?.adapter && (
            <><dt>{t('modelAdapter')}</dt><dd data-testid="model-adapter">
              {[last.adapter.vendor, last.adapter.architecture, last.adapter.description].filter(Boolean).join(' ') || t('modelAdapterUnnamed')}
              {last.adapter.isFallbackAdapter ? t('modelAdapterFallback') : ''}{t(last.adapter.shaderF16 ? 'modelShaderF16' : 'modelNoShaderF16')}
            </dd></>
          )}
        </dl>
      )}
      {probe.state === 'loading' && <p class="muted">{t('modelChecking')}</p>}
      {probe.state === 'failed' && <p class="error" role="alert">{t('modelRuntimeFailed', probe.error)}</p>}
      {probe.state === 'ready' && (
        <dl class="stats" data-testid="backend">
          <dt>{t('modelBackend')}</dt><dd data-testid="backend-name">{probe.value.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'} ({probe.value.dtype})</dd>
          <dt>{t('modelWhy')}</dt><dd data-testid="backend-why">{say(probe.value.why)}</dd>
          <dt>{t('modelRunsIn')}</dt><dd>{t(probe.value.context === 'offscreen' ? 'modelOffscreen' : 'modelBackgroundPage')}</dd>
          {probe.value.backend === 'wasm' && (
            <><dt>{t('modelThreads')}</dt><dd data-testid="backend-threads">{probe.value.threads.isolated
              ? t('threadsIsolated', probe.value.threads.count, probe.value.threads.cores)
              : t(probe.value.context === 'background' ? 'threadsOneBackgroundPage' : 'threadsOneNotIsolated')}</dd></>
          )}
        </dl>
      )}
      {s && <EmbeddingProgress status={s.embedding} items={s.items} paused={s.paused} />}
      {s && <BackendChoice value={s.embedding.override} onChange={reload} />}
      {s && (!model || model.testModel) && <ModelDownload onDone={reload} />}
    </section>
  );
}
