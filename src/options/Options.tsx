import { useState } from 'preact/hooks';
import { ask } from '../shared/connector.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import { t } from '../shared/i18n.ts';
import { ModelCard } from './ModelCard.tsx';
import { PrivacyCard } from './PrivacyCard.tsx';
import { ShopsCard } from './ShopsCard.tsx';
import { LogCard } from './LogCard.tsx';
import { DataCard } from './DataCard.tsx';
import { TasteCard } from './TasteCard.tsx';
import { HistoryCard } from './HistoryCard.tsx';
import { StorageAlert } from './StorageAlert.tsx';
import { CatalogueSettingCard } from './CatalogueSettingCard.tsx';

function StorageSection(props: { version: number }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  return <StorageAlert health={status.state === 'ready' ? status.value.storage : undefined} />;
}

function DataSection(props: { version: number; onChange(): void }) {
  const [status] = useLoad(() => ask({ type: 'status/get' }), [props.version]);
  return <DataCard retentionDays={status.state === 'ready' ? status.value.retentionDays : null} onChange={props.onChange} />;
}

export function Options() {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <main>
      <header>
        <img src="/icons/128.png" alt="" />
        <h1>{t('optionsTitle')}</h1>
      </header>
      <StorageSection version={version} />
      <ShopsCard version={version} onChange={changed} />
      <HistoryCard version={version} onChange={changed} />
      <TasteCard version={version} onChange={changed} />
      <ModelCard />
      <DataSection version={version} onChange={changed} />
      <CatalogueSettingCard version={version} />
      <PrivacyCard />
      <LogCard version={version} />
    </main>
  );
}
