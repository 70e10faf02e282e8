// The catalogue offer and its progress, as the sidebar and the popup both show them: "Look through
// <shop>'s catalogue" until the shopper says yes, then "Reading <shop>'s catalogue: 740 of 2,000"
// with Stop. Presentational: each page brings its own way to ask the background.
import type { CatalogueStatus } from './catalogue.ts';
import { t } from './i18n.ts';

export interface CatalogueProgressProps {
  shop: string;
  status: CatalogueStatus | undefined;
  busy: boolean;
  error?: string;
  onStart(): void;
  onStop(): void;
}

const fmt = (n: number) => n.toLocaleString();

export function CatalogueProgress(p: CatalogueProgressProps) {
  const s = p.status;
  if (!s) return null;
  return (
    <div class="catalogue" data-testid="catalogue-progress" data-status={s.status} data-found={s.found}>
      {s.status === 'none' && (
        <>
          <button disabled={p.busy} onClick={p.onStart}>{t('catalogueOffer', p.shop)}</button>
          <p class="muted">{t('catalogueOfferWhy', p.shop, fmt(s.limit))}</p>
        </>
      )}
      {s.status === 'running' && (
        <p role="status">
          {t('catalogueProgress', p.shop, fmt(s.found), fmt(s.limit))}{' '}
          <button disabled={p.busy} aria-label={t('catalogueStopLabel', p.shop)} onClick={p.onStop}>{t('catalogueStop')}</button>
        </p>
      )}
      {s.status === 'done' && <p class="muted">{t('catalogueDone', p.shop, fmt(s.found))}</p>}
      {(s.status === 'stopped' || s.status === 'failed') && (
        <p class="muted">
          {t(s.status === 'stopped' ? 'catalogueStopped' : 'catalogueFailed', p.shop, fmt(s.found))}{' '}
          <button disabled={p.busy} onClick={p.onStart}>{t('catalogueResume')}</button>
        </p>
      )}
      {p.error && <p class="error" role="alert">{t('catalogueError', p.error)}</p>}
    </div>
  );
}
