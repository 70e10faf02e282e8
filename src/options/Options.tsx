import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { ModelCard } from './ModelCard.tsx';
import { PrivacyCard } from './PrivacyCard.tsx';
import { ShopsCard } from './ShopsCard.tsx';
import { LogCard } from './LogCard.tsx';
import { DataCard } from './DataCard.tsx';
import { TasteCard } from './TasteCard.tsx';
import { useShopNames } from './use-shop-names.ts';
import { HistoryCard } from './HistoryCard.tsx';
import { StorageAlert } from './StorageAlert.tsx';
import { CatalogueSettingCard } from './CatalogueSettingCard.tsx';
import { UndoProvider } from './Undo.tsx';

function StorageSection(props: { version: number }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  return <StorageAlert health={status.state === 'ready' ? status.value.storage : undefined} />;
}

function DataSection(props: { version: number; onChange(): void }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  return <DataCard retentionDays={status.state === 'ready' ? status.value.retentionDays : null} onChange={props.onChange} />;
}

/** The page's parts, the shopper's things first; the model and its diagnostics under "Advanced". */
const PARTS: { id: string; label: MessageKey }[] = [
  { id: 'shops', label: 'navShops' }, { id: 'history', label: 'navHistory' }, { id: 'taste', label: 'navTaste' },
  { id: 'data', label: 'navData' }, { id: 'privacy', label: 'navPrivacy' }, { id: 'advanced', label: 'navAdvanced' },
];

export function Options() {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  // The shops' own names, asked once for the cards that name shops (the shops table reads its own list).
  const names = useShopNames(version);
  return (
    <UndoProvider onCommitted={changed}>
    <div class="options-layout">
      <nav class="options-nav" aria-label={t('navLabel')}>
        <ul>{PARTS.map((p) => <li key={p.id}><a href={`#${p.id}`}>{t(p.label)}</a></li>)}</ul>
      </nav>
      <main>
        <header>
          <img src="/icons/128.png" alt="" />
          <h1>{t('optionsTitle')}</h1>
        </header>
        <StorageSection version={version} />
        <div id="shops"><ShopsCard version={version} onChange={changed} /></div>
        <div id="history"><HistoryCard version={version} names={names} /></div>
        <div id="taste"><TasteCard version={version} names={names} /></div>
        <div id="data"><DataSection version={version} onChange={changed} /></div>
        <div id="catalogue"><CatalogueSettingCard version={version} /></div>
        <div id="privacy"><PrivacyCard /></div>
        <section id="advanced" aria-labelledby="advanced-heading">
          <h2 id="advanced-heading" class="part">{t('navAdvanced')}</h2>
          <p class="muted">{t('advancedIntro')}</p>
          <ModelCard version={version} />
          <LogCard version={version} />
        </section>
      </main>
    </div>
    </UndoProvider>
  );
}
