// Counts read right in every language: "1 product", "2 products" in English, the plural rules of
// the UI language elsewhere, `_other` where a language gives a form the file has no key for.
import { afterEach, describe, expect, it } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { tn } from '../../src/shared/i18n.ts';

function locale(lang: string, messages: Record<string, { message: string }>) {
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: {
      getUILanguage: () => lang,
      getMessage: (key: string, subs: string[] = []) => messages[key]?.message.replace(/\$(\d)/g, (_, i: string) => subs[Number(i) - 1] ?? '') ?? '',
    },
  };
}
afterEach(() => delete (globalThis as { chrome?: unknown }).chrome);

describe('tn', () => {
  it('picks the singular and the plural by the language\'s rules', () => {
    locale('en', en);
    expect(tn('nProducts', 1)).toBe('1 product');
    expect(tn('nProducts', 0)).toBe('0 products');
    expect(tn('nProducts', 2)).toBe('2 products');
  });

  it('falls back to the _other form for a form the messages do not give', () => {
    locale('pl', { nProducts_one: { message: '$1 produkt' }, nProducts_other: { message: '$1 produktów' } });
    expect(tn('nProducts', 1)).toBe('1 produkt');
    expect(tn('nProducts', 3)).toBe('3 produktów'); // Polish "few" has no key here
  });

  it('counts "n of total" by the total, in English and German', () => {
    locale('en', en);
    expect(tn('historyCount', 1, 1)).toBe('1 of 1 product');
    expect(tn('historyCount', 10000, 0)).toBe('0 of 10000 products');
    expect(tn('dataImporting', 1, 0)).toBe('Importing: 0 of 1 record');
    locale('de', de);
    expect(tn('historyCount', 1, 1)).toBe('1 von 1 Produkt');
    expect(tn('historyCount', 3, 2)).toBe('2 von 3 Produkten');
  });
});
