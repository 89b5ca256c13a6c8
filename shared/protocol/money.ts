import { err, ok, type Result } from '../result';

/**
 * Money inside the harness: an exact integer count of the currency's minor units (cents for
 * EUR, yen for JPY, fils for KWD). On the wire nexo carries a JSON decimal number (`10.99`);
 * the conversion below goes through the number's decimal text, never through float arithmetic,
 * so `0.1 + 0.2` style errors cannot reach a ledger.
 */
export interface Money {
  /** Integer minor units (a safe integer). */
  readonly minor: number;
  /** ISO 4217 alphabetic code, e.g. `EUR`. */
  readonly currency: string;
}

/** Why an amount could not be converted. */
export interface MoneyError {
  readonly kind: 'notADecimal' | 'tooManyDecimals' | 'outOfRange';
  readonly reason: string;
}

/**
 * ISO 4217 minor-unit exponents that differ from 2, plus the common 2-digit ones for clarity.
 * A currency missing from this table is treated as exponent 2, the ISO default for most
 * currencies; callers that need another exponent add it here.
 */
const EXPONENTS: Readonly<Record<string, number>> = {
  EUR: 2,
  USD: 2,
  GBP: 2,
  CHF: 2,
  SEK: 2,
  NOK: 2,
  DKK: 2,
  PLN: 2,
  CZK: 2,
  AUD: 2,
  CAD: 2,
  CNY: 2,
  INR: 2,
  BRL: 2,
  // Zero-decimal currencies.
  JPY: 0,
  KRW: 0,
  CLP: 0,
  ISK: 0,
  VND: 0,
  PYG: 0,
  UGX: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  // Three-decimal currencies.
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

/** Exponent used for a currency that is not in the table. */
export const DEFAULT_EXPONENT = 2;

/** Number of minor-unit digits of `currency` (ISO 4217); unknown currencies get 2. */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currency.toUpperCase()] ?? DEFAULT_EXPONENT;
}

// A decimal as JSON or JavaScript prints it: optional sign, digits, optional fraction, optional
// exponent (String(1e21) is "1e+21", String(1e-7) is "1e-7").
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * Converts a wire amount (a JSON number such as `10.99`, or its decimal text) to integer minor
 * units of `currency`. Fails on more decimals than the currency allows (`10.999` EUR), on
 * non-finite values and on amounts beyond the safe-integer range.
 */
export function wireToMinor(value: number | string, currency: string): Result<number, MoneyError> {
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return err({ kind: 'notADecimal', reason: `amount ${String(value)} is not a finite number` });
  }
  // The shortest decimal text of a double is exactly what the sender wrote for any amount
  // with up to 15 significant digits; working on that text avoids float arithmetic.
  const text = typeof value === 'number' ? String(value) : value.trim();
  const match = DECIMAL.exec(text);
  if (!match) return err({ kind: 'notADecimal', reason: `amount "${text}" is not a decimal` });
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  const exponent = currencyExponent(currency);
  // value = digits × 10^-scale
  const digits = whole + fraction;
  const scale = fraction.length - Number(exponentText);
  const shift = exponent - scale;
  let minorDigits: string;
  if (shift >= 0) {
    minorDigits = digits + '0'.repeat(shift);
  } else {
    const dropped = digits.slice(digits.length + shift);
    if (/[^0]/.test(dropped)) {
      return err({
        kind: 'tooManyDecimals',
        reason: `amount ${text} has more decimals than ${currency} allows (${exponent})`,
      });
    }
    minorDigits = digits.slice(0, digits.length + shift);
  }
  const magnitude = Number(minorDigits === '' ? '0' : minorDigits);
  // Any text above 2^53-1 parses to at least 2^53, which is not a safe integer: an exact test.
  if (!Number.isSafeInteger(magnitude)) {
    return err({ kind: 'outOfRange', reason: `amount ${text} ${currency} is too large` });
  }
  return ok(sign === '-' && magnitude !== 0 ? -magnitude : magnitude);
}

/** The decimal text of `minor` units of `currency`, e.g. `1250, EUR` → `"12.50"`. */
export function minorToDecimalText(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/**
 * Converts integer minor units to the JSON number sent on the wire (`1250, EUR` → `12.5`).
 * Fails for non-integers and for amounts a JSON number cannot carry exactly.
 */
export function minorToWire(minor: number, currency: string): Result<number, MoneyError> {
  if (!Number.isSafeInteger(minor)) {
    return err({
      kind: 'outOfRange',
      reason: `${String(minor)} is not a safe integer of minor units`,
    });
  }
  const wire = Number(minorToDecimalText(minor, currency));
  // Proves the double that will be printed reads back as the same minor units.
  const back = wireToMinor(wire, currency);
  if (!back.ok || back.value !== minor) {
    return err({
      kind: 'outOfRange',
      reason: `${String(minor)} minor units of ${currency} cannot be carried exactly by a JSON number`,
    });
  }
  return ok(wire);
}

/** Human text for display and logs, e.g. `12.50 EUR`, `1000 JPY`, `1.234 KWD`. */
export function formatMinor(minor: number, currency: string): string {
  return `${minorToDecimalText(minor, currency)} ${currency.toUpperCase()}`;
}
