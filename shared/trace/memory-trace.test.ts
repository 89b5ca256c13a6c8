import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../time/virtual-clock';
import type { EventBody } from './events';
import { createMemoryTrace } from './memory-trace';
import { parseTrace } from './reader';

const HEADER = { harnessVersion: '0.1.0', role: 'client', profile: 'app2app', policy: {} } as const;
const PAN = '4111111111111111';

/** A PaymentResponse carrying card data the way a terminal sends it. */
function paymentResponse(): EventBody {
  return {
    kind: 'message',
    observer: 'pos',
    direction: 'toPos',
    link: 'L1',
    json: {
      SaleToPOIResponse: {
        MessageHeader: { MessageCategory: 'Payment', ServiceID: '5' },
        PaymentResponse: {
          Response: { Result: 'Success' },
          PaymentResult: {
            PaymentInstrumentData: {
              CardData: {
                MaskedPan: '411111******1111',
                SensitiveCardData: { PAN, ExpiryDate: '1230', CardSeqNumb: '01' },
              },
            },
          },
        },
      },
    },
  };
}

const malformed: EventBody = {
  kind: 'message',
  observer: 'pos',
  direction: 'toPoi',
  link: 'L1',
  text: `{"PAN": ${PAN}, oops`,
};

describe('createMemoryTrace', () => {
  it('masks card data in wire messages by default, raw text included', () => {
    const clock = new VirtualClock();
    const trace = createMemoryTrace({ clock, header: HEADER });
    const body = paymentResponse();
    trace.record(body);
    trace.record(malformed);

    expect(trace.header.masked).toBe(true);
    const text = trace.toText();
    expect(text).not.toContain(PAN);
    expect(text).not.toContain('1230');
    const [response, raw] = trace.events();
    expect(JSON.stringify(response)).toContain('"PAN":"411111******1111"');
    expect(raw).toMatchObject({ text: '{"PAN": 411111******1111, oops' });
    // The producer's own object is left alone.
    expect(JSON.stringify(body)).toContain(PAN);
  });

  it('keeps card data when masking is switched off, and says so in the header', () => {
    const trace = createMemoryTrace({ clock: new VirtualClock(), header: HEADER, mask: false });
    trace.record(paymentResponse());
    trace.record(malformed);
    expect(trace.header.masked).toBe(false);
    expect(trace.toText().split(PAN)).toHaveLength(3);
  });

  it('masks the same text only when it is written, with maskWhen: write', () => {
    const bodies: EventBody[] = [
      paymentResponse(),
      malformed,
      { kind: 'fault', name: 'note', phase: 'hit', note: `card ${PAN}` },
      { kind: 'link', observer: 'poi', link: 'L1', change: 'opened' },
    ];
    const clock = new VirtualClock(Date.UTC(2026, 4, 1, 12));
    const onRecord = createMemoryTrace({ clock, header: HEADER });
    const onWrite = createMemoryTrace({ clock, header: HEADER, maskWhen: 'write' });
    for (const body of bodies) {
      onRecord.record(body);
      onWrite.record(body);
      clock.advance(7.5);
    }
    expect(onWrite.header).toEqual(onRecord.header);
    expect(onWrite.toText()).toBe(onRecord.toText());
    expect(onWrite.toText()).not.toContain(PAN);
    // In memory the frames stay as their producers made them, until the text is written.
    expect(JSON.stringify(onWrite.events())).toContain(PAN);
  });

  it('stamps seq, monotonic t and wall time in call order, and keeps one side of the wire', () => {
    const clock = new VirtualClock(Date.UTC(2026, 4, 1, 12));
    clock.advance(1000);
    const trace = createMemoryTrace({ clock, header: HEADER, observers: ['poi'] });
    trace.record({ kind: 'link', observer: 'pos', link: 'L1', change: 'opened' });
    trace.record({ kind: 'link', observer: 'poi', link: 'L1', change: 'opened' });
    clock.advance(12.3456);
    trace.record({ kind: 'poiSession', link: 'L1', change: 'opened', reason: 'login' });
    trace.record(paymentResponse());

    expect(trace.header.createdAt).toBe('2026-05-01T12:00:01.000Z');
    expect(trace.events().map((e) => [e.seq, e.kind, e.t, e.at])).toEqual([
      [1, 'link', 0, '2026-05-01T12:00:01.000Z'],
      [2, 'poiSession', 12.346, '2026-05-01T12:00:01.012Z'],
    ]);
    const parsed = parseTrace(trace.toText());
    expect(parsed.ok && parsed.value.events).toEqual(trace.events());
  });
});
