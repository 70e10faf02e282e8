// A sentence to be read in the shopper's language, made where there is no i18n API (Chrome's
// offscreen document, where the model runs) and put into words where there is one (the background,
// the pages). A substitution may itself be a phrase ("WebGPU was chosen, but <why not>").
import { t, type MessageKey } from './i18n.ts';

export interface Phrase { key: MessageKey; subs?: (string | Phrase)[] }

/** The phrase in the UI language. */
export function say(p: Phrase): string {
  return t(p.key, ...(p.subs ?? []).map((s) => (typeof s === 'string' ? s : say(s))));
}

/** A failure the shopper may read: its phrase crosses to the background, which says it in words.
 * The message (for a console where it is seen as it is) is the key and its substitutions. */
export class PhraseError extends Error {
  constructor(readonly phrase: Phrase) {
    super(`${phrase.key}${phrase.subs?.length ? `: ${JSON.stringify(phrase.subs)}` : ''}`);
    this.name = 'PhraseError';
  }
}

/** What went wrong, as a substitution: our phrase, or a library's or the browser's own words. */
export function causeOf(e: unknown): string | Phrase {
  if (e instanceof PhraseError) return e.phrase;
  return e instanceof Error ? e.message : String(e);
}
