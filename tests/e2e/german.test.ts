// Issue 16: the German build renders every screen without an English string. The browser started in
// German (its UI language is what the extension's i18n follows): the popup before and after consent,
// the sidebar on a shop never used, and every section of the options page (collapsed ones included)
// are read — their text, and the labels only a screen reader or a tooltip shows — and no fragment of an
// English message that German translates may appear.
//
// Both browsers: Chromium needs its German locale file (Debian: chromium-l10n), Firefox ESR its German
// language pack (Debian: firefox-esr-l10n-de); `.ci/run` installs both. Firefox runs the shipped build,
// whose model is downloaded first from the options page, in German.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOPS } from '../fixtures/shops/catalog.ts';
import { BROWSERS, type Harness, type Tab } from './harness/index.ts';
import { messagesIn, redAndStriped, shopperHarness, until } from './journeys.ts';

type Messages = Record<string, { message: string }>;
const en: Messages = messagesIn('en');
const de: Messages = messagesIn('de');

/** The English words of every message German says differently: fragments between placeholders, of two
 * words or more (one word — "Carryover", "Hub" — may be a name in both languages), that no German
 * message uses as well (names such as "Store API" are the same in both). */
const deAll = Object.values(de).map((m) => m.message).join('\n');
const english = [...new Set(Object.entries(en)
  .filter(([k, m]) => de[k] && de[k]!.message !== m.message)
  .flatMap(([, m]) => m.message.split(/\$\d+|\$[A-Z_]+\$|["“”()]/))
  .map((f) => f.trim().replace(/[.,:;!?…·]+$/, ''))
  .filter((f) => f.length >= 10 && /\s/.test(f) && /[a-z]{3}/.test(f) && !deAll.includes(f)))];

/** Everything a shopper can read on the page: its text (hidden sections too) and its labels. */
const READ = `(() => {
  const seen = [document.title, document.body.textContent];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], img[alt]'))
    seen.push(el.getAttribute('aria-label'), el.getAttribute('title'), el.getAttribute('placeholder'), el.getAttribute('alt'));
  return seen.filter(Boolean).join('\\n').replace(/\\s+/g, ' ');
})()`;

function englishIn(text: string): string[] {
  return english.filter((f) => text.includes(f));
}

/** "Carryover is learning from this shop" — with or without "since <date>". */
const LEARNING = new RegExp(`${de.siteLearning!.message.replace(/[.]$/, '')}|${de.siteLearningSince!.message.split('$1')[0]!.trim()}`);
const msg = (key: string, ...subs: string[]) => subs.reduce((s, v, i) => s.replace(`$${i + 1}`, v), de[key]!.message);

for (const browser of BROWSERS) {
  describe(`${browser}: in German`, () => {
    let h: Harness;
    beforeAll(async () => {
      h = await shopperHarness(browser, { lang: 'de' });
    }, 240_000);
    afterAll(async () => h?.close());

    const check = async (where: string, tab: Tab) => {
      const text = await tab.evaluate<string>(READ);
      expect(text.length, where).toBeGreaterThan(40);
      expect(englishIn(text), `English on ${where}`).toEqual([]);
    };

    it('the popup, before and after consent, speaks German only', { timeout: 120_000 }, async () => {
      expect(english.length).toBeGreaterThan(200); // the check has something to find
      const shop = SHOPS[0]!;
      const tab = await h.shopTab(shop.id, '/');
      const popup = await h.openPopup(tab);
      await popup.waitForText(msg('siteLearnFrom', shop.name).slice(0, 10));
      await check('the popup before consent', popup);
      await popup.clickText(msg('siteLearnFrom', shop.name));
      await h.allowPrompt();
      await popup.waitForText(LEARNING);
      await check('the popup after consent', popup);
      await popup.close();
      for (const item of redAndStriped(h, shop)) {
        await tab.goto(h.shops.url(shop.id, `/p/${item.slug}`));
        await h.waitForPageKind(tab, 'product');
        await tab.clickText('Add to basket'); // the shop's own button, in the shop's language
        await tab.waitFor('location.pathname === "/cart"');
      }
      await tab.close();
    });

    it('the sidebar on a shop never used speaks German only', { timeout: 240_000 }, async () => {
      const shop = SHOPS[2]!;
      const tab = await h.shopTab(shop.id, '/');
      const popup = await h.openPopup(tab);
      await popup.clickText(msg('siteLearnFrom', shop.name));
      await h.allowPrompt();
      await popup.waitForText(LEARNING);
      await popup.close();
      await tab.reload();
      const view = await h.sidebar(tab);
      await until('the sidebar with picks', 180_000, async () => (await view.picks()).length >= 3);
      const text = await view.evaluate<string>(READ);
      expect(englishIn(text!), 'English in the sidebar').toEqual([]);
      await tab.close();
    });

    it('every section of the options page speaks German only', { timeout: 120_000 }, async () => {
      const options = await h.extensionPage('src/options/options.html');
      await options.waitForText(msg('catalogueSettingsHeading'));
      // The sections that load from the background have loaded (their counts are numbers).
      await until('the options page loaded', 30_000, async () => !(await options.evaluate<boolean>(`!!document.querySelector('[aria-busy="true"]')`)));
      await check('the options page', options);
      await options.close();
    });
  });
}
