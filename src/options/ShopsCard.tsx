import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t, tn } from '../shared/i18n.ts';
import { grantSite } from '../popup/consent-actions.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { PauseToggle } from './PauseToggle.tsx';
import { Confirm } from './Confirm.tsx';
import { useUndo } from './Undo.tsx';
import { namesOf, NO_NAMES, Shop, shopText } from './shop-label.tsx';

export function ShopsCard(props: { version: number; onChange: () => void }) {
  const [sites, reload] = useLoad(() => ask({ type: 'sites/list' }), [props.version]);
  const [status, reloadStatus] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const [error, setError] = useState<string>();
  const undo = useUndo();
  const names = sites.state === 'ready' ? namesOf(sites.value) : NO_NAMES;
  // A shop's data goes a few seconds after the yes, with an Undo; the page's version reloads this then.
  const deleteData = (site: string) => {
    const shop = shopText(site, names);
    undo.defer({
      text: t('undoDeletingShop', shop),
      keys: [`site:${site}`],
      commit: () => ask({ type: 'site/delete-data', site }).then(
        (r) => t('shopsDeleted', shop, tn('nProducts', r.items), tn('nInteractions', r.events)),
        (e: unknown) => { throw new Error(t('shopsDeleteFailed', shop, e instanceof Error ? e.message : String(e))); },
      ),
    });
  };
  const act = (p: Promise<unknown>) =>
    p.then(
      () => {
        reload();
        reloadStatus();
        props.onChange();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  return (
    <section class="card" aria-labelledby="shops-heading">
      <h2 id="shops-heading">{t('shopsHeading')}</h2>
      {status.state === 'ready' && (
        <PauseToggle paused={status.value.paused} label={t('pauseEverywhereLong')} />
      )}
      {sites.state === 'failed' && <p class="error" role="alert">{sites.error}</p>}
      {sites.state === 'ready' && sites.value.length === 0 && (
        <p class="muted">{t('shopsNone')}</p>
      )}
      {sites.state === 'ready' && sites.value.length > 0 && (
        <table>
          <thead>
            <tr><th>{t('shopsColShop')}</th><th>{t('shopsColConsent')}</th><th>{t('shopsColHeld')}</th><th><span class="muted">{t('shopsColActions')}</span></th></tr>
          </thead>
          <tbody>
            {sites.value.map((s) => (
              <tr key={s.site} data-site={s.site}>
                <td class="shop-cell">
                  <Shop site={s.site} names={names} />
                  {s.imageHosts.length > 0 && <div class="muted">{t('shopsImagesFrom', s.imageHosts.join(', '))}</div>}
                </td>
                <td>{s.granted ? t('shopsSince', new Date(s.grantedAt ?? 0).toLocaleDateString()) : t('shopsRevoked', s.revokedAt ? new Date(s.revokedAt).toLocaleDateString() : '')}</td>
                <td>{undo.going.has(`site:${s.site}`) ? t('shopsHeldDeleting') : t('shopsHeld', tn('nProducts', s.items), tn('nInteractions', s.events))}</td>
                <td><div class="row">
                  {s.granted ? (
                    <button onClick={() => act(ask({ type: 'consent/revoke', site: s.site, deleteData: false }))}>{t('shopsStop')}</button>
                  ) : (
                    // The browser's prompt needs this click: grantSite asks for the permission first thing.
                    <button onClick={() => act(grantSite(s.site, s.imageHosts))}>{t('shopsLearnAgain')}</button>
                  )}
                  {!undo.going.has(`site:${s.site}`) && <Confirm danger label={t('shopsDeleteData')} question={t('shopsDeleteConfirm', shopText(s.site, names))} yes={t('shopsDeleteYes')} onYes={() => deleteData(s.site)} />}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
