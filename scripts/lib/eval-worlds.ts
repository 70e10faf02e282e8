// The synthetic worlds' config files (`npm run eval -- --config F`, and the six of README's "Other
// worlds" table in eval-worlds/), read and checked in one place: an unknown or misspelt knob is an
// error, never a silently ignored key that leaves the knob at its default.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { DEFAULT_WORLD, type WorldConfig } from '../../src/eval/world.ts';
import { describeIssues } from '../../src/shared/messages.ts';

const num = v.pipe(v.number(), v.finite());
const WorldConfigSchema = v.strictObject(Object.fromEntries(Object.keys(DEFAULT_WORLD).map((k) => [k, v.optional(num)])) as Record<keyof WorldConfig, v.OptionalSchema<typeof num, undefined>>);

/** The knobs one config file sets; errors start with `label` (the file, or how it was given). */
export function readWorldConfig(path: string, label = path): Partial<WorldConfig> {
  let file: unknown;
  try {
    file = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`);
  }
  const parsed = v.safeParse(WorldConfigSchema, file);
  if (!parsed.success) throw new Error(`${label}: ${describeIssues(parsed.issues)} (knobs: ${Object.keys(DEFAULT_WORLD).join(', ')})`);
  return parsed.output;
}

export const TABLE_WORLDS = 'eval-worlds';

/** The table's worlds in file order, each on the default world's knobs; `reseed` is added to every
 * seed (the same knobs with other shoppers and catalogues). */
export function tableWorlds(reseed = 0): { file: string; cfg: WorldConfig }[] {
  return readdirSync(TABLE_WORLDS).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const cfg: WorldConfig = { ...DEFAULT_WORLD, ...readWorldConfig(join(TABLE_WORLDS, file)) };
    cfg.seed += reseed;
    return { file, cfg };
  });
}

/** Takes `--reseed N` out of `args` (0 without it). */
export function takeReseed(args: string[]): number {
  const at = args.indexOf('--reseed');
  const reseed = at >= 0 ? Number(args.splice(at, 2)[1]) : 0;
  if (!Number.isInteger(reseed)) throw new Error('--reseed takes a whole number');
  return reseed;
}
