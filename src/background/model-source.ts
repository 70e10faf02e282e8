// Which model the extension uses: one the shopper downloaded (recorded in settings once all its
// files are stored and verified), else the one bundled with the build (models/index.json), else none.
import { t } from '../shared/i18n.ts';
import browser from 'webextension-polyfill';
import * as v from 'valibot';
import { ModelIndexSchema, type ModelDescription } from '../shared/model-index.ts';
import { describeIssues } from '../shared/messages.ts';
import { getSetting } from './settings.ts';

export interface ModelChoice {
  model: ModelDescription;
  source: 'bundled' | 'downloaded';
}

let bundled: Promise<ModelDescription | null> | undefined;

/** The build's own model; read once per background lifetime (it changes only with an update). */
export function bundledModel(): Promise<ModelDescription | null> {
  bundled ??= (async () => {
    const res = await fetch(browser.runtime.getURL('models/index.json'));
    if (!res.ok) throw new Error(t('errModelIndexMissing', res.status));
    const parsed = v.safeParse(ModelIndexSchema, await res.json());
    if (!parsed.success) throw new Error(t('errModelIndexInvalid', describeIssues(parsed.issues)));
    return parsed.output.model;
  })();
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

export async function currentModel(): Promise<ModelChoice | undefined> {
  const downloaded = await getSetting('downloadedModel');
  if (downloaded) return { model: downloaded, source: 'downloaded' };
  const model = await bundledModel();
  return model ? { model, source: 'bundled' } : undefined;
}
