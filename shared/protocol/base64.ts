import { err, ok, type Result } from '../result';

/**
 * UTF-8 + base64 in plain TypeScript: shared/ has neither TextEncoder nor btoa (ES2023 lib
 * only), and an EventNotification `Reject` carries the rejected frame as base64 text.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REPLACEMENT = 0xfffd;

/** The UTF-8 bytes of `text`; lone surrogates become U+FFFD, as TextEncoder does. */
export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i += 1;
      } else {
        code = REPLACEMENT;
      }
    } else if (code >= 0xdc00 && code <= 0xdfff) {
      code = REPLACEMENT;
    }
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
    else if (code < 0x10000) {
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    } else {
      bytes.push(
        0xf0 | (code >> 18),
        0x80 | ((code >> 12) & 0x3f),
        0x80 | ((code >> 6) & 0x3f),
        0x80 | (code & 0x3f),
      );
    }
  }
  return bytes;
}

/** Decodes UTF-8 bytes; fails on malformed sequences instead of guessing. */
export function utf8Decode(bytes: readonly number[]): Result<string, string> {
  let text = '';
  let i = 0;
  while (i < bytes.length) {
    const first = bytes[i] ?? 0;
    const length = sequenceLength(first);
    if (length === 0 || i + length > bytes.length) return err(`invalid UTF-8 at byte ${String(i)}`);
    let code = length === 1 ? first : first & (0xff >> (length + 1));
    for (let j = 1; j < length; j += 1) {
      const next = bytes[i + j] ?? 0;
      if ((next & 0xc0) !== 0x80) return err(`invalid UTF-8 at byte ${String(i + j)}`);
      code = (code << 6) | (next & 0x3f);
    }
    const overlong = (length === 3 && code < 0x800) || (length === 4 && code < 0x10000);
    if (overlong || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return err(`invalid UTF-8 at byte ${String(i)}`);
    }
    text += String.fromCodePoint(code);
    i += length;
  }
  return ok(text);
}

/** Bytes in a UTF-8 sequence that starts with `first`; 0 for a byte that cannot start one. */
function sequenceLength(first: number): number {
  if (first < 0x80) return 1;
  if (first >= 0xc2 && first <= 0xdf) return 2;
  if (first >= 0xe0 && first <= 0xef) return 3;
  if (first >= 0xf0 && first <= 0xf4) return 4;
  return 0;
}

/** Standard base64 (with padding) of `text`'s UTF-8 bytes. */
export function base64EncodeText(text: string): string {
  return base64EncodeBytes(utf8Encode(text));
}

/** Characters encoded per slice by {@link base64EncodeLargeText}. */
const SLICE_CHARS = 1 << 16;

/**
 * The same as {@link base64EncodeText}, a slice at a time, so a text of many megabytes never
 * exists as one array of byte numbers. Slices end between characters (never inside a surrogate
 * pair); the bytes a slice leaves over (fewer than 3) start the next one.
 */
export function base64EncodeLargeText(text: string): string {
  const parts: string[] = [];
  let carry: number[] = [];
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + SLICE_CHARS);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    const bytes = carry.concat(utf8Encode(text.slice(start, end)));
    const whole = bytes.length - (bytes.length % 3);
    parts.push(base64EncodeBytes(bytes.slice(0, whole)));
    carry = bytes.slice(whole);
    start = end;
  }
  parts.push(base64EncodeBytes(carry));
  return parts.join('');
}

/**
 * Standard base64 of the first `maxBytes` UTF-8 bytes of `text` (a character cut at the limit
 * is cut, as a byte-oriented terminal would). Only the characters that can fit are encoded, so
 * a huge text is never copied whole.
 */
export function base64EncodeTextPrefix(text: string, maxBytes: number): string {
  return base64EncodeBytes(utf8Encode(text.slice(0, maxBytes)).slice(0, maxBytes));
}

/** Standard base64 (with padding) of `bytes`. */
export function base64EncodeBytes(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const triple = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += ALPHABET[(triple >> 18) & 63] ?? '';
    out += ALPHABET[(triple >> 12) & 63] ?? '';
    out += b === undefined ? '=' : (ALPHABET[(triple >> 6) & 63] ?? '');
    out += c === undefined ? '=' : (ALPHABET[triple & 63] ?? '');
  }
  return out;
}

/** Decodes standard base64 (padding optional, whitespace ignored) to UTF-8 text. */
export function base64DecodeText(encoded: string): Result<string, string> {
  const clean = encoded.replace(/\s+/g, '').replace(/=+$/, '');
  if (clean.length % 4 === 1) return err('invalid base64 length');
  const bytes: number[] = [];
  let buffer = 0;
  let bits = 0;
  for (const char of clean) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return err(`invalid base64 character ${JSON.stringify(char)}`);
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
  }
  return utf8Decode(bytes);
}
