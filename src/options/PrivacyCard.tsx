// The privacy text. It must stay true to the code: docs/privacy.md says the same at more length.
import { t, type MessageKey } from '../shared/i18n.ts';

const PARAGRAPHS: MessageKey[] = ['privacyConsent', 'privacyKept', 'privacyModel', 'privacyLeaves', 'privacyCatalogue', 'privacyControl', 'privacyExport'];

export function PrivacyCard() {
  return (
    <section class="card" aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('privacyHeading')}</h2>
      {PARAGRAPHS.map((k) => <p key={k}>{t(k)}</p>)}
    </section>
  );
}
