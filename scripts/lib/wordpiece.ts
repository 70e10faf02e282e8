// The tokenizer files (Hugging Face `tokenizer.json` and `tokenizer_config.json`) of a BERT-style
// WordPiece vocabulary, as transformers.js reads them: what both generated models (the test model and
// the real-size twin) ship beside their ONNX graphs.

/** The special pieces, first in every generated vocabulary: their ids are fixed (PAD 0, CLS 1, SEP 2). */
export const SPECIAL = ['[PAD]', '[CLS]', '[SEP]', '[UNK]'];

export function wordPieceFiles(vocab: readonly string[], maxLength: number): { tokenizer: object; tokenizerConfig: object } {
  if (SPECIAL.some((t, i) => vocab[i] !== t)) throw new Error(`a generated vocabulary must start with ${SPECIAL.join(', ')}`);
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
