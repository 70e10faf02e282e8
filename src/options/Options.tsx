import { useState } from 'preact/hooks';
import { ModelCard } from './ModelCard.tsx';
import { PrivacyCard } from './PrivacyCard.tsx';
import { ShopsCard } from './ShopsCard.tsx';
import { LogCard } from './LogCard.tsx';
import { DataCard } from './DataCard.tsx';
import { TasteCard } from './TasteCard.tsx';

export function Options() {
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <main>
      <header>
        <img src="/icons/128.png" alt="" />
        <h1>Carryover — settings and your data</h1>
      </header>
      <ShopsCard version={version} onChange={changed} />
      <TasteCard version={version} onChange={changed} />
      <ModelCard />
      <DataCard onChange={changed} />
      <PrivacyCard />
      <LogCard version={version} />
    </main>
  );
}
