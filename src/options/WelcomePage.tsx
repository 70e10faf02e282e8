// The page a new shopper sees once, on install: what Carryover does and never does, how to allow a
// shop, which model is in use (and how to get the real one), and where the toolbar button is.
import { t } from '../shared/i18n.ts';
import { useLoad } from '../shared/ui-hooks.ts';
import type { ModelIndex } from '../shared/model-index.ts';

async function bundledModel(): Promise<ModelIndex['model']> {
  const res = await fetch('/models/index.json');
  if (!res.ok) throw new Error(t('welcomeModelUnknown'));
  return ((await res.json()) as ModelIndex).model;
}

export function Welcome() {
  const [model] = useLoad(bundledModel);
  const modelText = model.state === 'loading' ? '…'
    : model.state === 'failed' ? model.error
    : !model.value ? t('welcomeModelNone') : model.value.testModel ? t('welcomeModelTest') : t('welcomeModelReal', model.value.name);
  return (
    <main>
      <header>
        <img src="/icons/128.png" alt="" width={48} height={48} />
        <h1>{t('welcomeTitle')}</h1>
      </header>
      <section class="card" aria-labelledby="does-heading">
        <h2 id="does-heading">{t('welcomeDoesHeading')}</h2>
        <p>{t('welcomeDoes')}</p>
        <h2>{t('welcomeNeverHeading')}</h2>
        <ul>
          <li>{t('welcomeNeverRead')}</li>
          <li>{t('welcomeNeverSend')}</li>
          <li>{t('welcomeNeverShop')}</li>
        </ul>
      </section>
      <section class="card" aria-labelledby="how-heading">
        <h2 id="how-heading">{t('welcomeHowHeading')}</h2>
        <ol>
          <li>{t(__TARGET__ === 'firefox' ? 'welcomePinFirefox' : 'welcomePinChrome')}</li>
          <li>{t('welcomeAllow')}</li>
          <li>{t('welcomeSidebar')}</li>
        </ol>
      </section>
      <section class="card" aria-labelledby="model-heading">
        <h2 id="model-heading">{t('welcomeModelHeading')}</h2>
        <p data-testid="welcome-model" aria-busy={model.state === 'loading'}>{modelText}</p>
        <p><a href="/src/options/options.html">{t('welcomeSettings')}</a></p>
      </section>
    </main>
  );
}
