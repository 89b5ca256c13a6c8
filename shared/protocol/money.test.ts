import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currencyExponent,
  formatMinor,
  minorToDecimalText,
  minorToWire,
  wireToMinor,
} from './money';

describe('wireToMinor', () => {
  it.each([
    [12.5, 'EUR', 1250],
    [10.99, 'EUR', 1099],
    [1.0, 'EUR', 100],
    [0.01, 'EUR', 1],
    [0, 'EUR', 0],
    [1000, 'JPY', 1000],
    [1.234, 'KWD', 1234],
    [0.005, 'BHD', 5],
    [19.9, 'USD', 1990],
    [0.3, 'EUR', 30],
    [1.1, 'EUR', 110],
    [4.35, 'EUR', 435], // 4.35 * 100 is 434.99999999999994 in float arithmetic
    [1.005, 'KWD', 1005], // 1.005 * 1000 is 1004.9999999999999
    [-2.5, 'EUR', -250],
    [1e3, 'EUR', 100000],
    [12.5, 'eur', 1250], // code case does not matter for the exponent
    [12.5, 'XYZ', 1250], // unknown currency: exponent 2
    [90071992547409.9, 'EUR', 9007199254740990],
    ['12.50', 'EUR', 1250],
    ['1.100', 'EUR', 110], // trailing zeros beyond the exponent are not decimals
    ['1e-2', 'EUR', 1],
  ] as const)('%s %s → %s minor units', (wire, currency, minor) => {
    expect(wireToMinor(wire, currency)).toEqual({ ok: true, value: minor });
  });

  it.each([
    [10.999, 'EUR'],
    [0.1 + 0.2, 'EUR'], // 0.30000000000000004: float noise is refused, not rounded
    [1.5, 'JPY'],
    [1.2345, 'KWD'],
    [1e-7, 'EUR'],
  ])('refuses %s %s: more decimals than the currency has', (wire, currency) => {
    const result = wireToMinor(wire, currency);
    expect(result.ok ? 'ok' : result.error.kind).toBe('tooManyDecimals');
  });

  it('refuses amounts beyond exact integer range', () => {
    const result = wireToMinor(1e20, 'EUR');
    expect(result.ok ? 'ok' : result.error.kind).toBe('outOfRange');
    const huge = wireToMinor('90071992547409.92', 'EUR'); // 2^53 minor units
    expect(huge.ok ? 'ok' : huge.error.kind).toBe('outOfRange');
  });

  it('refuses what is not a finite decimal', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'ten', '1,5', '']) {
      const result = wireToMinor(bad, 'EUR');
      expect(result.ok ? 'ok' : result.error.kind).toBe('notADecimal');
    }
  });
});

describe('minorToWire', () => {
  it.each([
    [1250, 'EUR', 12.5],
    [1099, 'EUR', 10.99],
    [1000, 'JPY', 1000],
    [1234, 'KWD', 1.234],
    [5, 'EUR', 0.05],
    [0, 'EUR', 0],
    [30, 'EUR', 0.3],
  ] as const)('%s %s → %s on the wire', (minor, currency, wire) => {
    expect(minorToWire(minor, currency)).toEqual({ ok: true, value: wire });
  });

  it('sums in minor units give exact wire values (no 0.1 + 0.2 drift)', () => {
    const ten = wireToMinor(0.1, 'EUR');
    const twenty = wireToMinor(0.2, 'EUR');
    if (!ten.ok || !twenty.ok) throw new Error('conversion failed');
    expect(minorToWire(ten.value + twenty.value, 'EUR')).toEqual({ ok: true, value: 0.3 });
  });

  it('refuses non-integers and amounts a JSON number cannot carry exactly', () => {
    expect(minorToWire(12.5, 'EUR').ok).toBe(false);
    expect(minorToWire(2 ** 53, 'EUR').ok).toBe(false);
  });

  it('round-trips every amount up to 10^15 minor units in exponent 0, 2 and 3 currencies', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e15 }),
        fc.constantFrom('EUR', 'JPY', 'KWD'),
        (minor, currency) => {
          const wire = minorToWire(minor, currency);
          if (!wire.ok) throw new Error(wire.error.reason);
          // Through JSON text, as the amount travels.
          const back = wireToMinor(JSON.parse(JSON.stringify(wire.value)) as number, currency);
          expect(back).toEqual({ ok: true, value: minor });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('exponents and formatting', () => {
  it('knows the exponents of common currencies', () => {
    expect(['EUR', 'USD', 'GBP', 'JPY', 'KWD', 'BHD'].map(currencyExponent)).toEqual([
      2, 2, 2, 0, 3, 3,
    ]);
  });

  it('formats minor units for people', () => {
    expect(formatMinor(1250, 'EUR')).toBe('12.50 EUR');
    expect(formatMinor(1000, 'JPY')).toBe('1000 JPY');
    expect(formatMinor(1234, 'kwd')).toBe('1.234 KWD');
    expect(formatMinor(-5, 'EUR')).toBe('-0.05 EUR');
    expect(minorToDecimalText(7, 'KWD')).toBe('0.007');
  });
});
