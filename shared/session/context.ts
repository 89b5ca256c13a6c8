import type { EventBody } from '../trace/events';
import type {
  OpId,
  OpModel,
  OutboundRequest,
  RequestKey,
  RequestPurpose,
  RequestSpec,
  RetryOf,
  SessionEffect,
  SessionModel,
  Timer,
} from './model';
import {
  opPhaseOf,
  type OperationOutcome,
  type Outcome,
  type PaymentOutcome,
  type PaymentResultKind,
  type ResponseInfo,
} from './outcomes';
import type { SessionStateId } from './states';

/** One step in progress: the model being changed (a private copy) and the effects so far. */
export interface Ctx {
  readonly m: SessionModel;
  readonly effects: SessionEffect[];
}

export function emit(c: Ctx, event: EventBody): void {
  c.effects.push({ kind: 'emit', event });
}

export function startTimer(c: Ctx, timer: Timer, ms: number, jitter = false): void {
  c.effects.push(
    jitter ? { kind: 'startTimer', timer, ms, jitter } : { kind: 'startTimer', timer, ms },
  );
}

export function cancelTimer(c: Ctx, timer: Timer): void {
  c.effects.push({ kind: 'cancelTimer', timer });
}

/** Moves to `to`; a `session` event is emitted only when the state id changes. */
export function transition(c: Ctx, to: SessionStateId, reason: string): void {
  const from = c.m.state;
  c.m.reason = reason;
  if (from === to) return;
  c.m.state = to;
  emit(c, {
    kind: 'session',
    from,
    to,
    reason,
    ...(c.m.link !== undefined ? { link: c.m.link } : {}),
  });
}

/** Registers a request, asks the runner to send it and starts its response timer. */
export function sendRequest(
  c: Ctx,
  purpose: RequestPurpose,
  spec: RequestSpec,
  timeoutMs: number,
  op?: OpId,
  retryOf?: RetryOf,
): RequestKey {
  const key = `r${c.m.nextRequest++}`;
  const request: Mutable<OutboundRequest> = { key, purpose, category: spec.category, timeoutMs };
  if (op !== undefined) request.op = op;
  if (retryOf !== undefined) request.retryOf = retryOf;
  c.m.requests[key] = request;
  c.effects.push(
    op !== undefined
      ? { kind: 'send', request: key, spec, op }
      : { kind: 'send', request: key, spec },
  );
  startTimer(c, { kind: 'response', request: key }, timeoutMs);
  return key;
}

/** Forgets a request (answered, timed out or lost) and stops its timer. */
export function dropRequest(c: Ctx, key: RequestKey): void {
  if (!(key in c.m.requests)) return;
  // Records are plain data; deleting keeps the model free of tombstones.
  delete c.m.requests[key];
  cancelTimer(c, { kind: 'response', request: key });
}

/** The request answered by `serviceId`, if the machine is waiting for it. */
export function requestByServiceId(
  m: SessionModel,
  serviceId: string,
): OutboundRequest | undefined {
  for (const key in m.requests) {
    const request = m.requests[key];
    if (request?.serviceId === serviceId) return request;
  }
  return undefined;
}

function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

type PaymentEnd =
  | {
      readonly kind: PaymentResultKind | 'recovered';
      readonly response: ResponseInfo;
      readonly result: PaymentResultKind;
    }
  | { readonly kind: 'notProcessed' | 'unknown' | 'failed'; readonly reason: string };

/** Builds a payment's final outcome from the operation and how it ended. */
export function paymentOutcome(op: OpModel, end: PaymentEnd): PaymentOutcome {
  if (op.request.name !== 'pay') throw new TypeError(`paymentOutcome on ${op.request.name}`);
  const serviceId = last(op.serviceIds);
  const base = {
    op: op.id,
    amountMinor: op.request.amountMinor,
    currency: op.request.currency,
    saleTransactionId: op.request.saleTransactionId,
    serviceIds: [...op.serviceIds],
    ...(serviceId !== undefined ? { serviceId } : {}),
    statusServiceIds: [...op.statusServiceIds],
    ...(op.resentAfter !== undefined ? { resentAfter: op.resentAfter } : {}),
  };
  if ('reason' in end) {
    return end.kind === 'failed'
      ? { ...base, kind: 'failed', reason: end.reason, sent: op.serviceIds.length > 0 }
      : { ...base, kind: end.kind, reason: end.reason };
  }
  const r = end.response;
  // A recovered result lives in the repeated response; a direct one in the response itself.
  const source = end.kind === 'recovered' ? r.repeated : r;
  const payment = source?.payment;
  const fields = {
    result: end.result,
    ...(source?.additionalResponse !== undefined
      ? { additionalResponse: source.additionalResponse }
      : {}),
    ...(payment?.poiTransactionId !== undefined
      ? { poiTransactionId: payment.poiTransactionId }
      : {}),
    ...(payment?.authorisedMinor !== undefined ? { authorisedMinor: payment.authorisedMinor } : {}),
  };
  if (end.kind === 'declined') {
    return {
      ...base,
      ...fields,
      kind: 'declined',
      errorCondition: source?.errorCondition ?? 'Unknown',
    };
  }
  const errorCondition = source?.errorCondition;
  return {
    ...base,
    ...fields,
    ...(errorCondition !== undefined ? { errorCondition } : {}),
    kind: end.kind,
  };
}

type OperationEnd =
  | { readonly kind: 'succeeded'; readonly response?: ResponseInfo }
  | {
      readonly kind: 'declined';
      readonly errorCondition: string;
      readonly additionalResponse?: string;
      readonly response?: ResponseInfo;
    }
  | { readonly kind: 'failed'; readonly reason: string; readonly indeterminate?: boolean };

/** Builds a non-payment operation's final outcome. */
export function operationOutcome(op: OpModel, end: OperationEnd): OperationOutcome {
  if (op.request.name === 'pay') throw new TypeError('operationOutcome on a payment');
  const serviceId = last(op.serviceIds);
  // Written field by field, in the order a spread of the parts would give: a literal that opens
  // with a spread is many times slower to make in V8, and every operation ends here (README
  // "Performance: last measured values").
  const outcome: Mutable<OperationOutcomeBase> & Record<string, unknown> = {
    op: op.id,
    name: op.request.name,
    serviceIds: [...op.serviceIds],
  };
  if (serviceId !== undefined) outcome.serviceId = serviceId;
  if (end.kind === 'failed') {
    outcome.kind = 'failed';
    outcome.reason = end.reason;
    outcome.indeterminate = end.indeterminate ?? false;
  } else {
    Object.assign(outcome, end);
  }
  return outcome as unknown as OperationOutcome;
}

type OperationOutcomeBase = Pick<OperationOutcome, 'op' | 'name' | 'serviceIds' | 'serviceId'>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The `detail` of an op event: the outcome without what the event already says. */
function detailOf(outcome: Outcome): Record<string, unknown> {
  // One copy, key by key (not a rest pattern copied again): this runs for every operation.
  const detail: Record<string, unknown> = {};
  for (const key in outcome) {
    if (key === 'op' || key === 'kind') continue;
    detail[key] = (outcome as unknown as Record<string, unknown>)[key];
  }
  // The full response body belongs to the wire message already in the trace.
  if ('response' in detail && detail.response !== undefined) {
    const summary: Record<string, unknown> = {};
    const response = detail.response as ResponseInfo;
    for (const key in response) {
      if (key !== 'body') summary[key] = response[key as keyof ResponseInfo];
    }
    detail.response = summary;
  }
  return detail;
}

/**
 * Ends an operation: stops its timers, forgets its requests, frees the slot, settles the
 * journal, emits its single final `op` event and resolves its caller.
 */
export function finish(c: Ctx, op: OpModel, outcome: Outcome, keepJournal = false): void {
  const m = c.m;
  if (!(op.id in m.ops)) return;
  delete m.ops[op.id];
  for (const timer of ['queue', 'poll', 'pollWindow'] as const)
    cancelTimer(c, { kind: timer, op: op.id });
  for (const r of Object.values(m.requests)) if (r.op === op.id) dropRequest(c, r.key);
  m.queue = m.queue.filter((id) => id !== op.id);
  m.joined = m.joined.filter((id) => id !== op.id);
  if (m.exclusive === op.id) delete m.exclusive;
  if (op.request.name === 'pay' && op.serviceIds.length > 0 && !keepJournal) {
    c.effects.push({ kind: 'journalRemove', op: op.id });
  }
  if (outcome.kind === 'recovered') m.counters.recoveredPayments += 1;
  emit(c, {
    kind: 'op',
    op: op.id,
    name: op.request.name,
    phase: opPhaseOf(outcome),
    outcome: outcome.kind,
    detail: detailOf(outcome),
  });
  c.effects.push({ kind: 'complete', op: op.id, outcome });
  if (op.request.name === 'pay') settleAborts(c, op, outcome);
}

/** An Abort learns its fate from the payment it aimed at: aborted, or too late. */
function settleAborts(c: Ctx, payment: OpModel, outcome: Outcome): void {
  for (const abort of Object.values(c.m.ops)) {
    if (abort.request.name !== 'abort' || abort.target?.op !== payment.id) continue;
    if (abort.stage !== 'sent') continue;
    const aborted =
      outcome.kind === 'declined' &&
      'errorCondition' in outcome &&
      outcome.errorCondition === 'Aborted';
    finish(
      c,
      abort,
      aborted
        ? operationOutcome(abort, { kind: 'succeeded' })
        : operationOutcome(abort, {
            kind: 'declined',
            errorCondition: 'Completed',
            additionalResponse: `the payment ended ${outcome.kind} before the abort took effect`,
          }),
    );
  }
}

/** Ends an operation that could not be (or was not) completed, with the right outcome kind. */
export function giveUp(c: Ctx, op: OpModel, reason: string, keepJournal = false): void {
  if (op.request.name === 'pay') {
    // Once a payment left, nobody knows whether it was charged; before, nothing happened.
    const sent = op.serviceIds.length > 0;
    finish(
      c,
      op,
      paymentOutcome(op, sent ? { kind: 'unknown', reason } : { kind: 'failed', reason }),
      keepJournal,
    );
    return;
  }
  finish(c, op, operationOutcome(op, { kind: 'failed', reason }));
}

/** Why requests fail at once in the current state, if they do (logged out, failed session). */
export function refusal(m: SessionModel): string | undefined {
  if (m.state === 'loggedOut') return 'loggedOut';
  if (m.state === 'failed') return `sessionFailed: ${m.reason}`;
  return undefined;
}

/**
 * Puts an operation (back) at the head of the queue to wait for an open session, with the
 * queue deadline; fails it at once when the session will not come back by itself.
 */
export function requeueFront(c: Ctx, op: OpModel, stage: 'waiting' | 'recovering'): void {
  delete op.pending;
  op.stage = stage;
  const refused = refusal(c.m);
  if (refused !== undefined) {
    giveUp(c, op, refused);
    return;
  }
  if (!c.m.queue.includes(op.id)) c.m.queue.unshift(op.id);
  startTimer(c, { kind: 'queue', op: op.id }, c.m.policy.queueTimeoutMs);
}

/** The operations, in the order they were invoked. */
export function opsInOrder(m: SessionModel): OpModel[] {
  return Object.values(m.ops);
}

export function opById(m: SessionModel, id: OpId | undefined): OpModel | undefined {
  return id === undefined ? undefined : m.ops[id];
}
