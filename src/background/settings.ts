// Small settings that must survive the background being stopped.
import { db } from './db.ts';

export interface Settings {
  /** "Pause everywhere": nothing is captured while on. */
  paused: boolean;
}

const DEFAULTS: Settings = { paused: false };

export async function getSetting<K extends keyof Settings>(key: K): Promise<Settings[K]> {
  const row = await (await db()).get('settings', key);
  return (row?.value as Settings[K] | undefined) ?? DEFAULTS[key];
}

export async function setSetting<K extends keyof Settings>(key: K, value: Settings[K]): Promise<void> {
  await (await db()).put('settings', { key, value });
}
