// The extension pages' own copy of _locales (src/shared/i18n-bundle.ts): a known key the browser's
// i18n does not answer (Chromium, cross-origin-isolated extension pages) is read from the copy, in
// the language the browser would have chosen, formatted as getMessage formats; the browser's own
// answer wins whenever it gives one.
import { afterEach, describe, expect, it, vi } from 'vitest';
import de from '../../public/_locales/de/messages.json';
import en from '../../public/_locales/en/messages.json';
import { bundleMessages, formatMessage, t, tn } from '../../src/shared/i18n.ts';

function browserI18n(lang: string, getMessage: (key: string, subs?: string[]) => string) {
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getUILanguage: () => lang, getMessage } };
}
afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  bundleMessages({}, 'en');
  vi.restoreAllMocks();
});

describe('the bundled messages', () => {
  it('stand in, in the UI language, when the browser answers "" for every key, and the page says so once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    browserI18n('de-AT', () => '');
    expect(t('optionsTitle')).toBe('optionsTitle'); // no copy yet: the key, as before
    bundleMessages({ en, de }, 'en');
    expect(t('optionsTitle')).toBe(de.optionsTitle.message);
    expect(tn('nProducts', 1)).toBe(de.nProducts_one.message.replace('$1', '1'));
    expect(tn('historyCount', 3, 2)).toBe('2 von 3 Produkten');
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/bundled copy/);
  });

  it('look in the region, then the language, then the default locale, as the browser does', () => {
    browserI18n('pt-BR', () => '');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    bundleMessages({ en: { optionsTitle: { message: 'Settings' }, dataFile: { message: 'File' } }, pt: { optionsTitle: { message: 'Configurações' } }, pt_BR: {} }, 'en');
    expect(t('optionsTitle')).toBe('Configurações');
    expect(t('dataFile')).toBe('File');
  });

  it('never replace what the browser gives', () => {
    browserI18n('de', (key) => (key === 'optionsTitle' ? 'From the browser' : ''));
    bundleMessages({ en, de }, 'en');
    expect(t('optionsTitle')).toBe('From the browser');
  });

  it('format as getMessage does: $1…$9, a missing one empty, $$ a dollar sign', () => {
    expect(formatMessage('$1 of $2 ($3)', ['a', 'b'])).toBe('a of b ()');
    expect(formatMessage('US$$ $1', ['5'])).toBe('US$ 5');
  });

  it('the pages\' copy holds every locale folder, chosen by the UI language', async () => {
    const { readdirSync, readFileSync } = await import('node:fs');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const langs = readdirSync('public/_locales');
    expect(langs.length).toBeGreaterThan(1);
    for (const lang of langs) {
      const table = JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>;
      vi.resetModules();
      browserI18n(lang.replace('_', '-'), () => '');
      const fresh = await import('../../src/shared/i18n.ts');
      await import('../../src/shared/i18n-bundle.ts');
      expect(fresh.t('optionsTitle')).toBe(table.optionsTitle!.message);
      expect(fresh.t('dataReplaceYes')).toBe(table.dataReplaceYes!.message);
    }
  });
});
