import type { SessionStateId } from '../session/states';
// The `events` entry of the Node built-ins in eslint.config.js also matches this sibling
// module (no-restricted-imports patterns match any path segment); it is not node:events.
import type { Direction, EventKind, EventOf, Observer, TraceEvent } from './events';

/** The event types this module's API speaks in, so that viewers need a single import. */
export type { Direction, EventKind, EventOf, Observer, TraceEvent };

/**
 * Pure derivations over trace events that every viewer needs (the window's timeline and
 * session panel, the replay view, the CLI): a one-line summary of a nexo message, the pairing
 * of requests with their responses, and the session as it stood at any point of a trace.
 *
 * The nexo envelope is read directly (not through the protocol decoder) because a viewer must
 * show whatever was on the wire, including frames the decoder would reject.
 */

/** A message event with its stamp. */
export type TraceMessageEvent = TraceEvent & EventOf<'message'>;

/** What a timeline row says about one wire frame. Every field is optional: frames can be junk. */
export interface MessageSummary {
  /** `SaleToPOIRequest` or `SaleToPOIResponse`; undefined when the frame is no nexo envelope. */
  readonly envelope?: 'SaleToPOIRequest' | 'SaleToPOIResponse';
  readonly messageClass?: string;
  readonly category?: string;
  /** `Request`, `Response` or `Notification` (or whatever the header said). */
  readonly type?: string;
  readonly serviceId?: string;
  readonly saleId?: string;
  readonly poiId?: string;
  /** `Response.Result` of a response body. */
  readonly result?: string;
  /** `Response.ErrorCondition` of a response body. */
  readonly errorCondition?: string;
  /**
   * A short extra worth a glance: the EventToNotify of an event, the first display text, the
   * inner result of a RepeatedMessageResponse, the first characters of a malformed frame.
   */
  readonly note?: string;
  /** True when the frame was not JSON or not a nexo envelope. */
  readonly malformed: boolean;
}

type Json = Readonly<Record<string, unknown>>;

function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Strings pass; numbers and booleans (sent by lenient terminals) are shown as text. */
function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function path(value: unknown, ...keys: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of keys) {
    if (typeof key === 'number') {
      current = Array.isArray(current) ? (current as readonly unknown[])[key] : undefined;
    } else {
      current = asObject(current)?.[key];
    }
  }
  return current;
}

const NOTE_LIMIT = 80;

function clip(text: string): string {
  return text.length > NOTE_LIMIT ? `${text.slice(0, NOTE_LIMIT - 1)}…` : text;
}

/** The inner result of a TransactionStatus answer, e.g. "Payment Success" or "Payment Failure Refusal". */
function repeatedNote(body: Json): string | undefined {
  const repeated = asObject(path(body, 'RepeatedMessageResponse', 'RepeatedResponseMessageBody'));
  if (repeated === undefined) return undefined;
  for (const [key, inner] of Object.entries(repeated)) {
    const result = asText(path(inner, 'Response', 'Result'));
    const condition = asText(path(inner, 'Response', 'ErrorCondition'));
    const name = key.endsWith('Response') ? key.slice(0, -'Response'.length) : key;
    return [name, result, condition].filter((part) => part !== undefined).join(' ');
  }
  return undefined;
}

/** Extra detail by body key; a table rather than a chain of ifs. */
const NOTES: Readonly<Record<string, (body: Json) => string | undefined>> = {
  EventNotification: (body) => asText(body.EventToNotify),
  DisplayRequest: (body) =>
    asText(path(body, 'DisplayOutput', 0, 'OutputContent', 'OutputText', 0, 'Text')),
  TransactionStatusResponse: repeatedNote,
  TransactionStatusRequest: (body) => {
    const reference = asText(path(body, 'MessageReference', 'ServiceID'));
    return reference === undefined ? undefined : `ref ${reference}`;
  },
  AbortRequest: (body) => {
    const reference = asText(path(body, 'MessageReference', 'ServiceID'));
    return reference === undefined ? undefined : `ref ${reference}`;
  },
};

const MALFORMED: MessageSummary = { malformed: true };

/** Reads the header and the response of a nexo JSON envelope (or says why it cannot). */
export function summariseMessage(event: EventOf<'message'>): MessageSummary {
  const root = asObject(event.json);
  if (root === undefined) {
    const text = event.text;
    return text === undefined ? MALFORMED : { malformed: true, note: clip(text) };
  }
  const envelope =
    'SaleToPOIRequest' in root
      ? 'SaleToPOIRequest'
      : 'SaleToPOIResponse' in root
        ? 'SaleToPOIResponse'
        : undefined;
  const message = envelope === undefined ? undefined : asObject(root[envelope]);
  if (envelope === undefined || message === undefined) return MALFORMED;
  const header = asObject(message.MessageHeader);
  const category = asText(header?.MessageCategory);
  const type = asText(header?.MessageType);
  const bodyKey = category !== undefined && type !== undefined ? `${category}${type}` : undefined;
  const body = bodyKey === undefined ? undefined : asObject(message[bodyKey]);
  const note = bodyKey === undefined || body === undefined ? undefined : NOTES[bodyKey]?.(body);
  return {
    envelope,
    messageClass: asText(header?.MessageClass),
    category,
    type,
    serviceId: asText(header?.ServiceID),
    saleId: asText(header?.SaleID),
    poiId: asText(header?.POIID),
    result: asText(path(body, 'Response', 'Result')),
    errorCondition: asText(path(body, 'Response', 'ErrorCondition')),
    note: note === undefined ? undefined : clip(note),
    malformed: header === undefined,
  };
}

/** A response matched to the request it answers. */
export interface MessagePair {
  readonly requestSeq: number;
  readonly responseSeq: number;
  /** Response `t` minus request `t`, in milliseconds. */
  readonly latencyMs: number;
}

const OPPOSITE: Readonly<Record<Direction, Direction>> = { toPoi: 'toPos', toPos: 'toPoi' };

/**
 * Pairs requests with their responses as events arrive, in one pass. A response answers the
 * latest unanswered request seen by the same observer on the same link, with the same category
 * and ServiceID, travelling the other way (so a DisplayRequest from the terminal pairs with the
 * POS's DisplayResponse). One instance per event stream; feed it in seq order.
 */
export interface MessagePairer {
  /** Records a message; returns its pair when it is a response to a known request. */
  add(event: TraceMessageEvent, summary: MessageSummary): MessagePair | undefined;
}

function pairKey(
  observer: Observer,
  link: string,
  direction: Direction,
  category: string,
  serviceId: string,
): string {
  return `${observer}\u0000${link}\u0000${direction}\u0000${category}\u0000${serviceId}`;
}

export function createMessagePairer(): MessagePairer {
  const open = new Map<string, { seq: number; t: number }>();
  return {
    add(event, summary) {
      const { category, serviceId, type } = summary;
      if (category === undefined || serviceId === undefined) return undefined;
      if (type === 'Request') {
        const key = pairKey(event.observer, event.link, event.direction, category, serviceId);
        open.set(key, { seq: event.seq, t: event.t });
        return undefined;
      }
      if (type !== 'Response') return undefined;
      const key = pairKey(
        event.observer,
        event.link,
        OPPOSITE[event.direction],
        category,
        serviceId,
      );
      const request = open.get(key);
      if (request === undefined) return undefined;
      open.delete(key);
      return { requestSeq: request.seq, responseSeq: event.seq, latencyMs: event.t - request.t };
    },
  };
}

/** Every request/response pair of a trace, keyed by both ends' seq. */
export function pairMessages(events: readonly TraceEvent[]): ReadonlyMap<number, MessagePair> {
  const pairer = createMessagePairer();
  const pairs = new Map<number, MessagePair>();
  for (const event of events) {
    if (event.kind !== 'message') continue;
    const pair = pairer.add(event, summariseMessage(event));
    if (pair === undefined) continue;
    pairs.set(pair.requestSeq, pair);
    pairs.set(pair.responseSeq, pair);
  }
  return pairs;
}

/** Monotonic trace milliseconds as `mm:ss.mmm` (minutes keep counting past 59). */
export function formatTraceTime(t: number): string {
  const total = Math.max(0, Math.floor(t));
  const ms = total % 1000;
  const seconds = Math.floor(total / 1000) % 60;
  const minutes = Math.floor(total / 60_000);
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}.${String(ms).padStart(3, '0')}`;
}

/** Counters the session panel shows, all derived from events. */
export interface TracedCounters {
  /** Login requests answered Success (sessions opened, including re-logins). */
  readonly logins: number;
  /**
   * BUSY backoffs: transitions into `busyBackoff`, each a Login answered Busy that will be sent
   * again (the session manager's own `busyRetries` counts the same moments).
   */
  readonly busyRetries: number;
  /** `timeout` events: expected responses that did not come in time. */
  readonly timeouts: number;
  /** `retry` events: requests sent again after a timeout, a BUSY answer or a lost session (BUSY logins included). */
  readonly retries: number;
  /** Operations whose final record has the outcome `recovered`. */
  readonly recoveredPayments: number;
  /** Requests the payment application ignored for want of a session (`poiSession` ignored). */
  readonly ignoredRequests: number;
}

/** An operation invoked and not yet finished. */
export interface TracedOp {
  readonly op: string;
  readonly name: string;
  readonly invokedSeq: number;
  readonly invokedT: number;
  /**
   * When the operation's timer last (re)started: the invoke, a retry or timeout of this
   * operation, or progress shown by the terminal during a payment.
   */
  readonly activityT: number;
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** The last transition of the client's session state machine. */
export interface SessionTransition {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly seq: number;
  readonly t: number;
}

/** The session as the events up to `seq` tell it. */
export interface SessionView {
  /** A {@link SessionStateId}, or an id a newer harness introduced. */
  readonly state: SessionStateId | (string & {});
  readonly lastTransition?: SessionTransition;
  readonly counters: TracedCounters;
  /** Version the payment application last reported (lifecycle events). */
  readonly peerVersion?: string;
  /** Lifecycle state of the payment application (e.g. initialising, ready, stopped). */
  readonly peerState?: string;
  readonly opsInFlight: readonly TracedOp[];
  /** Seq and `t` of the last event folded in (0 before any). */
  readonly seq: number;
  readonly t: number;
  /**
   * The side whose wire frames are counted: the first observer seen, so a stream holding both
   * sides' copies of each frame counts each frame once.
   */
  readonly observer?: Observer;
}

const ZERO_COUNTERS: TracedCounters = {
  logins: 0,
  busyRetries: 0,
  timeouts: 0,
  retries: 0,
  recoveredPayments: 0,
  ignoredRequests: 0,
};

/** The session before any event: offline, nothing counted. */
export const INITIAL_SESSION_VIEW: SessionView = {
  state: 'offline',
  counters: ZERO_COUNTERS,
  opsInFlight: [],
  seq: 0,
  t: 0,
};

function bump(view: SessionView, counter: keyof TracedCounters): TracedCounters {
  return { ...view.counters, [counter]: view.counters[counter] + 1 };
}

/** Restarts the timer of the operations in flight that `matches` picks. */
function touchOps(
  ops: readonly TracedOp[],
  t: number,
  matches: (op: TracedOp) => boolean,
): readonly TracedOp[] {
  return ops.some(matches) ? ops.map((op) => (matches(op) ? { ...op, activityT: t } : op)) : ops;
}

/** True for an operation whose timeout counts inactivity (DESIGN §7: a payment's timer restarts on progress). */
export function isPaymentOp(op: Pick<TracedOp, 'name' | 'detail'>): boolean {
  return /^pay/i.test(op.name) || op.detail?.category === 'Payment';
}

const PROGRESS_CATEGORIES: ReadonlySet<string> = new Set(['Display', 'Event']);

function foldMessage(view: SessionView, event: TraceMessageEvent): SessionView {
  const observer = view.observer ?? event.observer;
  if (event.observer !== observer) return view;
  const summary = summariseMessage(event);
  let next: SessionView = view.observer === undefined ? { ...view, observer } : view;
  if (summary.category === 'Login' && summary.type === 'Response' && summary.result === 'Success') {
    next = { ...next, counters: bump(next, 'logins') };
  } else if (
    event.direction === 'toPos' &&
    summary.category !== undefined &&
    PROGRESS_CATEGORIES.has(summary.category)
  ) {
    next = { ...next, opsInFlight: touchOps(next.opsInFlight, event.t, isPaymentOp) };
  }
  return next;
}

function foldOp(view: SessionView, event: TraceEvent & EventOf<'op'>): SessionView {
  if (event.phase === 'invoke') {
    const op: TracedOp = {
      op: event.op,
      name: event.name,
      invokedSeq: event.seq,
      invokedT: event.t,
      activityT: event.t,
      detail: event.detail,
    };
    return { ...view, opsInFlight: [...view.opsInFlight.filter((o) => o.op !== event.op), op] };
  }
  // ok, fail and info are final records (info = indeterminate outcome).
  const opsInFlight = view.opsInFlight.filter((o) => o.op !== event.op);
  const counters = event.outcome === 'recovered' ? bump(view, 'recoveredPayments') : view.counters;
  return { ...view, opsInFlight, counters };
}

/** Folds one event into the session view; events must arrive in seq order. */
export function foldSessionView(view: SessionView, event: TraceEvent): SessionView {
  const stamped: SessionView = { ...view, seq: event.seq, t: event.t };
  switch (event.kind) {
    case 'session':
      return {
        ...stamped,
        state: event.to,
        counters: event.to === 'busyBackoff' ? bump(stamped, 'busyRetries') : stamped.counters,
        lastTransition: {
          from: event.from,
          to: event.to,
          reason: event.reason,
          seq: event.seq,
          t: event.t,
        },
      };
    case 'message':
      return foldMessage(stamped, event);
    case 'timeout':
      return {
        ...stamped,
        counters: bump(stamped, 'timeouts'),
        opsInFlight: touchOps(stamped.opsInFlight, event.t, (o) => o.op === event.op),
      };
    case 'retry':
      return {
        ...stamped,
        counters: bump(stamped, 'retries'),
        opsInFlight: touchOps(stamped.opsInFlight, event.t, (o) => o.op === event.op),
      };
    case 'op':
      return foldOp(stamped, event);
    case 'lifecycle':
      return { ...stamped, peerVersion: event.version, peerState: event.to };
    case 'poiSession':
      return event.change === 'ignored'
        ? { ...stamped, counters: bump(stamped, 'ignoredRequests') }
        : stamped;
    case 'fault':
    case 'link':
    case 'ledger':
    case 'security':
      return stamped;
  }
}

/**
 * Folds a batch of events into a view (the live panel's append). Events at or before the
 * view's seq are skipped, so a batch sent twice (a bridge reconnecting) counts once.
 */
export function foldSessionEvents(view: SessionView, events: readonly TraceEvent[]): SessionView {
  let next = view;
  for (const event of events) {
    if (event.seq > next.seq) next = foldSessionView(next, event);
  }
  return next;
}

/** The session as it stood right after the event numbered `seq` (every event when omitted). */
export function sessionAt(
  events: readonly TraceEvent[],
  seq = Number.POSITIVE_INFINITY,
): SessionView {
  let view = INITIAL_SESSION_VIEW;
  for (const event of events) {
    if (event.seq > seq) break;
    view = foldSessionView(view, event);
  }
  return view;
}

/** Random access to {@link sessionAt} for a scrubber: checkpoints every `stride` events. */
export interface SessionReplay {
  at(seq: number): SessionView;
}

/**
 * Builds checkpoints once (O(n)) so that each later {@link SessionReplay.at} folds at most
 * `stride` events: scrubbing a 100,000-event trace stays instant.
 */
export function createSessionReplay(events: readonly TraceEvent[], stride = 1024): SessionReplay {
  const checkpoints: SessionView[] = [];
  let view = INITIAL_SESSION_VIEW;
  events.forEach((event, index) => {
    if (index % stride === 0) checkpoints.push(view);
    view = foldSessionView(view, event);
  });
  return {
    at(seq) {
      // Index of the first event after `seq` (events are in seq order).
      let lo = 0;
      let hi = events.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((events[mid]?.seq ?? Number.POSITIVE_INFINITY) <= seq) lo = mid + 1;
        else hi = mid;
      }
      // The last checkpoint at or before `lo` (none only when the trace is empty).
      const block = Math.max(0, Math.min(Math.floor(lo / stride), checkpoints.length - 1));
      let at = checkpoints[block] ?? INITIAL_SESSION_VIEW;
      for (let i = block * stride; i < lo; i++) {
        const event = events[i];
        if (event !== undefined) at = foldSessionView(at, event);
      }
      return at;
    },
  };
}
