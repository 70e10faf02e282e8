import { useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { ask } from '../shared/connector.ts';
import { t, tn } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { grantSite } from './consent-actions.ts';

/** What allowing this shop brings: picks here from the shops the shopper already has a taste on. */
function Benefit(props: { site: string; name: string }) {
  const [sites] = useLoad(() => ask({ type: 'sites/list' }), [props.site]);
  if (sites.state !== 'ready') return null;
  const others = sites.value.filter((s) => s.site !== props.site && s.events > 0).map((s) => s.name);
  const list = new Intl.ListFormat(browser.i18n.getUILanguage(), { type: 'conjunction' }).format(others.slice(0, 3));
  return <p class="benefit" data-testid="site-benefit">{others.length ? t('siteBenefit', list, props.name) : t('siteBenefitFirst', props.name)}</p>;
}

export function SiteCard(props: { site: string; pageName?: string; imageHosts: string[]; onChange: () => void }) {
  const { site, imageHosts } = props;
  const [state, reload] = useLoad(() => ask({ type: 'site/get', site }), [site]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [deleteData, setDeleteData] = useState(false);

  const done = (p: Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    p.then(
      () => {
        reload();
        props.onChange();
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    ).finally(() => setBusy(false));
  };

  if (state.state === 'loading') return <section class="card"><p class="muted">…</p></section>;
  if (state.state === 'failed') return <section class="card"><p class="error" role="alert">{state.error}</p></section>;
  const s = state.value;
  // The name the page gives itself now; else the one it gave when allowed; else from its host.
  const name = props.pageName ?? s.name;
  return (
    <section class="card" aria-labelledby="site-heading">
      <h2 id="site-heading">{t('siteHeading')} <span class="site">{name}</span></h2>
      {s.granted ? (
        <>
          <p>{s.grantedAt ? t('siteLearningSince', new Date(s.grantedAt).toLocaleDateString()) : t('siteLearning')}</p>
          <p data-testid="site-items">{t('siteHeld', tn('nProducts', s.items), tn('nInteractions', s.events))}</p>
          <p>
            <label>
              <input type="checkbox" checked={deleteData} onChange={(e) => setDeleteData(e.currentTarget.checked)} /> {t('siteAlsoDelete')}
            </label>
          </p>
          <div class="row">
            <button class="danger" disabled={busy} onClick={() => done(ask({ type: 'consent/revoke', site, deleteData }))}>
              {t('siteStop', name)}
            </button>
          </div>
        </>
      ) : (
        <>
          {/* Said from the stores, not from the consent record: a shop stopped without deleting still has its data. */}
          {s.items || s.events ? (
            <>
              <p data-testid="site-kept">{t('siteNotReadingKept', tn('nProducts', s.items), tn('nInteractions', s.events))}</p>
              <div class="row">
                <button disabled={busy} onClick={() => done(ask({ type: 'site/delete-data', site }))}>{t('siteDeleteKept')}</button>
              </div>
            </>
          ) : (
            <p data-testid="site-kept">{t('siteNotReading')}</p>
          )}
          <Benefit site={site} name={name} />
          <button class="primary" disabled={busy} onClick={() => done(grantSite(site, imageHosts, props.pageName))}>
            {t('siteLearnFrom', name)}
          </button>
          <p class="muted">
            {imageHosts.length ? t('sitePromptExplainerImages', site, imageHosts.join(', ')) : t('sitePromptExplainer', site)}
          </p>
        </>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
