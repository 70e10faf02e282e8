// Every string the shopper reads in Carryover's pages and sidebar comes from _locales (the browser's
// i18n API), so that a translation is one file. Keys are checked against the English file at build
// time; positional substitutions are $1, $2… in the message. No polyfill import: the content script
// and the pages call the browser's own synchronous getMessage.
import type messages from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof messages;

interface I18n { getMessage(key: string, subs?: string[]): string }
const api = (): I18n | undefined =>
  (globalThis as { browser?: { i18n?: I18n } }).browser?.i18n ?? (globalThis as { chrome?: { i18n?: I18n } }).chrome?.i18n;

export function t(key: MessageKey, ...subs: (string | number)[]): string {
  // getMessage gives "" for an unknown key; the type above makes that a build error instead.
  return api()?.getMessage(key, subs.map(String)) || key;
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
  const msg = api()?.getMessage(key, [n, ...subs].map(String));
  return msg || t(`${base}_other` as MessageKey, n, ...subs);
}
