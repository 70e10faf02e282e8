// The popup's catalogue offer and progress for the shop in its tab (issue #14).
import { useState } from 'preact/hooks';
import { CatalogueProgress } from '../shared/CatalogueProgress.tsx';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';

/** `shop`: the shop's own name, else one made from its host (as the sidebar names it). */
export function CatalogueCard(props: { site: string; shop: string; origin: string }) {
  const [status, reload] = useLoad(() => ask({ type: 'catalogue/status', site: props.site }), [props.site]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const act = (p: Promise<unknown>) => {
    setBusy(true);
    p.then(() => setError(undefined), (e: unknown) => setError(e instanceof Error ? e.message : String(e))).finally(() => {
      setBusy(false);
      reload();
    });
  };
  return (
    <CatalogueProgress
      shop={props.shop}
      status={status.state === 'ready' ? status.value : undefined}
      busy={busy}
      error={error ?? (status.state === 'failed' ? status.error : undefined)}
      onStart={() => act(ask({ type: 'catalogue/start', site: props.site, origin: props.origin }))}
      onStop={() => act(ask({ type: 'catalogue/stop', site: props.site }))}
    />
  );
}
