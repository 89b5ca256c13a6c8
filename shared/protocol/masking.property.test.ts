import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTraceStamper } from '../trace/stamper';
import { formatTraceLine } from '../trace/format';
import { VirtualClock } from '../time/virtual-clock';
import { applyTextRules, maskCardData, maskPansInText } from './masking';
import { envelopeArb } from './testing/arbitraries';
import { embedPan, panArb, placementArb, revealsPan } from './testing/card-arbitraries';

describe('masking finds a card number wherever it is written', () => {
  it('in any string or key of any message', () => {
    fc.assert(
      fc.property(envelopeArb, panArb, placementArb, (envelope, pan, placement) => {
        const dirty = embedPan(envelope, pan.written, placement);
        expect(revealsPan(JSON.stringify(dirty), pan.digits)).toBe(true);
        expect(revealsPan(JSON.stringify(maskCardData(dirty)), pan.digits)).toBe(false);
      }),
      { numRuns: 500 },
    );
    // Hundreds of generated messages: a budget for a loaded CI machine, not a timing.
  }, 60_000);

  it('in raw frame text and in every kind of trace event', () => {
    const clock = new VirtualClock();
    const stamper = createTraceStamper({ clock });
    fc.assert(
      fc.property(envelopeArb, panArb, placementArb, (envelope, pan, placement) => {
        const dirty = embedPan(envelope, pan.written, placement);
        const events = [
          { kind: 'message', observer: 'poi', direction: 'toPoi', link: 'L1', json: dirty },
          {
            kind: 'message',
            observer: 'pos',
            direction: 'toPos',
            link: 'L1',
            text: `not json ${JSON.stringify(dirty)}`,
          },
          { kind: 'op', op: 'o1', name: 'pay', phase: 'ok', detail: { response: dirty } },
        ] as const;
        for (const body of events) {
          const stamped = stamper.stamp(body);
          if (stamped === undefined) throw new Error('the stamper kept no event');
          const line = formatTraceLine(stamped);
          expect(revealsPan(line, pan.digits)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});

describe('masking of the shapes real terminals and POSes write', () => {
  it.each([
    ['a PAN with spaces', 'card 4111 1111 1111 1111 ok', 'card 4111 11** **** 1111 ok'],
    ['a PAN with dashes', '5413-3300-8902-0011', '5413-33**-****-0011'],
    [
      'a track-2 value',
      ';4111111111111111=25121010000012345678?',
      `;411111******1111=${'*'.repeat(20)}?`,
    ],
    [
      'a track-2 tail after a masked PAN',
      '411111******1111=2512101123?',
      '411111******1111=**********?',
    ],
    ['the EMV tag 57 form', '4111111111111111D25121010000', `411111******1111D${'*'.repeat(11)}`],
    [
      'a track-1 value',
      '%B4111111111111111^DOE/JOHN^2512101000000?',
      `%B411111******1111^********^${'*'.repeat(13)}?`,
    ],
    ['a PAN followed by another number', '4111 1111 1111 1111 2512', '4111 11** **** 1111 2512'],
  ])('%s', (_name, text, masked) => {
    expect(maskPansInText(text)).toBe(masked);
  });

  it('masks non-standard keys, free-text fields, receipts and keys that are card numbers', () => {
    const masked = maskCardData({
      Response: {
        Result: 'Success',
        AdditionalResponse: 'pan=4111111111111111&expiry=1228&tid=123',
      },
      CardData: { Track2: '4111111111111111=2512', PANNumber: '4111111111111111' },
      OutputContent: { OutputText: [{ Text: 'CARD: 4111 1111 1111 1111' }] },
      SaleData: { SaleReferenceID: 'ref-4111111111111111' },
      Vendor: { '4111111111111111': 'seen', Number: 4111111111111111 },
    });
    expect(masked).toEqual({
      Response: {
        Result: 'Success',
        AdditionalResponse: 'pan=411111******1111&expiry=1228&tid=123',
      },
      CardData: { Track2: '*'.repeat(21), PANNumber: '411111******1111' },
      OutputContent: { OutputText: [{ Text: 'CARD: 4111 11** **** 1111' }] },
      SaleData: { SaleReferenceID: 'ref-411111******1111' },
      Vendor: { '411111******1111': 'seen', Number: 0 },
    });
  });

  it('leaves numbers that fail the Luhn check, dates and amounts alone', () => {
    const value = {
      TransactionID: '4111111111111112',
      TimeStamp: '2026-12-06T06:45:08.123Z',
      Amount: 1234567890123,
      Text: 'order 1234567890123 on 2026-12-06',
    };
    expect(maskCardData(value)).toEqual(value);
  });
});

describe('the pre-scans of free-text masking', () => {
  /** Text made of what the rules look at: digits, separators, track marks, stars, letters. */
  const textArb = fc
    .array(
      fc.oneof(
        fc.constantFrom('0', '1', '4', '5', '9', ' ', '-', '=', 'D', '^', '*', '?', 'a', 'Z'),
        panArb.map((pan) => pan.written),
        fc.stringMatching(/^\d{1,8}$/),
        // A masked PAN and a track-1 name: what lets seven digits alone be track data.
        fc.constantFrom('************', '^NAME^'),
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it('never skip a text that the rules would change', () => {
    fc.assert(
      fc.property(textArb, (text) => {
        expect(maskPansInText(text)).toBe(applyTextRules(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('let the shortest track data through to the rules', () => {
    for (const text of ['************=1234567', '*^NAME^1234567']) {
      expect(maskPansInText(text)).not.toBe(text);
    }
  });
});
