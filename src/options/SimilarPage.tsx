// The results of "Find similar in my shops": the photo asked about, and the products Carryover keeps
// that look most like it, from every shop you allowed.
import { ask } from '../shared/connector.ts';
import { formatPrice } from '../shared/format.ts';
import { t } from '../shared/i18n.ts';
import { isHttpUrl } from '../shared/site.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { safeThumb, safeUrl } from '../shared/safe-url.ts';
import { Shop } from './shop-label.tsx';
import { useShopNames } from './use-shop-names.ts';

export function Similar() {
  const src = new URLSearchParams(location.search).get('src') ?? '';
  const names = useShopNames(0);
  const [res] = useLoad(() => (isHttpUrl(src) ? ask({ type: 'similar/image', url: src }) : Promise.reject(new Error(t('similarNeedsImage')))));
  return (
    <main>
      <header>
        <img src="/icons/128.png" alt="" width={48} height={48} />
        <h1>{t('similarTitle')}</h1>
      </header>
      <section class="card" aria-labelledby="query-heading">
        <h2 id="query-heading">{t('similarAsked')}</h2>
        {safeUrl(src) && <img src={safeUrl(src)} alt={t('similarPhotoAlt')} width={160} height={160} class="query" />}
      </section>
      <section class="card" aria-labelledby="results-heading">
        <h2 id="results-heading">{t('similarHeading')}</h2>
        {res.state === 'loading' && <p class="muted">{t('similarComparing')}</p>}
        {res.state === 'failed' && <p class="error" role="alert">{t('similarFailed', res.error)}</p>}
        {res.state === 'ready' && !res.value.length && <p class="muted">{t('similarNothing')}</p>}
        {res.state === 'ready' && res.value.length > 0 && (
          <ol class="similar" data-testid="similar-results">
            {res.value.map((r) => (
              <li key={r.id} data-item-id={r.id}>
                {safeThumb(r.thumb) ? <img src={safeThumb(r.thumb)} alt="" width={64} height={64} /> : <span class="thumb" />}
                <a href={safeUrl(r.url)} target="_blank" rel="noreferrer">{r.title}</a>
                <span class="muted"> · <Shop site={r.site} names={names} />{r.price !== undefined ? ` · ${formatPrice(r.price, r.currency)}` : ''} · {t('similarAlike', Math.round(r.similarity * 100))}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
