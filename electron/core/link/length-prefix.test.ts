import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrameDecoder, encodeFrame, type Decoded } from './length-prefix';

const LIMIT = 1024 * 1024;

function frames(...texts: string[]): Decoded[] {
  return texts.map((text) => ({ kind: 'frame', text }));
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, inside the buffer). */
function cut(bytes: Buffer, offsets: readonly number[]): Buffer[] {
  const points = [...new Set(offsets.filter((o) => o > 0 && o < bytes.length))].sort(
    (a, b) => a - b,
  );
  const parts: Buffer[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    parts.push(bytes.subarray(from, point));
    from = point;
  }
  return parts;
}

describe('length-prefixed frames', () => {
  it('prefixes the UTF-8 length, big-endian, not counting the prefix', () => {
    const frame = encodeFrame('{"a":"é"}');
    expect([...frame.subarray(0, 4)]).toEqual([0, 0, 0, 10]);
    expect(frame.subarray(4).toString('utf8')).toBe('{"a":"é"}');
  });

  it('decodes a frame written one byte at a time', () => {
    const decoder = new FrameDecoder(LIMIT);
    const bytes = encodeFrame('{"SaleToPOIRequest":{}}');
    const out: Decoded[] = [];
    for (const byte of bytes) out.push(...decoder.push(Buffer.from([byte])));
    expect(out).toEqual(frames('{"SaleToPOIRequest":{}}'));
  });

  it('decodes several frames coalesced in one segment', () => {
    const decoder = new FrameDecoder(LIMIT);
    const bytes = Buffer.concat([encodeFrame('one'), encodeFrame(''), encodeFrame('three')]);
    expect(decoder.push(bytes)).toEqual(frames('one', '', 'three'));
  });

  it('waits for a length prefix torn across segments', () => {
    const decoder = new FrameDecoder(LIMIT);
    const bytes = Buffer.concat([encodeFrame('first'), encodeFrame('second')]);
    // The second prefix starts at byte 9; cut inside it.
    expect(decoder.push(bytes.subarray(0, 11))).toEqual(frames('first'));
    expect(decoder.push(bytes.subarray(11, 12))).toEqual([]);
    expect(decoder.push(bytes.subarray(12))).toEqual(frames('second'));
  });

  it('yields a zero-length frame as empty text', () => {
    expect(new FrameDecoder(LIMIT).push(encodeFrame(''))).toEqual(frames(''));
  });

  it('passes garbage through as text for the receiver to judge', () => {
    const garbage = Buffer.from([0xff, 0xfe, 0x41]);
    const prefix = Buffer.from([0, 0, 0, 3]);
    expect(new FrameDecoder(LIMIT).push(Buffer.concat([prefix, garbage]))).toEqual(
      frames('\uFFFD\uFFFDA'),
    );
  });

  it('refuses a declared length over the limit before any payload arrives', () => {
    const decoder = new FrameDecoder(LIMIT);
    const prefix = Buffer.alloc(4);
    prefix.writeUInt32BE(LIMIT + 1, 0);
    expect(decoder.push(Buffer.concat([encodeFrame('ok'), prefix]))).toEqual([
      ...frames('ok'),
      { kind: 'oversize', declaredBytes: LIMIT + 1 },
    ]);
    // The stream cannot be framed any more: nothing after the refusal is decoded.
    expect(decoder.push(encodeFrame('after'))).toEqual([]);
  });

  it('accepts a frame of exactly the limit', () => {
    const text = 'x'.repeat(LIMIT);
    expect(new FrameDecoder(LIMIT).push(encodeFrame(text))).toEqual(frames(text));
  });

  it('decodes any sequence of frames under any segmentation', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 300 }), { maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (texts, offsets) => {
          const bytes = Buffer.concat(texts.map(encodeFrame));
          const decoder = new FrameDecoder(LIMIT);
          const out = cut(
            bytes,
            offsets.map((o) => (bytes.length === 0 ? 0 : o % bytes.length)),
          ).flatMap((part) => decoder.push(part));
          expect(out).toEqual(frames(...texts));
        },
      ),
      { numRuns: 500 },
    );
  });
});
