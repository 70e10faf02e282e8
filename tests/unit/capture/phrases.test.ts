// The phrase scan (phrases.ts) must match exactly what the reference regular expressions match:
// same yes/no for the phrase lists, same value for the labels, on texts built from the lists'
// own phrases in any case, glued with the characters the patterns care about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ADD_TO_CART, BRAND_LABEL, IN_STOCK, OUT_OF_STOCK, SKU_LABEL } from '../../../src/capture/extract/lexicon.ts';

const GLUE = ['İNDİRİM', 'SATIN AL', 'satın al', ' ', '  ', '\u00a0', ':', '：', ' : ', '.', '#', '(', ')', '[', ']', '〈', '〉', '-', '/', 'x', 'Z', '7', 'é', 'ß', 'ẞ', 'Σ', 'ς', 'İ', '𠀀', '中', '\n', ''];

function textFrom(phrases: readonly string[]) {
  const piece = fc.oneof(
    fc.constantFrom(...phrases),
    fc.constantFrom(...phrases).map((p) => p.toUpperCase()),
    fc.constantFrom(...phrases).map((p) => p.slice(0, Math.max(1, p.length - 1))),
    fc.constantFrom(...GLUE),
    fc.string({ maxLength: 4 }),
  );
  return fc.array(piece, { maxLength: 7 }).map((parts) => parts.join(''));
}

const groupOf = (m: RegExpExecArray | null) => (m ? (m[1] ?? '') : undefined);

describe('phrase lists scanned without compiling a regular expression', () => {
  it.each([
    ['ADD_TO_CART', ADD_TO_CART],
    ['IN_STOCK', IN_STOCK],
    ['OUT_OF_STOCK', OUT_OF_STOCK],
  ] as const)('%s says yes exactly where its pattern does', (_name, list) => {
    const rx = list.regex();
    fc.assert(fc.property(textFrom(list.phrases), (t) => list.test(t) === rx.test(t)), { numRuns: 3000 });
  });

  it.each([
    ['SKU_LABEL', SKU_LABEL],
    ['BRAND_LABEL', BRAND_LABEL],
  ] as const)('%s reads the same value as its patterns, leading and inline', (_name, label) => {
    const { leading, inline } = label.regexes();
    fc.assert(fc.property(textFrom(label.phrases), (t) => {
      expect(label.leading(t)).toBe(groupOf(leading.exec(t)));
      expect(label.inline(t)).toBe(groupOf(inline.exec(t)));
    }), { numRuns: 3000 });
  });

  it('finds phrases as shops write them, and not inside other words', () => {
    expect(ADD_TO_CART.test('Do košíka')).toBe(true);
    expect(ADD_TO_CART.test('ADD  TO\u00a0CART')).toBe(true);
    expect(ADD_TO_CART.test('Купить')).toBe(true);
    expect(ADD_TO_CART.test('Wiederkaufen')).toBe(false);
    expect(OUT_OF_STOCK.test('Currently unavailable.')).toBe(true);
    expect(SKU_LABEL.leading('Art.-Nr.: 12-345')).toBe('12-345');
    expect(SKU_LABEL.leading('SKU')).toBe('');
    expect(SKU_LABEL.inline('Herstellerartikelnummer: AB 12')).toBe(undefined);
    expect(SKU_LABEL.inline('Hersteller-Artikelnummer: AB 12')).toBe('AB 12');
    expect(SKU_LABEL.inline('〈商品編號：X123〉')).toBe('X123');
    expect(BRAND_LABEL.inline('Sold by Acme, brand: Foo (new)')).toBe('Foo (new');
  });
});
