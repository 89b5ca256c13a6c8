import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES } from '../protocol/limits';
import {
  encodeCall,
  encodePush,
  encodeReply,
  parseCallFrame,
  parseServerFrame,
  utf8ByteLength,
} from './api-frames';

describe('utf8ByteLength', () => {
  it('agrees with a real UTF-8 encoder on any string, lone surrogates included', () => {
    const encoder = new TextEncoder();
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(utf8ByteLength(text)).toBe(encoder.encode(text).length);
      }),
    );
    expect(utf8ByteLength('\ud800x')).toBe(encoder.encode('\ud800x').length);
  });
});

describe('parseCallFrame', () => {
  it('accepts a call with and without a payload', () => {
    expect(parseCallFrame(encodeCall(1, 'app:info', undefined))).toEqual({
      ok: true,
      value: { type: 'call', id: 1, channel: 'app:info' },
    });
    expect(parseCallFrame('{"type":"call","id":2,"channel":"x:y","payload":{"a":1}}')).toEqual({
      ok: true,
      value: { type: 'call', id: 2, channel: 'x:y', payload: { a: 1 } },
    });
  });

  it.each([
    ['not JSON', '{"type":', null, /^frame is not JSON/],
    ['a JSON array', '[1,2]', null, /^frame is not a call/],
    ['a wrong type', '{"type":"push","id":3,"channel":"app:info"}', 3, /^frame is not a call/],
    ['a fractional id', '{"type":"call","id":1.5,"channel":"app:info"}', null, /id/],
    ['an unknown key', '{"type":"call","id":4,"channel":"app:info","extra":1}', 4, /extra/],
  ])('rejects %s with an invalid-request reply', (_name, text, id, message) => {
    const parsed = parseCallFrame(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.id).toBe(id);
    expect(parsed.error.error.kind).toBe('invalid-request');
    expect(parsed.error.error.message).toMatch(message);
  });

  it('rejects a frame over 1 MiB by its UTF-8 size, before parsing it', () => {
    const padding = 'é'.repeat(MAX_FRAME_BYTES / 2); // 2 bytes each: exactly the limit alone
    const parsed = parseCallFrame(
      `{"type":"call","id":1,"channel":"app:info","payload":"${padding}"}`,
    );
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error.error.message).toMatch(/over the 1048576-byte limit/);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(typeof parseCallFrame(text).ok).toBe('boolean');
      }),
    );
  });
});

describe('parseServerFrame', () => {
  it('reads back what the host encodes', () => {
    expect(parseServerFrame(encodeReply(7, { ok: true, value: { a: 1 } }))).toEqual({
      ok: true,
      value: { type: 'reply', id: 7, result: { ok: true, value: { a: 1 } } },
    });
    const failure = { ok: false, error: { kind: 'disconnected', message: 'gone' } } as const;
    expect(parseServerFrame(encodeReply(null, failure))).toEqual({
      ok: true,
      value: { type: 'reply', id: null, result: failure },
    });
    expect(parseServerFrame(encodePush('events:batch', []))).toEqual({
      ok: true,
      value: { type: 'push', channel: 'events:batch', payload: [] },
    });
  });

  it('rejects an error reply whose error kind is not in the contract', () => {
    const text = '{"type":"reply","id":1,"result":{"ok":false,"error":{"kind":"x","message":""}}}';
    expect(parseServerFrame(text).ok).toBe(false);
  });
});
