import { useEffect, useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';

/** "Pause everywhere", shown at once as switched; put back, with the reason, if the background refuses. */
export function PauseToggle(props: { paused: boolean; label: string; onChange?: () => void }) {
  const [paused, setPaused] = useState(props.paused);
  const [error, setError] = useState<string>();
  useEffect(() => setPaused(props.paused), [props.paused]);
  const toggle = (next: boolean) => {
    setPaused(next);
    setError(undefined);
    ask({ type: 'pause/set', paused: next }).then(
      () => props.onChange?.(),
      (e: unknown) => {
        setPaused(!next);
        setError(t(next ? 'pauseFailed' : 'resumeFailed', e instanceof Error ? e.message : String(e)));
      },
    );
  };
  return (
    <p>
      <label>
        <input type="checkbox" checked={paused} onChange={(e) => toggle(e.currentTarget.checked)} /> {props.label}
      </label>
      {error && <span class="error" role="alert"> {error}</span>}
    </p>
  );
}
