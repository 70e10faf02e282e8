import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { sidebarShortcut } from './shortcut.ts';

/** The top picks for the shop in this tab, and a way to open the sidebar there (or to undo the
 * sidebar's "Not on this shop"). `shop`: the shop's own name ("Maple & Pine"), else one made from its host. */
export function PicksCard(props: { site: string; shop: string; tabId: number; sidebarOff?: boolean; onChange?: () => void }) {
  const [picks] = useLoad(() => ask({ type: 'rec/for-site', site: props.site }), [props.site]);
  const [error, setError] = useState<string>();
  const [shortcut] = useLoad(sidebarShortcut, []);
  const open = () => {
    setError(undefined);
    ask({ type: 'sidebar/open', tabId: props.tabId }).then(
      () => window.close(),
      (e: unknown) => setError(t('picksOpenFailed', e instanceof Error ? e.message : String(e))),
    );
  };
  const turnOn = () => {
    setError(undefined);
    ask({ type: 'site/sidebar-on', site: props.site })
      .then(() => {
        props.onChange?.();
        return ask({ type: 'sidebar/open', tabId: props.tabId });
      })
      .then(
        () => window.close(),
        (e: unknown) => setError(t('picksOpenFailed', e instanceof Error ? e.message : String(e))),
      );
  };
  return (
    <section class="card" aria-labelledby="picks-heading">
      <h2 id="picks-heading">{t('picksHeading', props.shop)}</h2>
      {picks.state === 'loading' && <p class="muted">{t('picksRanking')}</p>}
      {picks.state === 'failed' && <p class="error" role="alert">{t('picksFailed', picks.error)}</p>}
      {picks.state === 'ready' && picks.value.empty && <p class="muted">{picks.value.empty}</p>}
      {picks.state === 'ready' && picks.value.items.length > 0 && (
        <p class="muted">{t('picksLegend')}</p>
      )}
      {picks.state === 'ready' && picks.value.items.length > 0 && (
        <ol class="picks" data-testid="popup-picks">
          {picks.value.items.map((c) => (
            <li key={c.id}>
              <a href={safeUrl(c.url)} target="_blank" rel="noreferrer">{c.title}</a>
              <span class="muted"> · {t('picksMatch', Math.round(c.match * 100))}</span>
            </li>
          ))}
        </ol>
      )}
      {props.sidebarOff ? (
        <>
          <p data-testid="sidebar-off">{t('picksSidebarOff')}</p>
          <button class="primary" onClick={turnOn}>{t('picksSidebarOn')}</button>
        </>
      ) : (
        <button onClick={open}>{t('picksOpenSidebar')}</button>
      )}
      {shortcut.state === 'ready' && <span class="muted"> {shortcut.value ? t('picksShortcut', shortcut.value) : t('picksNoShortcut')}</span>}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
