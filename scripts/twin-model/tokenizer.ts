// A WordPiece tokenizer with CLIP's vocabulary size (49,408) that transformers.js loads. CLIP's own
// BPE vocabulary cannot be fetched here, and the text graph sees only token ids, so what matters
// for cost is how many tokens a title becomes: whole words for the shop words the fixtures use
// (as CLIP's BPE gives for common words), then 1–3 letter pieces for anything else.
import { generateCatalog } from '../../tests/fixtures/shops/catalog.ts';
import { SPECIAL, wordPieceFiles } from '../lib/wordpiece.ts';

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
  return wordPieceFiles(vocab, maxLength);
}
