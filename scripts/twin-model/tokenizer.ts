// A WordPiece tokenizer with CLIP's vocabulary size (49,408) that transformers.js loads. CLIP's own
// BPE vocabulary cannot be fetched here, and the text graph sees only token ids, so what matters
// for cost is how many tokens a title becomes: whole words for the shop words the fixtures use
// (as CLIP's BPE gives for common words), then 1–3 letter pieces for anything else.
import { generateCatalog } from '../../tests/fixtures/shops/catalog.ts';

const SPECIAL = ['[PAD]', '[CLS]', '[SEP]', '[UNK]'];

function vocabulary(size: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const add = (t: string) => {
    if (out.length < size && !seen.has(t)) {
      seen.add(t);
      out.push(t);
    }
  };
  const chars = [...'abcdefghijklmnopqrstuvwxyz0123456789'];
  [...SPECIAL, ...'-–,.()&/\'’!:;"?%+#*€$£'].forEach(add);
  chars.forEach((c) => (add(c), add(`##${c}`)));
  for (const p of generateCatalog()) for (const w of p.title.toLowerCase().split(/[^a-z0-9]+/)) if (w) add(w);
  const letters = chars.slice(0, 26);
  for (const a of letters) for (const b of letters) (add(a + b), add(`##${a}${b}`));
  for (const a of letters) for (const b of letters) for (const c of letters) (add(a + b + c), add(`##${a}${b}${c}`));
  // The rest of CLIP's 49,408 rows: four-letter pieces, rarely produced, there for the table's size.
  for (const a of letters) for (const b of letters) for (const c of letters) for (const d of letters) if (out.length < size) add(a + b + c + d);
  if (out.length < size) throw new Error(`the generated vocabulary has ${out.length} pieces, fewer than ${size}`);
  return out;
}

export function twinTokenizer(size: number, maxLength: number): { tokenizer: object; tokenizerConfig: object } {
  const vocab = vocabulary(size);
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: true, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'BertProcessing', sep: ['[SEP]', 2], cls: ['[CLS]', 1] },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
  const tokenizerConfig = {
    tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: maxLength,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]',
  };
  return { tokenizer, tokenizerConfig };
}
