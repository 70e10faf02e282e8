import { useState } from 'preact/hooks';
import { ModelCard } from './ModelCard.tsx';
import { PrivacyCard } from './PrivacyCard.tsx';
import { ShopsCard } from './ShopsCard.tsx';
import { LogCard } from './LogCard.tsx';

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
      <ModelCard />
      <PrivacyCard />
      <LogCard version={version} />
    </main>
  );
}
