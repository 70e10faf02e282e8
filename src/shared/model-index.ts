// What a build says about the model it bundles (models/index.json, written by
// scripts/lib/bundle-model.ts), and what a downloaded model is recorded as. Checked on read.
import * as v from 'valibot';

export const DtypeSchema = v.picklist(['fp32', 'fp16', 'q8'] as const);
export type Dtype = v.InferOutput<typeof DtypeSchema>;

export const ModelFileSchema = v.object({
  path: v.pipe(v.string(), v.regex(/^[\w.-]+(\/[\w.-]+)*$/, 'must be a relative path')),
  size: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
});
export type ModelFile = v.InferOutput<typeof ModelFileSchema>;

export const ModelDescriptionSchema = v.object({
  /** name@digest: changes whenever a file does, so that vectors of another model are re-made. */
  id: v.string(),
  name: v.pipe(v.string(), v.regex(/^[\w.-]+$/)),
  dtypes: v.pipe(v.array(DtypeSchema), v.minLength(1)),
  testModel: v.boolean(),
  files: v.array(ModelFileSchema),
});
export type ModelDescription = v.InferOutput<typeof ModelDescriptionSchema>;

export const ModelIndexSchema = v.object({ model: v.nullable(ModelDescriptionSchema) });
export type ModelIndex = v.InferOutput<typeof ModelIndexSchema>;

export const modelBytes = (m: ModelDescription) => m.files.reduce((a, f) => a + f.size, 0);
