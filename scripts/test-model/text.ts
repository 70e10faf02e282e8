// The test model's text tower: a WordPiece vocabulary that transformers.js's tokenizer loads, and an
// ONNX graph that sums the (masked) token vectors. Colour, category and pattern words point along
// the same named directions as the image tower; other known words add a little seeded noise.
import { rng } from '../../src/shared/random.ts';
import { FLOAT, GraphBuilder, INT64 } from './onnx.ts';
import { SPECIAL, wordPieceFiles } from '../lib/wordpiece.ts';
import { CATEGORIES, CATEGORY_DIM, COLOUR_DIM, COLOURS, DIM, NOISE_DIMS, PATTERNED_DIM, PATTERN_DIM, WEIGHT } from './space.ts';

/** Words and the directions they mean. Synonyms and plurals are what shops actually write. */
function meanings(): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const add = (words: string[], vec: number[]) => words.forEach((w) => m.set(w, vec));
  const axis = (entries: [number, number][]) => {
    const v = new Array<number>(DIM).fill(0);
    for (const [d, w] of entries) v[d] = w;
    return v;
  };
  COLOURS.forEach((c, i) => add([c], axis([[COLOUR_DIM(i), WEIGHT.colour]])));
  const synonyms: Record<string, string[]> = {
    dress: ['dress', 'dresses', 'kleid', 'gown'],
    shirt: ['shirt', 'shirts', 'blouse', 'hemd', 'tee'],
    sneakers: ['sneakers', 'sneaker', 'trainers', 'trainer', 'shoes', 'shoe'],
    handbag: ['handbag', 'handbags', 'bag', 'bags', 'tote', 'tasche'],
    jacket: ['jacket', 'jackets', 'coat', 'jacke'],
    scarf: ['scarf', 'scarves', 'schal'],
    skirt: ['skirt', 'skirts', 'rock'],
    sweater: ['sweater', 'sweaters', 'jumper', 'pullover'],
  };
  CATEGORIES.forEach((c, i) => add(synonyms[c]!, axis([[CATEGORY_DIM(i), WEIGHT.category]])));
  const pattern = (i: number) => axis([[PATTERNED_DIM, WEIGHT.pattern], [PATTERN_DIM(i), WEIGHT.pattern]]);
  add(['striped', 'stripes', 'stripe', 'gestreift'], pattern(1));
  add(['polka', 'dot', 'dots', 'dotted'], pattern(2).map((x) => x / 2)); // "polka-dot" is two words
  add(['checked', 'check', 'checks', 'plaid', 'kariert'], pattern(3));
  add(['floral', 'flowers', 'flower', 'flowered'], pattern(4));
  add(['plain', 'solid'], axis([]));
  // Words with no look of their own: present in the vocabulary, a little noise in the spare dims.
  const r = rng(20261123);
  for (const w of ['linen', 'cotton', 'wool', 'canvas', 'leather', 'denim', 'silk', 'jersey', 'in', 'the', 'a', 'and', 'with', 'new']) {
    const v = new Array<number>(DIM).fill(0);
    for (const d of NOISE_DIMS) v[d] = (r() - 0.5) * 0.2;
    m.set(w, v);
  }
  return m;
}

export interface TextModel {
  onnx: Uint8Array;
  tokenizer: object;
  tokenizerConfig: object;
  vocabSize: number;
}

export function textModel(): TextModel {
  const words = meanings();
  const punctuation = [...'-–,.()&/\'’!:'];
  const vocab = [...SPECIAL, ...punctuation, ...words.keys()];
  const table: number[] = [];
  for (const tok of vocab) table.push(...(words.get(tok) ?? new Array<number>(DIM).fill(0)));

  const g = new GraphBuilder();
  const ids = g.input('input_ids', INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', INT64, ['batch_size', 'sequence_length']);
  const vectors = g.op('Gather', [g.const(table, [vocab.length, DIM]), ids], { axis: 0 }); // [B,L,D]
  const weights = g.op('Unsqueeze', [g.op('Cast', [mask], { to: FLOAT }), g.ints([2])]);
  const sum = g.op('ReduceSum', [g.op('Mul', [vectors, weights]), g.ints([1])], { keepdims: 0 });
  g.output('text_embeds', sum, FLOAT, ['batch_size', DIM]);
  const onnx = g.encode('carryover-test-text', 'Carryover test model, text tower: a bag of hand-laid word vectors. Not CLIP.');

  const { tokenizer, tokenizerConfig } = wordPieceFiles(vocab, 77);
  return { onnx, tokenizer, tokenizerConfig, vocabSize: vocab.length };
}
