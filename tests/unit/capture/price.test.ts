import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currencyOf, parseAmount, parsePrice } from '../../../src/capture/extract/price.ts';

describe('parsePrice', () => {
  it.each([
    ['1.299,00 €', {}, 1299, 'EUR'],
    ['$24.990', { host: 'www.paris.cl' }, 24990, 'CLP'],
    ['₹2,433', {}, 2433, 'INR'],
    ['CHF 19.50', {}, 19.5, 'CHF'],
    ['R$ 1.759,99', {}, 1759.99, 'BRL'],
    ['£49.00', {}, 49, 'GBP'],
    ['$87.11', { lang: 'en-US' }, 87.11, 'USD'],
    ['997 zł /szt.', {}, 997, 'PLN'],
    ['1 148 zł', {}, 1148, 'PLN'],
    ['99 ر.س', {}, 99, 'SAR'],
    ['EUR 1.234.567', {}, 1234567, 'EUR'],
    ['12,5 €', {}, 12.5, 'EUR'],
    ['KWD 1.250', {}, 1.25, 'KWD'],
  ] as const)('%s → %d %s', (text, hints, amount, currency) => {
    expect(parsePrice(text, hints)).toMatchObject({ amount, currency });
  });

  it('takes the lower bound of ranges and "from" prices, and says so', () => {
    expect(parsePrice('€10 – €20')).toEqual({ amount: 10, currency: 'EUR', isRange: true });
    expect(parsePrice('from $5.00', { lang: 'en-US' })).toEqual({ amount: 5, currency: 'USD', isRange: true });
    expect(parsePrice('ab 19,90 €')).toMatchObject({ amount: 19.9, isRange: true });
  });

  it('leaves an ambiguous "$" unknown without a locale or domain that decides it', () => {
    expect(parsePrice('$12.00')).toEqual({ amount: 12 });
    expect(currencyOf('$12.00', { host: 'shop.com' })).toBeUndefined();
    expect(currencyOf('$12.00', { host: 'shop.com.au' })).toBe('AUD');
    expect(currencyOf('¥1200', { lang: 'ja-JP' })).toBe('JPY');
  });

  it('uses the markup currency for amounts without a symbol', () => {
    expect(parsePrice('24990', { currency: 'CLP' })).toEqual({ amount: 24990, currency: 'CLP' });
    expect(parsePrice(19.5, { currency: 'CHF' })).toEqual({ amount: 19.5, currency: 'CHF' });
  });

  it('finds no price where there is none', () => {
    expect(parsePrice('Add to basket')).toBeUndefined();
    expect(parsePrice('')).toBeUndefined();
    expect(parsePrice(Number.NaN)).toBeUndefined();
  });

  it('never throws, and any number it returns is finite and not negative (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.option(fc.constantFrom('en-US', 'de-DE', 'es-CL', 'xx'), { nil: undefined }), (s, lang) => {
        const p = parsePrice(s, { lang });
        if (p) {
          expect(Number.isFinite(p.amount)).toBe(true);
          expect(p.amount).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any amount written in either separator convention (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), fc.boolean(), (cents, european) => {
        const units = Math.floor(cents / 100);
        const frac = String(cents % 100).padStart(2, '0');
        const grouped = String(units).replace(/\B(?=(\d{3})+(?!\d))/g, european ? '.' : ',');
        const text = european ? `${grouped},${frac}` : `${grouped}.${frac}`;
        expect(parseAmount(text)).toBeCloseTo(cents / 100, 2);
      }),
      { numRuns: 2000 },
    );
  });
});
