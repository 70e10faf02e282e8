// The options page's default for shops' catalogues (issue #14): off until the shopper chooses it.
import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';

export function CatalogueSettingCard(props: { version: number }) {
  const [status, reload] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  const [error, setError] = useState<string>();
  const on = status.state === 'ready' && status.value.catalogueAuto;
  return (
    <section class="card" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">{t('catalogueSettingsHeading')}</h2>
      <label>
        <input
          type="checkbox"
          checked={on}
          disabled={status.state !== 'ready'}
          onChange={(e) => ask({ type: 'settings/catalogue', auto: e.currentTarget.checked }).then(() => setError(undefined), (err: unknown) => setError(String(err))).finally(reload)}
        />{' '}
        {t('catalogueAutoLabel')}
      </label>
      <p class="muted">{t('catalogueAutoHelp')}</p>
      {error && <p class="error" role="alert">{t('catalogueError', error)}</p>}
    </section>
  );
}
