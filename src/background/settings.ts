// Small settings that must survive the background being stopped.
import type { ModelDescription } from '../shared/model-index.ts';
import type { BackendChoice } from '../ml/backend.ts';
import { DEFAULT_CATALOGUE_LIMIT } from '../shared/catalogue.ts';
import { db } from './db.ts';

export interface Settings {
  /** "Pause everywhere": nothing is captured while on. */
  paused: boolean;
  /** Which backend the model runs on: chosen automatically unless the shopper says otherwise. */
  backend: 'auto' | 'webgpu' | 'wasm';
  /** The backend the runtime last reported, with its reason (shown before the model is loaded again). */
  lastBackend: (BackendChoice & { modelId: string; loadMs: number; at: number; batch?: { texts: number; images: number; ms: number } }) | null;
  /** A model the shopper downloaded, once every file is stored and verified. */
  downloadedModel: ModelDescription | null;
  /** Test builds only: a pause between embedding batches, so that a test can stop the worker mid-queue. */
  queuePauseMs: number;
  /** Days to keep interactions (null: keep them until the shopper deletes them). */
  retentionDays: number | null;
  /** The last on-device training: when, on how many samples, held-out NDCG@10 before/after, kept or not. */
  /** `choices`: distinct products carted, saved, liked or bought per shop at that time (absent in records from before it was kept). */
  lastTraining: { at: number; choices?: number; embedded?: number; samples: number; adopted: boolean; before: number; after: number; note?: string } | null;
  /** At most this many products of one shop's catalogue are read (issue #14). */
  catalogueLimit: number;
  /** Look through the catalogue of every shop Carryover may read without asking per shop: off until
   * the shopper chooses it in the options page. */
  catalogueAuto: boolean;
}

const DEFAULTS: Settings = { paused: false, backend: 'auto', lastBackend: null, downloadedModel: null, queuePauseMs: 0, lastTraining: null, retentionDays: null, catalogueLimit: DEFAULT_CATALOGUE_LIMIT, catalogueAuto: false };

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  const row = await (await db()).get('settings', key);
  return (row?.value as Settings[K] | undefined) ?? DEFAULTS[key];
}

export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await (await db()).put('settings', { key, value });
}
