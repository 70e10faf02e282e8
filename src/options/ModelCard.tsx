import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';

export function ModelCard() {
  const [probe] = useLoad(() => ask({ type: 'ml/probe' }));
  return (
    <section class="card" aria-labelledby="model-heading">
      <h2 id="model-heading">Model and backend</h2>
      {probe.state === 'loading' && <p class="muted">Checking this device's graphics support…</p>}
      {probe.state === 'failed' && <p class="error" role="alert">Could not start the model runtime: {probe.error}. Reload the extension and try again.</p>}
      {probe.state === 'ready' && (
        <dl class="stats" data-testid="backend">
          <dt>Backend</dt><dd data-testid="backend-name">{probe.value.backend === 'webgpu' ? 'WebGPU' : 'WebAssembly'} ({probe.value.dtype})</dd>
          <dt>Why</dt><dd>{probe.value.reason}</dd>
          <dt>Runs in</dt><dd>{probe.value.context === 'offscreen' ? 'an offscreen document' : 'the background page'}</dd>
        </dl>
      )}
    </section>
  );
}
