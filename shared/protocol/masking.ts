import { base64DecodeText, base64EncodeText } from './base64';
import type { Envelope } from './envelope';
import { isJsonObject } from './json-path';

/**
 * Card-data masking for traces (DESIGN §5: masked by default). Works on any JSON value, typed
 * or raw, and returns a masked copy with the same shape and types, so a masked trace still
 * decodes. What is masked:
 * - `PAN`: first 6 and last 4 digits kept (PCI DSS display rule), the rest `*`;
 * - `MaskedPan`: re-masked the same way if a terminal left more than 10 digits visible;
 * - everything else inside `SensitiveCardData`, `ProtectedCardData` and `TrackData`, and any
 *   `CardSeqNumb`, `ExpiryDate` or `TrackValue`: every character `*`, numbers 0;
 * - `RejectedMessage` (base64 of a rejected frame): decoded, masked as JSON, or as free text
 *   where digit runs that pass the Luhn check are PAN-masked, and re-encoded.
 */

type Zone = 'normal' | 'sensitive' | 'hidden';

/** Keys whose whole value is hidden wherever they appear. */
const HIDDEN_KEYS: ReadonlySet<string> = new Set([
  'CardSeqNumb',
  'ExpiryDate',
  'TrackValue',
  'TrackData',
  'ProtectedCardData',
]);

const VISIBLE_HEAD = 6;
const VISIBLE_TAIL = 4;
const FULL_PAN_DIGITS = 13;

/**
 * Masks the digits of a PAN, keeping separators: 16 digits → first 6 + last 4 visible; fewer
 * than 13 digits (not a full PAN) → only the last 4; 4 or fewer → none.
 */
export function maskPan(pan: string): string {
  const total = (pan.match(/\d/g) ?? []).length;
  const head = total >= FULL_PAN_DIGITS ? VISIBLE_HEAD : 0;
  const tail = total > VISIBLE_TAIL ? VISIBLE_TAIL : 0;
  let seen = 0;
  return pan.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= head || seen > total - tail ? digit : '*';
  });
}

function visibleDigits(text: string): number {
  return (text.match(/\d/g) ?? []).length;
}

function hide(value: unknown): unknown {
  if (typeof value === 'string') return '*'.repeat(value.length);
  if (typeof value === 'number') return 0;
  return value;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i += 1) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Masks card numbers inside free text (digit runs of 13–19 that pass the Luhn check). */
export function maskPansInText(text: string): string {
  return text.replace(/(?<!\d)\d{13,19}(?!\d)/g, (run) => (luhnValid(run) ? maskPan(run) : run));
}

function maskRejectedMessage(encoded: string): string {
  const decoded = base64DecodeText(encoded);
  if (!decoded.ok) return encoded;
  let masked: string;
  try {
    const parsed: unknown = JSON.parse(decoded.value);
    const copy = maskCardData(parsed);
    masked = JSON.stringify(copy) === JSON.stringify(parsed) ? decoded.value : JSON.stringify(copy);
  } catch {
    // Not JSON (the usual reason for a Reject): mask what looks like a card number.
    masked = maskPansInText(decoded.value);
  }
  // Untouched messages keep their exact original bytes.
  return masked === decoded.value ? encoded : base64EncodeText(masked);
}

function maskLeaf(key: string, value: unknown, zone: Zone): unknown {
  if (zone === 'hidden') return hide(value);
  if (typeof value !== 'string') {
    // A number where a card number or its details belong is hidden like text would be.
    return zone === 'sensitive' || key === 'PAN' || HIDDEN_KEYS.has(key) ? hide(value) : value;
  }
  if (key === 'PAN') return maskPan(value);
  if (zone === 'sensitive' || HIDDEN_KEYS.has(key)) return hide(value);
  if (key === 'MaskedPan' && visibleDigits(value) > VISIBLE_HEAD + VISIBLE_TAIL)
    return maskPan(value);
  if (key === 'RejectedMessage') return maskRejectedMessage(value);
  return value;
}

function zoneOf(key: string, parent: Zone): Zone {
  if (parent === 'hidden') return 'hidden';
  if (HIDDEN_KEYS.has(key)) return 'hidden';
  if (key === 'SensitiveCardData') return 'sensitive';
  // Below SensitiveCardData only a PAN keeps digits, and a nested object has none.
  return parent === 'sensitive' ? 'hidden' : 'normal';
}

interface Frame {
  readonly source: unknown;
  readonly zone: Zone;
  readonly write: (value: unknown) => void;
}

/**
 * A masked deep copy of any JSON value. Iterative, so hostile nesting cannot overflow the
 * stack; the input is never modified and key order is preserved.
 */
export function maskCardData<T>(value: T): T {
  let result: unknown = value;
  const stack: Frame[] = [{ source: value, zone: 'normal', write: (v) => (result = v) }];
  while (stack.length > 0) {
    const { source, zone, write } = stack.pop() as Frame;
    if (Array.isArray(source)) {
      const copy: unknown[] = new Array<unknown>(source.length);
      write(copy);
      source.forEach((item: unknown, index) => {
        if (typeof item === 'object' && item !== null) {
          stack.push({ source: item, zone, write: (v) => (copy[index] = v) });
        } else {
          copy[index] = zone === 'normal' ? item : hide(item);
        }
      });
    } else if (isJsonObject(source)) {
      const copy: Record<string, unknown> = {};
      write(copy);
      for (const [key, item] of Object.entries(source)) {
        if (typeof item === 'object' && item !== null) {
          copy[key] = null; // placeholder keeps the key's position
          stack.push({ source: item, zone: zoneOf(key, zone), write: (v) => (copy[key] = v) });
        } else {
          copy[key] = maskLeaf(key, item, zone);
        }
      }
    } else {
      write(source);
    }
  }
  return result as T;
}

/** {@link maskCardData} for a decoded envelope. */
export function maskEnvelope(envelope: Envelope): Envelope {
  return maskCardData(envelope);
}
