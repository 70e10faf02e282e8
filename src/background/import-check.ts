// What an imported record must be before it is written: the same rules as for what capture stores
// (http(s) URLs only, an item on its own site under the id of its URL), vectors of one length per
// model with finite numbers, settings from their allowed values, and consent never taken from the
// file (a shop is asked again in this browser). A record that breaks a rule throws an ImportError
// that says, in words, where and what (import-words.ts).
import * as v from 'valibot';
import { ModelDescriptionSchema } from '../shared/model-index.ts';
import type { IMPORT_STORES } from '../shared/messages.ts';
import { t } from '../shared/i18n.ts';
import { safeUrl } from '../shared/safe-url.ts';
import { EventTypeSchema, FiniteNumberSchema, ItemIdSchema, ProductSchema, SidebarStateSchema, SiteSchema } from '../shared/schemas.ts';
import { canonicalUrl, hostsOfSite, patternsFor, siteOf } from '../shared/site.ts';
import { itemIdFor } from './capture-store.ts';
import { RETENTION_CHOICES } from './retention.ts';
import type { EventRecord, ItemRecord, SiteRecord, SnapshotRecord, VectorRecord } from './schema.ts';
import { EXPECT_HTTP_URL, fromIssues, ImportError } from './import-words.ts';

export { ImportError };

const url = v.pipe(v.string(), v.check((s) => safeUrl(s) !== undefined, EXPECT_HTTP_URL));
const time = v.pipe(FiniteNumberSchema, v.minValue(0));
const { url: _u, confidence: _c, imageUrl: _i, ...productFields } = ProductSchema.entries;

const ItemSchema = v.object({
  ...productFields,
  id: ItemIdSchema,
  site: SiteSchema,
  url,
  imageUrl: v.optional(url),
  groupId: v.optional(ItemIdSchema),
  firstSeen: time,
  lastSeen: time,
});
const EventSchema = v.object({
  id: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  itemId: ItemIdSchema,
  site: SiteSchema,
  type: EventTypeSchema,
  ts: time,
  value: v.optional(FiniteNumberSchema),
  view: v.optional(v.pipe(v.string(), v.maxLength(100))),
});
const SiteRecordSchema = v.object({
  site: SiteSchema,
  imageHosts: v.pipe(v.array(SiteSchema), v.maxLength(20)),
  sidebar: v.optional(SidebarStateSchema),
  name: v.optional(v.pipe(v.string(), v.maxLength(60))),
});
const VectorSchema = v.object({ itemId: ItemIdSchema, modelId: v.pipe(v.string(), v.maxLength(200)), fused: v.instance(Float32Array), image: v.optional(v.instance(Float32Array)), text: v.optional(v.instance(Float32Array)) });
const SnapshotSchema = v.object({ slot: v.picklist(['current', 'previous'] as const), version: v.pipe(v.number(), v.integer()), createdAt: time, data: v.unknown() });

/** The settings a file may carry, each with its allowed values. Everything else in a file (this
 * browser's backend report, a downloaded model's record, test knobs) is not imported. */
const SETTING_SCHEMAS: Record<string, v.GenericSchema> = {
  paused: v.boolean(),
  backend: v.picklist(['auto', 'webgpu', 'wasm'] as const),
  retentionDays: v.nullable(v.picklist(RETENTION_CHOICES)),
  // Only together with its files, checked by the caller against what this browser stores.
  downloadedModel: ModelDescriptionSchema,
};
/** What an export carries: the shopper's choices, not what describes this browser. */
export const IMPORTED_SETTINGS = ['paused', 'backend', 'retentionDays'];

export type StoreName = (typeof IMPORT_STORES)[number];

function parse<S extends v.GenericSchema>(schema: S, raw: unknown, path: string): v.InferOutput<S> {
  const r = v.safeParse(schema, raw);
  if (!r.success) throw fromIssues(path, r.issues);
  return r.output;
}

export async function checkItem(raw: unknown, path: string): Promise<ItemRecord> {
  const item = parse(ItemSchema, raw, path) as ItemRecord;
  // An item is known by its URL and belongs to that URL's site: a file cannot file one shop's
  // product under another shop, nor reuse another product's id.
  if (siteOf(item.url) !== item.site) throw new ImportError(`${path}.site`, t('importExpectSiteOfUrl', item.site, item.url));
  if ((await itemIdFor(item.url)) !== item.id) throw new ImportError(`${path}.id`, t('importExpectIdOfUrl', item.url));
  return { ...item, url: canonicalUrl(item.url) };
}

export function checkEvent(raw: unknown, path: string): EventRecord {
  return parse(EventSchema, raw, path);
}

/** Consent is not imported: the shop comes back as "asked again" unless this browser granted it already. */
export function checkSite(raw: unknown, path: string, here: SiteRecord | undefined): SiteRecord {
  const s = parse(SiteRecordSchema, raw, path);
  if (here?.granted) return here;
  return { site: s.site, granted: false, imageHosts: s.imageHosts, origins: patternsFor([...hostsOfSite(s.site), ...s.imageHosts]), ...(s.sidebar ? { sidebar: s.sidebar } : {}), ...(s.name ? { name: s.name } : {}), ...(here?.revokedAt ? { revokedAt: here.revokedAt } : {}) };
}

/** A setting with its checked value, or undefined for one a file does not carry over. */
export function checkSetting(raw: unknown, path: string): { key: string; value: unknown } | undefined {
  const s = parse(v.object({ key: v.string(), value: v.unknown() }), raw, path);
  const schema = SETTING_SCHEMAS[s.key];
  if (!schema) return undefined;
  return { key: s.key, value: parse(schema, s.value, `${path}.value`) };
}

/** Vectors of one model all have one length (`dims` remembers it per model) and finite numbers. */
export function checkVector(raw: unknown, path: string, dims: Map<string, number>): VectorRecord {
  const rec = parse(VectorSchema, raw, path) as VectorRecord;
  for (const k of ['fused', 'image', 'text'] as const) {
    const a = rec[k];
    if (!a) continue;
    const want = dims.get(rec.modelId) ?? a.length;
    if (a.length === 0 || a.length > 4096 || a.length !== want) throw new ImportError(`${path}.${k}`, t('importExpectVectorLength', a.length, want));
    if (!a.every(Number.isFinite)) throw new ImportError(`${path}.${k}`, t('importExpectFinite'));
    dims.set(rec.modelId, want);
  }
  return rec;
}

export function checkSnapshot(raw: unknown, path: string): SnapshotRecord {
  return parse(SnapshotSchema, raw, path);
}
