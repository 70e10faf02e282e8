// Re-runs a load on an interval while `active` says there is something to watch (a backlog).
import { useEffect } from 'preact/hooks';

export function usePoll(active: boolean, reload: () => void, ms = 1000): void {
  useEffect(() => {
    if (!active) return;
    const t = setInterval(reload, ms);
    return () => clearInterval(t);
  }, [active, reload, ms]);
}
