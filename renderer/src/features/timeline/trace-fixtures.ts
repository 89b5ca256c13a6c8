import type { Direction, EventKind, EventOf, Observer, TraceEvent } from '@shared/trace/view';
import { describeTraceError, parseTrace } from '@shared/trace/reader';

/** An event body of any kind, before the recorder stamps it. */
type Body = { [K in EventKind]: EventOf<K> }[EventKind];

interface NexoOptions {
  readonly result?: string;
  readonly errorCondition?: string;
  readonly observer?: Observer;
  readonly link?: string;
  /** Extra fields of the body (e.g. EventToNotify). */
  readonly body?: Readonly<Record<string, unknown>>;
}

/**
 * Builds stamped trace events the way the recorder does (seq from 1 without gaps, monotonic
 * `t`), with helpers for nexo frames, for the tests of the timeline and the session panel. It
 * produces real `TraceEvent` values, nothing the schema would reject.
 */
export class TraceBuilder {
  readonly events: TraceEvent[] = [];
  private t = 0;

  /** Moves the trace clock to `t` ms (never backwards). */
  at(t: number): this {
    this.t = Math.max(this.t, t);
    return this;
  }

  add(body: Body): TraceEvent {
    const event: TraceEvent = {
      ...body,
      seq: this.events.length + 1,
      t: this.t,
      at: new Date(Date.UTC(2025, 0, 1) + this.t).toISOString(),
    };
    this.events.push(event);
    return event;
  }

  /** A nexo frame: requests go to the POI unless `direction` says otherwise. */
  nexo(
    category: string,
    type: 'Request' | 'Response' | 'Notification',
    serviceId: string,
    direction: Direction,
    options: NexoOptions = {},
  ): TraceEvent {
    const envelope = type === 'Response' ? 'SaleToPOIResponse' : 'SaleToPOIRequest';
    const response =
      options.result === undefined
        ? {}
        : {
            Response: {
              Result: options.result,
              ...(options.errorCondition === undefined
                ? {}
                : { ErrorCondition: options.errorCondition }),
            },
          };
    return this.add({
      kind: 'message',
      observer: options.observer ?? 'pos',
      direction,
      link: options.link ?? 'L1',
      json: {
        [envelope]: {
          MessageHeader: {
            ProtocolVersion: '3.1',
            MessageClass: category === 'Event' ? 'Event' : 'Service',
            MessageCategory: category,
            MessageType: type,
            ServiceID: serviceId,
            SaleID: 'POS-1',
            POIID: 'POI-1',
          },
          [`${category}${type}`]: { ...response, ...options.body },
        },
      },
    });
  }

  request(category: string, serviceId: string, options: NexoOptions = {}): TraceEvent {
    return this.nexo(category, 'Request', serviceId, 'toPoi', options);
  }

  response(
    category: string,
    serviceId: string,
    result: string,
    errorCondition?: string,
    options: NexoOptions = {},
  ): TraceEvent {
    return this.nexo(category, 'Response', serviceId, 'toPos', {
      ...options,
      result,
      errorCondition,
    });
  }

  session(from: string, to: string, reason: string): TraceEvent {
    return this.add({ kind: 'session', from, to, reason });
  }
}

/**
 * The story the window exists to tell: start-up with BUSY logins, a payment whose response is
 * lost, the timeout, recovery through TransactionStatus, and the recovered outcome.
 */
export function recoveryStory(): TraceBuilder {
  const b = new TraceBuilder();
  b.add({
    kind: 'lifecycle',
    from: 'stopped',
    to: 'initialising',
    reason: 'start',
    version: '1.4.2',
  });
  b.session('offline', 'connecting', 'start');
  b.add({ kind: 'link', observer: 'pos', link: 'L1', change: 'opened' });
  b.session('connecting', 'linked', 'link opened');
  b.session('linked', 'loggingIn', 'log in on start');
  b.at(10).request('Login', 'S1');
  b.at(25).response('Login', 'S1', 'Failure', 'Busy');
  b.session('loggingIn', 'busyBackoff', 'login answered Busy');
  b.at(1025).session('busyBackoff', 'loggingIn', 'backoff elapsed');
  b.request('Login', 'S2');
  b.at(1040).response('Login', 'S2', 'Success');
  b.session('loggingIn', 'ready', 'login succeeded');
  b.add({
    kind: 'lifecycle',
    from: 'initialising',
    to: 'ready',
    reason: 'initialised',
    version: '1.4.2',
  });
  b.at(2000).add({
    kind: 'op',
    op: 'op-1',
    name: 'pay',
    phase: 'invoke',
    detail: { category: 'Payment', amountMinor: 1250 },
  });
  b.request('Payment', 'S3');
  b.at(2100).nexo('Display', 'Request', 'D1', 'toPos');
  b.at(2500).add({
    kind: 'fault',
    name: 'approveThenDrop',
    phase: 'hit',
    hit: { category: 'Payment', serviceId: 'S3' },
  });
  b.at(5500).add({
    kind: 'timeout',
    category: 'Payment',
    serviceId: 'S3',
    afterMs: 3000,
    op: 'op-1',
  });
  b.session('ready', 'recovering', 'payment S3 timed out');
  b.at(5510).request('Login', 'S4');
  b.at(5520).response('Login', 'S4', 'Success');
  b.at(5530).request('TransactionStatus', 'S5', {
    body: { MessageReference: { ServiceID: 'S3', MessageCategory: 'Payment' } },
  });
  b.at(5560).response('TransactionStatus', 'S5', 'Success', undefined, {
    body: {
      RepeatedMessageResponse: {
        RepeatedResponseMessageBody: { PaymentResponse: { Response: { Result: 'Success' } } },
      },
    },
  });
  b.add({ kind: 'op', op: 'op-1', name: 'pay', phase: 'ok', outcome: 'recovered' });
  b.session('recovering', 'ready', 'payment S3 recovered');
  return b;
}

/** The sample traces the project ships (resources/traces), as the reader reads them. */
export function sampleTraces(): readonly (readonly TraceEvent[])[] {
  const files = import.meta.glob<string>('../../../../resources/traces/*.jsonl', {
    query: '?raw',
    import: 'default',
    eager: true,
  });
  return Object.entries(files).map(([name, text]) => {
    const trace = parseTrace(text);
    if (!trace.ok) throw new Error(`${name}: ${describeTraceError(trace.error)}`);
    return trace.value.events;
  });
}
