// "Storage is full": shown in the popup and the options page while writes fail for lack of room,
// with what the shopper can do about it.
import type { StorageHealth } from '../shared/storage-health.ts';
import { t } from '../shared/i18n.ts';

const mb = (bytes: number) => String(Math.round(bytes / 1_000_000));

export function StorageAlert(props: { health: StorageHealth | undefined }) {
  const h = props.health;
  if (!h?.fullSince) return null;
  return (
    <section class="card error" role="alert" data-testid="storage-full">
      <h2>{t('storageFullHeading')}</h2>
      <p>{t('storageFullBody', new Date(h.fullSince).toLocaleString())}</p>
      {h.usage !== undefined && h.quota ? <p class="muted">{t('storageFullUsage', mb(h.usage), mb(h.quota))}</p> : null}
    </section>
  );
}
