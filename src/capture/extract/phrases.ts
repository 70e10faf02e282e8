// Phrase lists matched by a scan instead of a regular expression. One case-insensitive, Unicode
// alternation of a hundred phrases in thirty languages costs V8 10–40 ms to compile on its first
// use in a page (measured in Chromium and Node: ADD_TO_CART alone ~8 ms, SKU_LABEL's inline form
// ~5 ms more before it runs natively), and a content script starts cold on every page: more than
// the whole extraction may take. The scan needs nothing compiled: the text is lower-cased once and
// the phrases are looked up by their first character. It matches what the alternation matches
// (lexicon.ts keeps each pattern as the reference, and tests/unit/capture/phrases.test.ts holds
// them to it); where lower-casing changes a text's length (rare), the reference pattern decides.

/** A phrase list's matcher: the regex interface its callers use. */
export interface Phrases {
  readonly phrases: readonly string[];
  /** `folded`, when given, is `fold(text)` made once by a caller that asks several lists of the same text. */
  test(text: string, folded?: string): boolean;
  /** The same list as one regular expression (the reference; compiled only when asked for). */
  regex(): RegExp;
}

/** "LABEL: value" matchers: the value (empty when it is in the next element), or undefined when the text is no such label. */
export interface LabelPatterns {
  readonly phrases: readonly string[];
  /** The label starts the text; a colon or space, then the value (or nothing). `folded` as for Phrases.test. */
  leading(text: string, folded?: string): string | undefined;
  /** The label anywhere after a non-letter, then a colon, then the value to the end. */
  inline(text: string, folded?: string): string | undefined;
  regexes(): { leading: RegExp; inline: RegExp };
}

const WORD = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
/** Line terminators: `.` stops at them, which the scan does not model. */
const LINE_END = /[\n\r\u2028\u2029]/;
const TRAILING = /[\s〉)\]]/;

/** Whether the code point at i is a letter or digit (\p{L}\p{N}). */
function wordAt(t: string, i: number): boolean {
  const c = t.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  return WORD.test(String.fromCodePoint(t.codePointAt(i)!));
}

/** Whether the code point ending just before i is a letter or digit. */
function wordBefore(t: string, i: number): boolean {
  if (i <= 0) return false;
  const c = t.charCodeAt(i - 1);
  const start = c >= 0xdc00 && c <= 0xdfff && i >= 2 ? i - 2 : i - 1;
  return wordAt(t, start);
}

/** Lower case with the final sigma folded, as a case-insensitive match compares Greek. "İ" stays:
 * it folds to nothing else in a case-insensitive match, and its lower case is two characters. */
export const fold = (s: string) => (s.includes('İ') ? s.split('İ').map((p) => p.toLowerCase()).join('İ') : s.toLowerCase()).replace(/ς/g, 'σ');

interface Index {
  /** Phrases, longest first (the alternation's order), by their first character. */
  byFirst: Map<string, string[]>;
}

function indexOf(list: string[]): Index {
  const byFirst = new Map<string, string[]>();
  for (const p of [...list].sort((a, b) => b.length - a.length)) {
    const f = fold(p);
    const bucket = byFirst.get(f[0]!);
    if (bucket) bucket.push(f);
    else byFirst.set(f[0]!, [f]);
  }
  return { byFirst };
}

/** End of `phrase` matched at i in t (a space in the phrase matches one or more white space), or -1. */
function matchAt(t: string, i: number, phrase: string): number {
  let k = i;
  for (let j = 0; j < phrase.length; j++) {
    const pc = phrase[j]!;
    if (pc === ' ') {
      if (k >= t.length || !SPACE.test(t[k]!)) return -1;
      while (k < t.length && SPACE.test(t[k]!)) k++;
    } else {
      if (t[k] !== pc) return -1;
      k++;
    }
  }
  return k;
}

const skipSpace = (t: string, k: number) => {
  while (k < t.length && SPACE.test(t[k]!)) k++;
  return k;
};

/** The value after a label ends at `a`: up to the trailing run of white space and closing marks. */
function valueFrom(text: string, a: number): string {
  let end = text.length;
  while (end > a && TRAILING.test(text[end - 1]!)) end--;
  return text.slice(a, end);
}

export function phraseSet(list: string[], reference: () => RegExp): Phrases {
  const { byFirst } = indexOf(list);
  let rx: RegExp | undefined;
  const regex = () => (rx ??= reference());
  return {
    phrases: list,
    regex,
    test(text, folded) {
      const t = folded ?? fold(text);
      if (t.length !== text.length) return regex().test(text);
      for (let i = 0; i < t.length; i++) {
        const bucket = byFirst.get(t[i]!);
        if (!bucket || wordBefore(t, i)) continue;
        for (const p of bucket) {
          const end = matchAt(t, i, p);
          if (end >= 0 && (end >= t.length || !wordAt(t, end))) return true;
        }
      }
      return false;
    },
  };
}

export function labelSet(list: string[], reference: () => { leading: RegExp; inline: RegExp }): LabelPatterns {
  const { byFirst } = indexOf(list);
  let rx: { leading: RegExp; inline: RegExp } | undefined;
  const regexes = () => (rx ??= reference());
  const viaRegex = (which: 'leading' | 'inline', text: string) => {
    const m = regexes()[which].exec(text);
    return m ? (m[1] ?? '') : undefined;
  };
  const usable = (text: string, t: string) => t.length === text.length && !LINE_END.test(text);
  return {
    phrases: list,
    regexes,
    leading(text, folded) {
      const t = folded ?? fold(text);
      if (!usable(text, t)) return viaRegex('leading', text);
      // ^[\s〈(\[]*
      let s = 0;
      while (s < t.length && (SPACE.test(t[s]!) || t[s] === '〈' || t[s] === '(' || t[s] === '[')) s++;
      for (const p of byFirst.get(t[s] ?? '') ?? []) {
        const e = matchAt(t, s, p);
        if (e < 0) continue;
        // (?:\s*[:：#.]+|(?=\s)|$)
        let a = skipSpace(t, e);
        let marks = a;
        while (marks < t.length && /[:：#.]/.test(t[marks]!)) marks++;
        if (marks > a) a = marks;
        else if (e < t.length && SPACE.test(t[e]!)) a = e;
        else if (e >= t.length) a = e;
        else continue;
        return valueFrom(text, skipSpace(t, a));
      }
      return undefined;
    },
    inline(text, folded) {
      const t = folded ?? fold(text);
      if (!usable(text, t)) return viaRegex('inline', text);
      for (let i = 0; i < t.length; i++) {
        const bucket = byFirst.get(t[i]!);
        if (!bucket || wordBefore(t, i)) continue;
        for (const p of bucket) {
          const e = matchAt(t, i, p);
          if (e < 0) continue;
          // \s*[:：]\s*(.+?)[\s〉)\]]*$
          const c = skipSpace(t, e);
          if (t[c] !== ':' && t[c] !== '：') continue;
          const a = skipSpace(t, c + 1);
          // The value takes at least one character: at the end, the last white space given back.
          if (a < t.length) return valueFrom(text, a).length ? valueFrom(text, a) : text[a]!;
          if (a > c + 1) return text[a - 1]!;
          continue;
        }
      }
      return undefined;
    },
  };
}
