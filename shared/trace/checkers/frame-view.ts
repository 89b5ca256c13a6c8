import type { Direction, EventOf, Observer, TraceEvent } from '../events';
import { summariseMessage, type MessageSummary } from '../view';

/**
 * The checkers' view of wire frames. Frames are read leniently (any JSON, missing fields
 * allowed) because a checker must judge whatever a foreign POS put on the wire; a frame that is
 * not a nexo envelope is simply not a request or a response here.
 */

/** A JSON object as found in a frame. */
export type Json = Readonly<Record<string, unknown>>;

/** A message event with its stamp. */
export type StampedMessage = TraceEvent & EventOf<'message'>;

/** One frame with the fields the rules need. */
export interface WireMessage extends MessageSummary {
  readonly seq: number;
  readonly t: number;
  readonly link: string;
  readonly direction: Direction;
  /** The `<Category><Type>` body (e.g. `PaymentRequest`), when the frame has one. */
  readonly body?: Json;
  /** The MessageHeader, when the frame has one. */
  readonly header?: Json;
}

export function asObject(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : undefined;
}

/** Strings pass; numbers (lenient terminals send numeric ids) are read as text. */
export function asText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Follows object keys; undefined as soon as one is missing. */
export function at(value: unknown, ...keys: readonly string[]): unknown {
  let current = value;
  for (const key of keys) current = asObject(current)?.[key];
  return current;
}

/**
 * Whose copy of each frame the checkers read. A client-role trace with an embedded simulator
 * may hold both sides' copies of every frame; reading one side counts each frame once. The POS
 * side is preferred because the rules are about what the POS did; a terminal-role trace has
 * only the POI side.
 */
export function primaryObserver(events: readonly TraceEvent[]): Observer | undefined {
  let poi = false;
  for (const event of events) {
    if (event.kind !== 'message') continue;
    if (event.observer === 'pos') return 'pos';
    poi = true;
  }
  return poi ? 'poi' : undefined;
}

function envelopeParts(json: unknown): { header?: Json; body?: Json } {
  const root = asObject(json);
  const message = asObject(root?.SaleToPOIRequest) ?? asObject(root?.SaleToPOIResponse);
  const header = asObject(message?.MessageHeader);
  const category = asText(header?.MessageCategory);
  const type = asText(header?.MessageType);
  const body =
    category !== undefined && type !== undefined
      ? asObject(message?.[`${category}${type}`])
      : undefined;
  return { header, body };
}

/**
 * The last event read, decoded. Every checker reads the same frames, one event after another:
 * `startCheckers` hands each event to every checker (and a checker to each of its branches)
 * before the next, so remembering the last one decodes each event once. A one-entry memo costs
 * a pointer comparison; a WeakMap of every event cost a fuzz run more than the decoding it
 * saved (README "Performance: last measured values"). Stamped events are never changed, so the
 * entry cannot go stale.
 */
let lastEvent: StampedMessage | undefined;
let lastMessage: WireMessage | undefined;

/** Reads one message event (the result may be shared with other checkers: never change it). */
export function readMessage(event: StampedMessage): WireMessage {
  if (event === lastEvent && lastMessage !== undefined) return lastMessage;
  const summary = summariseMessage(event);
  const parts = envelopeParts(event.json);
  // Field by field rather than spread: one object of one shape per frame (a spread of the summary
  // was most of the decoding's own time).
  const message: WireMessage = {
    envelope: summary.envelope,
    messageClass: summary.messageClass,
    category: summary.category,
    type: summary.type,
    serviceId: summary.serviceId,
    saleId: summary.saleId,
    poiId: summary.poiId,
    result: summary.result,
    errorCondition: summary.errorCondition,
    note: summary.note,
    malformed: summary.malformed,
    header: parts.header,
    body: parts.body,
    seq: event.seq,
    t: event.t,
    link: event.link,
    direction: event.direction,
  };
  lastEvent = event;
  lastMessage = message;
  return message;
}

/** The frames `observer` saw, in order (the primary observer's when omitted). */
export function wireMessages(
  events: readonly TraceEvent[],
  observer: Observer | undefined = primaryObserver(events),
): WireMessage[] {
  const out: WireMessage[] = [];
  for (const event of events) {
    if (event.kind === 'message' && event.observer === observer) out.push(readMessage(event));
  }
  return out;
}

/** A service request from the POS (not a notification, not a DisplayResponse). */
export function isPosRequest(m: WireMessage): boolean {
  return m.direction === 'toPoi' && m.envelope === 'SaleToPOIRequest' && m.type === 'Request';
}

/** A response from the POI to one of the POS's requests. */
export function isPoiResponse(m: WireMessage): boolean {
  return m.direction === 'toPos' && m.envelope === 'SaleToPOIResponse';
}

/** The SaleID a frame belongs to ('' when the frame names none). */
export function saleOf(m: WireMessage): string {
  return m.saleId ?? '';
}

/** A key for "this ServiceID of this SaleID": the pairing of a request with its response. */
export function serviceKey(saleId: string, serviceId: string | undefined): string {
  return `${saleId}\u0000${serviceId ?? ''}`;
}

/** `SaleData.SaleTransactionID.TransactionID` of a PaymentRequest. */
export function saleTransactionIdOf(m: WireMessage): string | undefined {
  return asText(at(m.body, 'SaleData', 'SaleTransactionID', 'TransactionID'));
}

/** `MessageReference.ServiceID` of a TransactionStatus or Abort request. */
export function messageReferenceOf(m: WireMessage): string | undefined {
  return asText(at(m.body, 'MessageReference', 'ServiceID'));
}

/** `seq 12 Payment` — how verdict messages name a frame. */
export function describe(m: WireMessage): string {
  const id = m.serviceId === undefined ? '' : ` ${m.serviceId}`;
  return `${m.category ?? 'frame'}${id} (seq ${m.seq})`;
}

/**
 * Canonical JSON (keys sorted at every level), so two bodies compare equal whatever order their
 * fields were written in.
 */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const object = asObject(value);
  if (object === undefined) return JSON.stringify(value) ?? 'null';
  const keys = Object.keys(object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(object[k])}`).join(',')}}`;
}

/** A copy of `object` without `keys` (for "equal except the ServiceID" comparisons). */
export function without(object: Json | undefined, ...keys: readonly string[]): Json | undefined {
  if (object === undefined) return undefined;
  const copy: Record<string, unknown> = { ...object };
  for (const key of keys) delete copy[key];
  return copy;
}
