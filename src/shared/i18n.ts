// Every string the shopper reads in Carryover's pages and sidebar comes from _locales (the browser's
// i18n API), so that a translation is one file. Keys are checked against the English file at build
// time; positional substitutions are $1, $2… in the message. No polyfill import: the content script
// and the pages call the browser's own synchronous getMessage.
//
// The extension's own documents (popup, options, sidebar frame, background) also carry the _locales
// files in their bundle (i18n-bundle.ts): in Chromium, an extension page sometimes comes up with
// getMessage answering "" for every key (seen in the E2E journeys, much more often with the
// manifest's cross-origin isolation, never with a page opened alone; the cause inside the browser is
// not known). A known key the browser does not answer is then read from that copy, in the language
// the browser would have chosen, and the page says so once in its console.
import type messages from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

interface I18n { getMessage(key: string, subs?: string[]): string }
const api = (): I18n | undefined =>
  (globalThis as { browser?: { i18n?: I18n } }).browser?.i18n ?? (globalThis as { chrome?: { i18n?: I18n } }).chrome?.i18n;

/** A locale's messages.json, as the browser reads it. */
export type MessageTable = Record<string, { message: string }>;

let copies: MessageTable[] = [];
let warned = false;

/**
 * The bundled copy of _locales for this document: the tables of `locales` in the order the browser
 * would look in them for `uiLanguage` (its own region, its language, then `defaultLocale`).
 */
export function bundleMessages(locales: Record<string, MessageTable>, defaultLocale: string, language = uiLanguage() ?? globalThis.navigator?.language ?? defaultLocale): void {
  const tag = language.replace(/-/g, '_');
  const order = [tag, tag.split('_')[0]!, defaultLocale];
  const named = (l: string) => Object.keys(locales).find((k) => k.toLowerCase() === l.toLowerCase());
  copies = [...new Set(order)].map(named).filter((l): l is string => !!l).map((l) => locales[l]!);
}

/** getMessage's own formatting: $1…$9 from the substitutions (missing ones empty), $$ a dollar sign. */
export function formatMessage(message: string, subs: string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : subs[Number(d) - 1] ?? ''));
}

function message(key: string, subs: string[]): string {
  const fromBrowser = api()?.getMessage(key, subs);
  if (fromBrowser) return fromBrowser;
  const copy = copies.find((table) => table[key])?.[key];
  if (!copy) return '';
  if (!warned) {
    warned = true;
    console.warn(`Carryover: the browser's i18n gave no text for "${key}"; this page shows its bundled copy of the same messages`);
  }
  return formatMessage(copy.message, subs);
}

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  // getMessage gives "" for an unknown key; the type above makes that a build error instead.
  return message(key, subs.map(String)) || key;
}

/** Keys that come as a plural pair: `<base>_one` and `<base>_other` (more forms may be added). */
export type PluralKey = { [K in MessageKey]: K extends `${infer B}_other` ? B : never }[MessageKey];

const uiLanguage = (): string | undefined =>
  ((globalThis as { browser?: { i18n?: { getUILanguage?(): string } } }).browser?.i18n ?? (globalThis as { chrome?: { i18n?: { getUILanguage?(): string } } }).chrome?.i18n)?.getUILanguage?.();

/** A count in words with its plural form ("1 product", "2 products"; "1 Produkt", "2 Produkte"),
 * chosen by the UI language's plural rules. The browser's i18n API has no plurals: each form is its
 * own key, and a form a language does not give (few, many…) falls back to `_other`. */
export function tn(base: PluralKey, n: number, ...subs: (string | number)[]): string {
  let form: Intl.LDMLPluralRule = 'other';
  try {
    form = new Intl.PluralRules(uiLanguage()).select(n);
  } catch (e) {
    // An unknown UI language tag: English rules are the fallback, and it is worth knowing.
    console.warn('Carryover: plural rules', e);
    form = n === 1 ? 'one' : 'other';
  }
  const key = `${base}_${form}` as MessageKey;
  const msg = message(key, [n, ...subs].map(String));
  return msg || t(`${base}_other` as MessageKey, n, ...subs);
}
