import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TraceEvent, type EventBody } from './events';
import {
  INITIAL_SESSION_VIEW,
  createMessagePairer,
  createSessionReplay,
  foldSessionEvents,
  formatTraceTime,
  pairMessages,
  sessionAt,
  summariseMessage,
  type TraceMessageEvent,
} from './view';

/** Stamps bodies like the recorder: seq from 1, `t` 10 ms apart unless given. */
function stamp(bodies: readonly (EventBody & { t?: number })[]): TraceEvent[] {
  return bodies.map((body, index) => {
    const t = body.t ?? index * 10;
    // Every fixture must pass the real schema, so the tests cannot drift from the vocabulary.
    return TraceEvent.parse({ ...body, seq: index + 1, t, at: new Date(t).toISOString() });
  });
}

function nexo(
  direction: 'toPoi' | 'toPos',
  category: string,
  type: string,
  serviceId: string,
  extra: Record<string, unknown> = {},
  options: { observer?: 'pos' | 'poi'; link?: string; t?: number } = {},
): EventBody & { t?: number } {
  const envelope = type === 'Response' ? 'SaleToPOIResponse' : 'SaleToPOIRequest';
  return {
    kind: 'message',
    observer: options.observer ?? 'pos',
    direction,
    link: options.link ?? 'L1',
    t: options.t,
    json: {
      [envelope]: {
        MessageHeader: {
          MessageClass: 'Service',
          MessageCategory: category,
          MessageType: type,
          ServiceID: serviceId,
          SaleID: 'POS-1',
          POIID: 'POI-1',
        },
        [`${category}${type}`]: extra,
      },
    },
  };
}

const response = (result: string, errorCondition?: string) => ({
  Response:
    errorCondition === undefined
      ? { Result: result }
      : { Result: result, ErrorCondition: errorCondition },
});

function only(events: readonly TraceEvent[], index = 0): TraceMessageEvent {
  const event = events[index];
  if (event?.kind !== 'message') throw new Error('fixture is not a message');
  return event;
}

describe('summariseMessage', () => {
  it('reads the header and the response of a nexo response', () => {
    const [event] = stamp([nexo('toPos', 'Login', 'Response', 'A7', response('Failure', 'Busy'))]);
    expect(summariseMessage(only([event!]))).toEqual({
      envelope: 'SaleToPOIResponse',
      messageClass: 'Service',
      category: 'Login',
      type: 'Response',
      serviceId: 'A7',
      saleId: 'POS-1',
      poiId: 'POI-1',
      result: 'Failure',
      errorCondition: 'Busy',
      note: undefined,
      malformed: false,
    });
  });

  it.each([
    [
      'an event',
      nexo('toPos', 'Event', 'Notification', 'E1', { EventToNotify: 'Reject' }),
      'Reject',
    ],
    [
      'a display',
      nexo('toPos', 'Display', 'Request', 'D1', {
        DisplayOutput: [{ OutputContent: { OutputText: [{ Text: 'Insert card' }] } }],
      }),
      'Insert card',
    ],
    [
      'a status answer',
      nexo('toPos', 'TransactionStatus', 'Response', 'S2', {
        ...response('Success'),
        RepeatedMessageResponse: {
          RepeatedResponseMessageBody: {
            PaymentResponse: { Response: { Result: 'Failure', ErrorCondition: 'Refusal' } },
          },
        },
      }),
      'Payment Failure Refusal',
    ],
    [
      'a status request',
      nexo('toPoi', 'TransactionStatus', 'Request', 'S3', {
        MessageReference: { ServiceID: 'P9' },
      }),
      'ref P9',
    ],
  ])('adds a note for %s', (_name, body, note) => {
    expect(summariseMessage(only(stamp([body]))).note).toBe(note);
  });

  it('keeps values a lenient terminal sends as numbers', () => {
    const body = nexo('toPos', 'Payment', 'Response', '1', response('Success'));
    const json = (
      body as { json: { SaleToPOIResponse: { MessageHeader: Record<string, unknown> } } }
    ).json;
    json.SaleToPOIResponse.MessageHeader.ServiceID = 42;
    expect(summariseMessage(only(stamp([body]))).serviceId).toBe('42');
  });

  it.each([
    ['raw text', { text: 'not json at all' }, { malformed: true, note: 'not json at all' }],
    ['JSON that is no envelope', { json: { hello: 'world' } }, { malformed: true }],
    ['an envelope without a header', { json: { SaleToPOIRequest: {} } }, { malformed: true }],
  ])('marks %s as malformed', (_name, payload, expected) => {
    const [event] = stamp([
      { kind: 'message', observer: 'pos', direction: 'toPos', link: 'L1', ...payload },
    ]);
    expect(summariseMessage(only([event!]))).toMatchObject(expected);
  });

  it('clips a long note', () => {
    const [event] = stamp([
      { kind: 'message', observer: 'pos', direction: 'toPos', link: 'L1', text: 'x'.repeat(500) },
    ]);
    expect(summariseMessage(only([event!])).note).toHaveLength(80);
  });
});

describe('pairing', () => {
  it('pairs each response with its request and measures the latency', () => {
    const events = stamp([
      nexo('toPoi', 'Login', 'Request', 'A', {}, { t: 100 }),
      nexo('toPoi', 'Payment', 'Request', 'B', {}, { t: 150 }),
      nexo('toPos', 'Login', 'Response', 'A', response('Success'), { t: 130 + 5 }),
      nexo('toPos', 'Payment', 'Response', 'B', response('Success'), { t: 900 }),
    ]);
    const pairs = pairMessages(events);
    expect(pairs.get(1)).toEqual({ requestSeq: 1, responseSeq: 3, latencyMs: 35 });
    expect(pairs.get(3)).toBe(pairs.get(1));
    expect(pairs.get(4)).toEqual({ requestSeq: 2, responseSeq: 4, latencyMs: 750 });
  });

  it('pairs a terminal request with the POS response travelling the other way', () => {
    const events = stamp([
      nexo('toPos', 'Display', 'Request', 'D'),
      nexo('toPoi', 'Display', 'Response', 'D', response('Success')),
    ]);
    expect(pairMessages(events).get(2)?.requestSeq).toBe(1);
  });

  it.each([
    ['another link', { link: 'L2' }],
    ['the other observer', { observer: 'poi' as const }],
  ])('does not pair across %s', (_name, options) => {
    const events = stamp([
      nexo('toPoi', 'Login', 'Request', 'A'),
      nexo('toPos', 'Login', 'Response', 'A', response('Success'), options),
    ]);
    expect(pairMessages(events).size).toBe(0);
  });

  it('does not pair a response twice, nor one without a request', () => {
    const pairer = createMessagePairer();
    const events = stamp([
      nexo('toPos', 'Login', 'Response', 'Z', response('Success')),
      nexo('toPoi', 'Login', 'Request', 'A'),
      nexo('toPos', 'Login', 'Response', 'A', response('Success')),
      nexo('toPos', 'Login', 'Response', 'A', response('Success')),
    ]);
    const results = events.map((event) => {
      const message = only([event]);
      return pairer.add(message, summariseMessage(message))?.requestSeq;
    });
    expect(results).toEqual([undefined, undefined, 2, undefined]);
  });
});

describe('formatTraceTime', () => {
  it.each([
    [0, '00:00.000'],
    [7, '00:00.007'],
    [61_234, '01:01.234'],
    [3_600_000 + 5, '60:00.005'],
    [12.9, '00:00.012'],
  ])('formats %d ms as %s', (t, text) => {
    expect(formatTraceTime(t)).toBe(text);
  });
});

/** A start-up with two BUSY answers, a lost payment and its recovery. */
function story(): TraceEvent[] {
  return stamp([
    { kind: 'lifecycle', from: 'stopped', to: 'initialising', reason: 'start', version: '2.0.0' },
    { kind: 'session', from: 'offline', to: 'connecting', reason: 'start' },
    { kind: 'session', from: 'connecting', to: 'linked', reason: 'link opened' },
    { kind: 'session', from: 'linked', to: 'loggingIn', reason: 'log in on start' },
    nexo('toPoi', 'Login', 'Request', 'S1'),
    nexo('toPos', 'Login', 'Response', 'S1', response('Failure', 'Busy')),
    { kind: 'session', from: 'loggingIn', to: 'busyBackoff', reason: 'busy' },
    nexo('toPoi', 'Login', 'Request', 'S2'),
    nexo('toPos', 'Login', 'Response', 'S2', response('Failure', 'Busy')),
    { kind: 'session', from: 'loggingIn', to: 'busyBackoff', reason: 'busy again' },
    nexo('toPoi', 'Login', 'Request', 'S3'),
    nexo('toPos', 'Login', 'Response', 'S3', response('Success')),
    { kind: 'session', from: 'loggingIn', to: 'ready', reason: 'login succeeded' },
    { kind: 'lifecycle', from: 'initialising', to: 'ready', reason: 'ready', version: '2.0.0' },
    {
      kind: 'op',
      op: 'op-1',
      name: 'pay',
      phase: 'invoke',
      detail: { category: 'Payment' },
      t: 1000,
    },
    nexo('toPoi', 'Payment', 'Request', 'S4', {}, { t: 1001 }),
    nexo('toPos', 'Display', 'Request', 'D1', {}, { t: 1500 }),
    { kind: 'fault', name: 'approveThenDrop', phase: 'hit', hit: { serviceId: 'S4' }, t: 1600 },
    {
      kind: 'timeout',
      category: 'Payment',
      serviceId: 'S4',
      afterMs: 3000,
      op: 'op-1',
      t: 4600,
    },
    { kind: 'session', from: 'ready', to: 'recovering', reason: 'payment timed out', t: 4600 },
    {
      kind: 'poiSession',
      link: 'L1',
      change: 'ignored',
      reason: 'no session',
      category: 'Admin',
      t: 4601,
    },
    {
      kind: 'retry',
      category: 'Admin',
      serviceId: 'S6',
      previousServiceId: 'S5',
      attempt: 1,
      reason: 'timeout',
      t: 4602,
    },
    nexo('toPoi', 'Login', 'Request', 'S7', {}, { t: 4610 }),
    nexo('toPos', 'Login', 'Response', 'S7', response('Success'), { t: 4620 }),
    { kind: 'op', op: 'op-1', name: 'pay', phase: 'ok', outcome: 'recovered', t: 4700 },
    { kind: 'session', from: 'recovering', to: 'ready', reason: 'recovered', t: 4700 },
  ]);
}

describe('sessionAt', () => {
  it('starts offline with nothing counted', () => {
    expect(sessionAt([])).toEqual(INITIAL_SESSION_VIEW);
  });

  it('tells the state, the last transition and the counters at the end', () => {
    const view = sessionAt(story());
    expect(view.state).toBe('ready');
    expect(view.lastTransition).toEqual({
      from: 'recovering',
      to: 'ready',
      reason: 'recovered',
      seq: 26,
      t: 4700,
    });
    expect(view.counters).toEqual({
      logins: 2,
      busyRetries: 2,
      timeouts: 1,
      retries: 1,
      recoveredPayments: 1,
      ignoredRequests: 1,
    });
    expect(view.peerVersion).toBe('2.0.0');
    expect(view.peerState).toBe('ready');
    expect(view.opsInFlight).toEqual([]);
  });

  it('tells the state at a given seq, with the payment in flight', () => {
    const view = sessionAt(story(), 20);
    expect(view.state).toBe('recovering');
    expect(view.seq).toBe(20);
    expect(view.lastTransition?.reason).toBe('payment timed out');
    expect(view.opsInFlight).toEqual([
      {
        op: 'op-1',
        name: 'pay',
        invokedSeq: 15,
        invokedT: 1000,
        // The timeout of this operation restarted its timer.
        activityT: 4600,
        detail: { category: 'Payment' },
      },
    ]);
  });

  it('restarts a payment timer when the terminal shows progress', () => {
    expect(sessionAt(story(), 17).opsInFlight[0]?.activityT).toBe(1500);
  });

  it('counts a BUSY retry when the session backs off', () => {
    expect(sessionAt(story(), 6).counters.busyRetries).toBe(0);
    expect(sessionAt(story(), 7).counters.busyRetries).toBe(1);
    expect(sessionAt(story(), 10).counters.busyRetries).toBe(2);
  });

  it("counts the first observer's frames only when a stream carries both sides' copies", () => {
    const events = stamp([
      nexo('toPoi', 'Login', 'Request', 'S1', {}, { observer: 'pos' }),
      nexo('toPoi', 'Login', 'Request', 'S1', {}, { observer: 'poi' }),
      nexo('toPos', 'Login', 'Response', 'S1', response('Success'), { observer: 'poi' }),
      nexo('toPos', 'Login', 'Response', 'S1', response('Success'), { observer: 'pos' }),
    ]);
    expect(sessionAt(events).counters.logins).toBe(1);
  });

  it('keeps an unknown state id as it is', () => {
    const events = stamp([{ kind: 'session', from: 'ready', to: 'hibernating', reason: 'new' }]);
    expect(sessionAt(events).state).toBe('hibernating');
  });
});

describe('foldSessionEvents', () => {
  it('folds batches to the same view as one pass, and skips a batch sent twice', () => {
    const events = story();
    const first = foldSessionEvents(INITIAL_SESSION_VIEW, events.slice(0, 12));
    const again = foldSessionEvents(first, events.slice(5, 12));
    const rest = foldSessionEvents(again, events.slice(12));
    expect(again).toEqual(first);
    expect(rest).toEqual(sessionAt(events));
  });
});

describe('createSessionReplay', () => {
  it('answers like sessionAt for every seq of the story, whatever the stride', () => {
    const events = story();
    for (const stride of [1, 3, 7, 25, 1024]) {
      const replay = createSessionReplay(events, stride);
      for (let seq = 0; seq <= events.length + 1; seq++) {
        expect(replay.at(seq)).toEqual(sessionAt(events, seq));
      }
    }
  });

  it('answers like sessionAt for any prefix of any shuffle of the story', () => {
    const bodies: EventBody[] = story().map(({ seq: _seq, t: _t, at: _at, ...body }) => body);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(bodies),
        fc.integer({ min: 1, max: 8 }),
        fc.nat(40),
        (picked, stride, seq) => {
          const events = stamp(picked);
          expect(createSessionReplay(events, stride).at(seq)).toEqual(sessionAt(events, seq));
        },
      ),
    );
  });

  it('answers for an empty trace', () => {
    expect(createSessionReplay([]).at(5)).toEqual(INITIAL_SESSION_VIEW);
  });
});
