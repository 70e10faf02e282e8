import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t, type MessageKey } from '../shared/i18n.ts';

const LABELS: Record<'auto' | 'webgpu' | 'wasm', MessageKey> = { auto: 'backendAuto', webgpu: 'backendWebgpu', wasm: 'backendWasm' };

/** The backend override: for a device whose GPU misbehaves, or to compare speeds. */
export function BackendChoice(props: { value: keyof typeof LABELS; onChange(): void }) {
  const [error, setError] = useState<string>();
  return (
    <p>
      <label>
        {t('backendRunWith')}{' '}
        <select value={props.value} onChange={(e) => {
          setError(undefined);
          ask({ type: 'settings/backend', backend: e.currentTarget.value as keyof typeof LABELS }).then(props.onChange, (err: unknown) => setError(t('backendFailed', err instanceof Error ? err.message : String(err))));
        }}>
          {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((k) => <option key={k} value={k}>{t(LABELS[k])}</option>)}
        </select>
      </label>
      {error && <span class="error" role="alert"> {error}</span>}
    </p>
  );
}
