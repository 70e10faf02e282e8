// The options page's settings for shops' catalogues (issue #14): the default (off until the shopper
// chooses it) and how many products per shop at most.
import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { CATALOGUE_LIMITS, type CatalogueLimit } from '../shared/catalogue.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';

export function CatalogueSettingCard(props: { version: number }) {
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const [error, setError] = useState<string>();
  const ready = status.state === 'ready';
  const on = ready && status.value.catalogueAuto;
  const limit = ready ? status.value.catalogueLimit : undefined;
  const change = (m: { auto?: boolean; limit?: CatalogueLimit }) =>
    ask({ type: 'settings/catalogue', ...m }).then(() => setError(undefined), (err: unknown) => setError(String(err))).finally(reload);
  return (
    <section class="card" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogueSettingsHeading')}</h2>
      <label>
        <input type="checkbox" checked={on} disabled={!ready} onChange={(e) => change({ auto: e.currentTarget.checked })} />{' '}
        {t('catalogueAutoLabel')}
      </label>
      <p class="muted">{t('catalogueAutoHelp')}</p>
      <label>
        {t('catalogueLimitLabel')}{' '}
        <select
          value={limit === undefined ? '' : String(limit)}
          disabled={!ready}
          onChange={(e) => change({ limit: Number(e.currentTarget.value) as CatalogueLimit })}
        >
          {CATALOGUE_LIMITS.map((n) => <option key={n} value={String(n)}>{t('catalogueLimitOption', n.toLocaleString())}</option>)}
        </select>
      </label>
      <p class="muted">{t('catalogueLimitHelp')}</p>
      {error && <p class="error" role="alert">{t('catalogueError', error)}</p>}
    </section>
  );
}
