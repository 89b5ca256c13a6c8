import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base64DecodeText, base64EncodeText } from './base64';
import { rejectNotification } from './build';
import { decode } from './codec';
import { bodyOf } from './envelope';
import { maskCardData, maskEnvelope, maskPan, maskPansInText } from './masking';

const conformance = resolve(
  import.meta.dirname,
  '../../resources/conformance/adyen-mock-terminal-api',
);

const cardData = {
  PaymentBrand: 'visa',
  MaskedPan: '4111111111111111',
  EntryMode: ['ICC'],
  SensitiveCardData: {
    PAN: '4111111111111111',
    CardSeqNumb: '01',
    ExpiryDate: '1228',
    TrackData: [{ TrackNumb: 2, TrackValue: '4111111111111111=28121010000012345678' }],
  },
  ProtectedCardData: {
    ContentType: 'id-envelopedData',
    EnvelopedData: { Version: 'v0', KEK: 'abc' },
  },
};

describe('maskPan', () => {
  it.each([
    ['4111111111111111', '411111******1111'],
    ['4111 1111 1111 1111', '4111 11** **** 1111'],
    ['5413330089020011', '541333******0011'],
    ['6000070000007003', '600007******7003'],
    ['600007 **** 7003', '****** **** 7003'], // not a full PAN: only the last 4 stay
    ['1234', '****'],
  ])('%s → %s', (pan, masked) => {
    expect(maskPan(pan)).toBe(masked);
  });
});

describe('maskCardData', () => {
  it('masks PAN, track data, sequence number, expiry and protected data, keeping shape', () => {
    const masked = maskCardData({ CardData: cardData });
    expect(masked.CardData).toEqual({
      PaymentBrand: 'visa',
      MaskedPan: '411111******1111',
      EntryMode: ['ICC'],
      SensitiveCardData: {
        PAN: '411111******1111',
        CardSeqNumb: '**',
        ExpiryDate: '****',
        TrackData: [{ TrackNumb: 0, TrackValue: '*'.repeat(37) }],
      },
      ProtectedCardData: {
        ContentType: '****************',
        EnvelopedData: { Version: '**', KEK: '***' },
      },
    });
  });

  it('does not modify its input and keeps key order', () => {
    const input = { CardData: structuredClone(cardData) };
    const before = JSON.stringify(input);
    const masked = maskCardData(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(Object.keys(masked.CardData)).toEqual(Object.keys(cardData));
  });

  it('leaves terminal-masked PANs and unrelated fields alone', () => {
    const value = { MaskedPan: '600007 **** 7003', TransactionID: '5001715635693008', Text: 'ok' };
    expect(maskCardData(value)).toEqual(value);
  });

  it('masks a recorded payment response so that it still decodes', () => {
    const text = readFileSync(
      resolve(conformance, 'payment__128_paymentInvalidCardResponse.json'),
      'utf8',
    );
    const decoded = decode(text);
    if (!decoded.ok) throw new Error(decoded.error.reason);
    const masked = maskEnvelope(decoded.value.envelope);
    const sensitive = JSON.stringify(masked);
    expect(sensitive).not.toContain('"0330"');
    expect(sensitive).toContain('"ExpiryDate":"****"');
    expect(sensitive).toContain('"CardSeqNumb":"**"');
    expect(decode(sensitive).ok).toBe(true);
  });

  it('masks card data inside the base64 RejectedMessage of a Reject notification', () => {
    const rejected = JSON.stringify({
      PaymentRequest: { CardData: { SensitiveCardData: { PAN: '4111111111111111' } } },
    });
    const reject = rejectNotification({
      rejectedText: rejected,
      reason: 'no header',
      timeStamp: '2024-05-14T13:26:21.209Z',
    });
    const typed = bodyOf(maskEnvelope(reject));
    if (typed.kind !== 'EventNotification') throw new Error(typed.kind);
    const carried = typed.body.RejectedMessage ?? '';
    const inner = base64DecodeText(carried);
    expect(inner.ok && inner.value).toBe(
      JSON.stringify({
        PaymentRequest: { CardData: { SensitiveCardData: { PAN: '411111******1111' } } },
      }),
    );
  });

  it('masks Luhn-valid card numbers in rejected free text and keeps other bytes exact', () => {
    const text = 'garbage 4111111111111111 ref 1234567890123 end';
    expect(maskPansInText(text)).toBe('garbage 411111******1111 ref 1234567890123 end');
    const encoded = base64EncodeText('{"unrelated": 1}');
    expect(maskCardData({ RejectedMessage: encoded })).toEqual({ RejectedMessage: encoded });
  });

  it('copes with hostile nesting without recursion', () => {
    let deep: unknown = { PAN: '4111111111111111' };
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    let masked: unknown = maskCardData(deep);
    for (let i = 0; i < 100_000; i += 1) masked = (masked as unknown[])[0];
    expect(masked).toEqual({ PAN: '411111******1111' });
  });
});

describe('base64', () => {
  it('matches Node for text with multi-byte characters', () => {
    for (const text of ['', 'a', 'ab', 'abc', '€ 10,99 — ünïcødé 🎉', '{"a":1}']) {
      const encoded = base64EncodeText(text);
      expect(encoded).toBe(Buffer.from(text, 'utf8').toString('base64'));
      expect(base64DecodeText(encoded)).toEqual({ ok: true, value: text });
    }
  });

  it('decodes the Reject of the conformance set', () => {
    expect(base64DecodeText('MDI4OTNmeTBmMjM4aGc=')).toEqual({ ok: true, value: '02893fy0f238hg' });
  });

  it('refuses invalid base64 and invalid UTF-8', () => {
    expect(base64DecodeText('***').ok).toBe(false);
    expect(base64DecodeText('A').ok).toBe(false);
    expect(base64DecodeText(Buffer.from([0xff, 0xfe]).toString('base64')).ok).toBe(false);
  });
});
