import { base64DecodeText, base64EncodeText } from './base64';
import type { Envelope } from './envelope';
import { parseJsonText } from './json-depth';

/**
 * Card-data masking for traces (DESIGN §5: masked by default). Works on any JSON value, typed
 * or raw, and returns a masked copy with the same shape and types, so a masked trace still
 * decodes. What is masked:
 * - `PAN`: first 6 and last 4 digits kept (PCI DSS display rule), the rest `*`;
 * - `MaskedPan`: re-masked the same way if a terminal left more than 10 digits visible;
 * - everything else inside `SensitiveCardData`, `ProtectedCardData` and `TrackData`, and any
 *   `CardSeqNumb`, `ExpiryDate` or `TrackValue`: every character `*`, numbers 0;
 * - any key naming a track (`Track2`, `track1Data`, ...): hidden like `TrackValue`;
 * - every other string, and every key, as free text ({@link maskPansInText}): card numbers
 *   (13–19 digits, spaces or dashes allowed, Luhn-valid) and track shapes wherever they are,
 *   so vendor fields, receipts and `AdditionalResponse` are covered too; a number whose digits
 *   form a card number becomes 0;
 * - `RejectedMessage` (base64 of a rejected frame): decoded, masked as JSON or as free text,
 *   and re-encoded.
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

/** A run of 13–19 digits, each pair possibly split by one space or dash, not glued to more digits. */
const PAN_RUN = /(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g;
/**
 * Track 1 after its PAN: `^NAME^` then expiry, service code and discretionary data (ISO/IEC
 * 7813 format B); everything but the separators is hidden.
 */
const TRACK1_TAIL = /(?<=\d|\*)\^([^^\n]{0,26})\^(\d{7,}[^?\n]*)/g;
/**
 * Track 2 after its PAN: `=` (or `D` in the EMV tag 57 form) then expiry, service code and
 * discretionary data, after 12 or more digits or mask stars (a PAN, masked or not).
 */
const TRACK2_TAIL = /(?<=[\d*]{12})([=D])(\d{7,})/g;

function stars(text: string): string {
  return '*'.repeat(text.length);
}

/**
 * Masks the Luhn-valid card numbers in one candidate run: the whole run when it passes, else
 * the longest spans of its separator-delimited groups that pass (a PAN written with spaces and
 * followed by another number still gets caught).
 */
function maskRun(run: string): string {
  if (luhnValid(digitsOf(run))) return maskPan(run);
  // Each group after the first starts with its separator.
  const groups = run.split(/(?=[ -])/);
  const result: string[] = [];
  let from = 0;
  while (from < groups.length) {
    let to = groups.length;
    for (; to > from; to -= 1) {
      const digits = digitsOf(groups.slice(from, to).join(''));
      if (digits.length >= FULL_PAN_DIGITS && digits.length <= 19 && luhnValid(digits)) break;
    }
    if (to > from) {
      result.push(maskPan(groups.slice(from, to).join('')));
      from = to;
    } else {
      result.push(groups[from] ?? '');
      from += 1;
    }
  }
  return result.join('');
}

function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}

/**
 * The fewest digits a text needs before any rule below can change it: a track's data after
 * its PAN (`\d{7,}`, the PAN itself possibly masked already); a card number needs more.
 */
const FEWEST_MASKED_DIGITS = 7;

/** Whether `text` holds at least `count` digits: a loop that stops early, no regex, no copy. */
function hasDigits(text: string, count: number): boolean {
  let seen = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39 && ++seen >= count) return true;
  }
  return false;
}

/**
 * Masks card data inside free text: digit runs of 13–19 (with or without single spaces or
 * dashes) that pass the Luhn check keep their first 6 and last 4 digits; the data after a PAN
 * on a magnetic track (track 1 and track 2 shapes) is hidden entirely.
 */
export function maskPansInText(text: string): string {
  if (!hasDigits(text, FEWEST_MASKED_DIGITS)) return text;
  if (!/\d{4}/.test(text) && !/\d[ -]\d/.test(text)) return text;
  return applyTextRules(text);
}

/**
 * The rules of {@link maskPansInText} without its pre-scans; exported so a property test can
 * hold the pre-scans to never skipping a text the rules would change.
 */
export function applyTextRules(text: string): string {
  return text
    .replace(TRACK1_TAIL, (_all, name: string, rest: string) => `^${stars(name)}^${stars(rest)}`)
    .replace(TRACK2_TAIL, (_all, separator: string, rest: string) => separator + stars(rest))
    .replace(PAN_RUN, maskRun);
}

/** A number written where text could be: masked when its digits form a card number. */
function maskNumber(value: number): number {
  if (!Number.isSafeInteger(value) || Math.abs(value) < 10 ** (FULL_PAN_DIGITS - 1)) return value;
  const digits = String(Math.abs(value));
  return digits.length <= 19 && luhnValid(digits) ? 0 : value;
}

function maskRejectedMessage(encoded: string): string {
  const decoded = base64DecodeText(encoded);
  // Not base64 after all: it is free text like any other field.
  if (!decoded.ok) return maskPansInText(encoded);
  // Not JSON, or nested past the budget (the usual reasons for a Reject): masked as free text.
  const parsed = parseJsonText(decoded.value);
  let masked: string;
  if (parsed.ok) {
    const copy = maskCardData(parsed.value);
    const before = JSON.stringify(parsed.value);
    const after = JSON.stringify(copy);
    masked = after === before ? decoded.value : after;
  } else {
    masked = maskPansInText(decoded.value);
  }
  // Untouched messages keep their exact original bytes.
  return masked === decoded.value ? encoded : base64EncodeText(masked);
}

/** Keys hidden wherever they appear: the named ones and anything that names a track. */
function isHiddenKey(key: string): boolean {
  return HIDDEN_KEYS.has(key) || /track/i.test(key);
}

function maskLeaf(key: string, value: unknown, zone: Zone): unknown {
  if (zone === 'hidden') return hide(value);
  if (typeof value !== 'string') {
    // A number where a card number or its details belong is hidden like text would be.
    if (zone === 'sensitive' || key === 'PAN' || isHiddenKey(key)) return hide(value);
    return typeof value === 'number' ? maskNumber(value) : value;
  }
  if (key === 'PAN') return maskPan(value);
  if (zone === 'sensitive' || isHiddenKey(key)) return hide(value);
  if (key === 'MaskedPan' && visibleDigits(value) > VISIBLE_HEAD + VISIBLE_TAIL)
    return maskPan(value);
  if (key === 'RejectedMessage') return maskRejectedMessage(value);
  return maskPansInText(value);
}

function zoneOf(key: string, parent: Zone): Zone {
  if (parent === 'hidden') return 'hidden';
  if (isHiddenKey(key)) return 'hidden';
  if (key === 'SensitiveCardData') return 'sensitive';
  // Below SensitiveCardData only a PAN keeps digits, and a nested object has none.
  return parent === 'sensitive' ? 'hidden' : 'normal';
}

/**
 * A masked deep copy of any JSON value. Iterative, so hostile nesting cannot overflow the
 * stack; the input is never modified and key order is preserved.
 */
export function maskCardData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return maskLeaf('', value, 'normal') as T;
  const root = emptyLike(value);
  // Parallel stacks of (source, its copy, its zone): this runs on every event a trace stamps,
  // so it allocates the copies and nothing per node besides them.
  const sources: object[] = [value];
  const copies: (Record<string, unknown> | unknown[])[] = [root];
  const zones: Zone[] = ['normal'];
  while (sources.length > 0) {
    const source = sources.pop() as object;
    const copy = copies.pop() as Record<string, unknown> | unknown[];
    const zone = zones.pop() as Zone;
    if (Array.isArray(source)) {
      const items = copy as unknown[];
      for (let index = 0; index < source.length; index += 1) {
        const item: unknown = source[index];
        if (typeof item === 'object' && item !== null) {
          const child = emptyLike(item);
          items[index] = child;
          sources.push(item);
          copies.push(child);
          zones.push(zone);
        } else {
          items[index] = zone === 'normal' ? maskLeaf('', item, zone) : hide(item);
        }
      }
    } else {
      const fields = copy as Record<string, unknown>;
      for (const key in source) {
        if (!Object.hasOwn(source, key)) continue;
        const item = (source as Record<string, unknown>)[key];
        // A key is free text too: a vendor may key a map by card number.
        const out = maskPansInText(key);
        if (typeof item === 'object' && item !== null) {
          const child = emptyLike(item);
          fields[out] = child;
          sources.push(item);
          copies.push(child);
          zones.push(zoneOf(key, zone));
        } else {
          fields[out] = maskLeaf(key, item, zone);
        }
      }
    }
  }
  return root as T;
}

/** The empty container a copy of `value` starts as. */
function emptyLike(value: object): Record<string, unknown> | unknown[] {
  return Array.isArray(value) ? new Array<unknown>(value.length) : {};
}

/** {@link maskCardData} for a decoded envelope. */
export function maskEnvelope(envelope: Envelope): Envelope {
  return maskCardData(envelope);
}
