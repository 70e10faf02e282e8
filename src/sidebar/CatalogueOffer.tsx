// The sidebar's catalogue offer and progress (issue #14), asked through the frame's own channel:
// the shop is the tab's, never the frame's say. While reading it polls, and tells the frame when
// more products arrived so that the picks are ranked again.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CatalogueStatus } from '../shared/catalogue.ts';
import { CatalogueProgress } from '../shared/CatalogueProgress.tsx';
import { askSidebar } from '../shared/connector.ts';

const POLL_MS = 3000;

export function CatalogueOffer(p: { token: string; shop: string; onMore(): void }) {
  const [status, setStatus] = useState<CatalogueStatus>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const found = useRef(0);
  const ask = (action: 'status' | 'start' | 'stop') => {
    if (action !== 'status') setBusy(true);
    return askSidebar({ type: 'sidebar/catalogue', token: p.token, action })
      .then((s) => {
        setError(undefined);
        if (s.found > found.current) p.onMore();
        found.current = s.found;
        setStatus(s);
      }, (e: unknown) => setError(e instanceof Error ? e.message : String(e)))
      .finally(() => setBusy(false));
  };
  useEffect(() => void ask('status'), [p.token]);
  useEffect(() => {
    if (status?.status !== 'running') return;
    const timer = setInterval(() => void ask('status'), POLL_MS);
    return () => clearInterval(timer);
  }, [status?.status]);
  return <CatalogueProgress shop={p.shop} status={status} busy={busy} error={error} onStart={() => void ask('start')} onStop={() => void ask('stop')} />;
}
