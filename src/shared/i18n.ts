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
