// The browser's i18n API in Node, from a real _locales file: what the shopper reads is checked as
// they read it, in English or in German.
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';

const FILES: Record<string, Record<string, { message: string }>> = { en, de };

export function useLocale(lang: 'en' | 'de'): void {
  const messages = FILES[lang]!;
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: {
      getUILanguage: () => lang,
      getMessage: (key: string, subs: string[] = []) => messages[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '',
    },
  };
}
