import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decode, decodeValue, encode } from './codec';
import type { Envelope } from './envelope';
import { envelopeArb } from './testing/arbitraries';
import { mutatedArb, type Json } from './testing/mutations';

describe('codec properties', () => {
  it('encode → decode round-trips every generated valid message', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const encoded = encode(envelope);
        if (!encoded.ok) throw new Error(`${encoded.error.path}: ${encoded.error.reason}`);
        const decoded = decode(encoded.value);
        expect(decoded.ok && decoded.value.envelope).toEqual(envelope);
        // The harness's own messages never need leniency.
        expect(decoded.ok && decoded.value.warnings).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('decode never throws on arbitrary text and answers an error with a path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.json()), (text) => {
        const decoded = decode(text);
        if (!decoded.ok) {
          expect(decoded.error.path.startsWith('$')).toBe(true);
          expect(decoded.error.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('decode never throws on mutated valid messages and names the path of a failure', () => {
    fc.assert(
      fc.property(mutatedArb, ({ mutated }) => {
        const decoded = decode(JSON.stringify(mutated));
        if (!decoded.ok) {
          expect(['notEnvelope', 'invalid']).toContain(decoded.error.kind);
          expect(decoded.error.path).toMatch(/^\$/);
          expect(decoded.error.reason).not.toBe('');
        }
        // Strict checking of the same garbage must not throw either.
        const encoded = encode(mutated as unknown as Envelope);
        if (!encoded.ok) expect(encoded.error.path).toMatch(/^\$/);
      }),
      { numRuns: 300 },
    );
    // A thousand generated messages: a budget for a loaded CI machine, not a timing.
  }, 60_000);

  it('a mutation that removes the header, body or a required field is reported', () => {
    fc.assert(
      fc.property(envelopeArb, (envelope) => {
        const wrapper = Object.keys(envelope)[0] as string;
        const json = JSON.parse(JSON.stringify(envelope)) as Record<string, Record<string, Json>>;
        const message = json[wrapper] as Record<string, Json>;
        const { MessageHeader: _header, ...withoutHeader } = message;
        const noHeader = decodeValue({ [wrapper]: withoutHeader });
        expect(noHeader.ok ? 'ok' : noHeader.error.path).toBe(`$.${wrapper}.MessageHeader`);
        const header = message.MessageHeader as Record<string, Json>;
        const { SaleID: _sale, ...headerWithoutSale } = header;
        const noSale = decodeValue({ [wrapper]: { ...message, MessageHeader: headerWithoutSale } });
        expect(noSale.ok ? 'ok' : noSale.error).toMatchObject({
          kind: 'invalid',
          path: `$.${wrapper}.MessageHeader.SaleID`,
          reason: 'missing required field SaleID',
        });
      }),
      { numRuns: 200 },
    );
  });
});
