import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64EncodeLargeText, base64EncodeText } from './base64';

describe('base64EncodeLargeText', () => {
  it('gives what Node gives for the UTF-8 bytes, across slice boundaries', () => {
    // A pair split by the 65,536-character slice edge must stay one character.
    const edge = 'a'.repeat((1 << 16) - 1) + '😀' + 'é'.repeat(5);
    expect(base64EncodeLargeText(edge)).toBe(Buffer.from(edge, 'utf8').toString('base64'));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.nat(3), (text, pad) => {
        const long = 'x'.repeat((1 << 16) - pad) + text;
        expect(base64EncodeLargeText(long)).toBe(Buffer.from(long, 'utf8').toString('base64'));
        expect(base64EncodeLargeText(text)).toBe(base64EncodeText(text));
      }),
      { numRuns: 50 },
    );
  });
});
