// The generated test model loads through transformers.js exactly as the real CLIP does (in Node,
// onnxruntime-node), and its embeddings mean what the photos and words say.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AutoProcessor, AutoTokenizer, CLIPTextModelWithProjection, CLIPVisionModelWithProjection, env, RawImage, type Tensor } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_MODEL_NAME, writeTestModel } from '../../../scripts/make-test-model.ts';
import { describeModel } from '../../../scripts/lib/bundle-model.ts';
import { encodeProduct } from '../../fixtures/shops/images.ts';
import type { Category, Colour, Pattern } from '../../fixtures/shops/styles.ts';
import { cosine } from '../../../src/shared/vector.ts';

const root = mkdtempSync(join(tmpdir(), 'carryover-model-'));
const dir = join(root, TEST_MODEL_NAME);
let photo: (c: Category, col: Colour, p: Pattern, f?: 'jpeg' | 'png' | 'webp') => Promise<Float32Array>;
let words: (t: string[]) => Promise<Float32Array[]>;

afterAll(() => rmSync(root, { recursive: true, force: true }));

beforeAll(async () => {
  writeTestModel(dir);
  env.allowRemoteModels = false;
  env.localModelPath = root;
  const [processor, tokenizer, vision, text] = await Promise.all([
    AutoProcessor.from_pretrained(TEST_MODEL_NAME),
    AutoTokenizer.from_pretrained(TEST_MODEL_NAME),
    CLIPVisionModelWithProjection.from_pretrained(TEST_MODEL_NAME, { dtype: 'fp32' }),
    CLIPTextModelWithProjection.from_pretrained(TEST_MODEL_NAME, { dtype: 'q8' }),
  ]);
  photo = async (c, col, p, f = 'jpeg') => {
    const img = await RawImage.fromBlob(new Blob([new Uint8Array(await encodeProduct(c, col, p, f))]));
    const out = (await vision(await processor(img))) as { image_embeds: Tensor };
    return out.image_embeds.data as Float32Array;
  };
  words = async (t) => {
    const out = (await text(tokenizer(t, { padding: true, truncation: true }))) as { text_embeds: Tensor };
    const d = out.text_embeds.dims[1]!;
    return t.map((_, i) => (out.text_embeds.data as Float32Array).slice(i * d, (i + 1) * d));
  };
});

describe('the generated test model', () => {
  it('is deterministic and described like any model folder', () => {
    const again = join(mkdtempSync(join(root, 'again-')), TEST_MODEL_NAME);
    writeTestModel(again);
    const a = describeModel(dir);
    const b = describeModel(again);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ name: TEST_MODEL_NAME, testModel: true, dtypes: ['fp32', 'fp16', 'q8'] });
  });

  it('puts a red dress photo closer to "red dress" than to "blue sneaker"', async () => {
    const [red, blue] = await words(['red dress', 'blue sneaker']);
    const img = await photo('dress', 'red', 'plain');
    expect(cosine(img, red!)).toBeGreaterThan(0.9);
    expect(cosine(img, blue!)).toBeLessThan(0.1);
  });

  it('hears colour, category and pattern in shop-style titles, whatever the format', async () => {
    const titles = ['Skirt in yellow polka-dot silk', 'Linen Jacket – Black Checked', 'White Striped Cotton Shirt', 'Blue sneakers (canvas)'];
    const texts = await words(titles);
    const photos = await Promise.all([
      photo('skirt', 'yellow', 'polka-dot', 'png'), photo('jacket', 'black', 'checked', 'webp'),
      photo('shirt', 'white', 'striped'), photo('sneakers', 'blue', 'plain', 'png'),
    ]);
    // Each photo's best title is its own.
    photos.forEach((p, i) => {
      const sims = texts.map((t) => cosine(p, t));
      expect(sims.indexOf(Math.max(...sims)), titles[i]).toBe(i);
    });
  });

  it('tells patterned from plain and one colour from another in photos alone', async () => {
    const plain = await photo('dress', 'green', 'plain');
    const floral = await photo('dress', 'green', 'floral');
    const other = await photo('dress', 'orange', 'plain');
    expect(cosine(plain, floral)).toBeLessThan(0.95);
    expect(cosine(plain, floral)).toBeGreaterThan(cosine(plain, other));
  });
});
