import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';

const LABELS = { auto: 'Automatic (WebGPU when this device has it, else WebAssembly)', webgpu: 'WebGPU only', wasm: 'WebAssembly only' } as const;

/** The backend override: for a device whose GPU misbehaves, or to compare speeds. */
export function BackendChoice(props: { value: keyof typeof LABELS; onChange(): void }) {
  const [error, setError] = useState<string>();
  return (
    <p>
      <label>
        Run the model with{' '}
        <select value={props.value} onChange={(e) => {
          setError(undefined);
          ask({ type: 'settings/backend', backend: e.currentTarget.value as keyof typeof LABELS }).then(props.onChange, (err: unknown) => setError(`Could not change the backend: ${err instanceof Error ? err.message : String(err)}`));
        }}>
          {(Object.keys(LABELS) as (keyof typeof LABELS)[]).map((k) => <option key={k} value={k}>{LABELS[k]}</option>)}
        </select>
      </label>
      {error && <span class="error" role="alert"> {error}</span>}
    </p>
  );
}
