import {
  emit,
  finish,
  giveUp,
  operationOutcome,
  paymentOutcome,
  refusal,
  requeueFront,
  sendRequest,
  startTimer,
  cancelTimer,
  type Ctx,
} from './context';
import { beginLogin, dialNow, suspectSession } from './login';
import { beginClosing, endClosing, holdWhileClosing, maySend } from './logout';
import { EXCLUSIVE_OPS, type OpModel, type OutboundRequest, type RequestSpec } from './model';
import type { OpName, ResponseInfo } from './outcomes';
import { beginRecovery, onRecoveryStatus, sendRecoveryStatus } from './recovery';
import { hasOpenSession } from './states';

/** Short causes of a lost answer, used in reasons and `retry` events. */
export type LossCause = 'timeout' | 'linkLost' | 'loggedOut';

const CAUSE_TEXT: Readonly<Record<LossCause, string>> = {
  timeout: 'no answer in time',
  linkLost: 'link lost before the answer',
  loggedOut: 'answered LoggedOut',
};

/** Requests retried once after a re-login (README "The reference client's rules"). */
function isIdempotent(op: OpModel): boolean {
  const r = op.request;
  return (
    r.name === 'logout' || r.name === 'status' || (r.name === 'admin' && r.kind === 'diagnosis')
  );
}

function isExclusive(op: OpModel): boolean {
  return EXCLUSIVE_OPS.includes(op.request.name);
}

/** Makes sure a session is on its way for waiting operations (dial or log in as needed). */
function ensureSession(c: Ctx, reason: string): void {
  const m = c.m;
  if (!m.started || hasOpenSession(m.state) || m.login) return;
  if (m.link === undefined) {
    if (!m.dialing && !m.reconnectPending) dialNow(c, reason);
    return;
  }
  beginLogin(c, reason);
}

/** A new operation from the caller. */
export function invoke(c: Ctx, op: OpModel): void {
  const { name: _name, ...detail } = op.request;
  emit(c, { kind: 'op', op: op.id, name: op.request.name, phase: 'invoke', detail });
  c.m.ops[op.id] = op;
  ADMIT[op.request.name](c, op);
}

type Admit = (c: Ctx, op: OpModel) => void;

const joinLogin: Admit = (c, op) => {
  const m = c.m;
  m.joined.push(op.id);
  m.started = true;
  m.autoLogin = true;
  startTimer(c, { kind: 'queue', op: op.id }, m.policy.queueTimeoutMs);
  // One login sequence at a time, and it starts once the Logout on its way has ended.
  if (m.closing) return;
  if (m.login) {
    // Joining: the Login on the wire answers this operation too.
    const inFlight = Object.values(m.requests).find((r) => r.purpose === 'login');
    if (inFlight?.serviceId !== undefined) op.serviceIds.push(inFlight.serviceId);
    return;
  }
  if (m.link === undefined && m.reconnectPending) dialNow(c, 'login requested');
  else beginLogin(c, 'login requested');
};

const enqueue: Admit = (c, op) => {
  const m = c.m;
  const refused = refusal(m);
  if (refused !== undefined) {
    giveUp(c, op, refused);
    return;
  }
  if (m.queue.length >= m.policy.queueMaxLength) {
    giveUp(c, op, `queueFull: ${m.queue.length} requests already wait for a session`);
    return;
  }
  m.queue.push(op.id);
  holdWhileClosing(c, op);
  startTimer(c, { kind: 'queue', op: op.id }, m.policy.queueTimeoutMs);
  ensureSession(c, `${op.request.name} waiting for a session`);
};

/** The payment an Abort aims at: the one named, or the payment in flight. */
function abortTarget(c: Ctx, serviceId: string | undefined): OpModel | undefined {
  const payments = Object.values(c.m.ops).filter((o) => o.request.name === 'pay');
  if (serviceId !== undefined) return payments.find((o) => o.serviceIds.includes(serviceId));
  const holder = c.m.exclusive === undefined ? undefined : c.m.ops[c.m.exclusive];
  return holder?.request.name === 'pay' ? holder : payments[0];
}

const admitAbort: Admit = (c, op) => {
  if (op.request.name !== 'abort') return;
  const named = op.request.serviceId;
  const payment = abortTarget(c, named);
  if (payment && payment.stage === 'waiting') {
    // Still on our side of the link: nothing reached the terminal, so cancel it here.
    const reason = 'aborted before it was sent';
    finish(
      c,
      payment,
      payment.serviceIds.length === 0
        ? paymentOutcome(payment, { kind: 'failed', reason })
        : paymentOutcome(payment, { kind: 'notProcessed', reason: `${reason} again` }),
    );
    finish(c, op, operationOutcome(op, { kind: 'succeeded' }));
    return;
  }
  if (payment && payment.stage !== 'sent') {
    giveUp(
      c,
      op,
      'the payment is being recovered through TransactionStatus; its outcome is decided',
    );
    return;
  }
  const serviceId = named ?? payment?.serviceIds[payment.serviceIds.length - 1];
  if (serviceId === undefined) {
    giveUp(c, op, 'no payment in flight to abort');
    return;
  }
  op.target = { serviceId, ...(payment ? { op: payment.id } : {}) };
  enqueue(c, op);
};

const ADMIT: Readonly<Record<OpName, Admit>> = {
  login: joinLogin,
  logout: enqueue,
  pay: enqueue,
  status: enqueue,
  reverse: enqueue,
  abort: admitAbort,
  admin: enqueue,
};

/**
 * Sends what may go: only with an open session that is not closing, one exclusive operation at
 * a time, in order.
 */
export function pump(c: Ctx): void {
  const m = c.m;
  if (!hasOpenSession(m.state) || m.queue.length === 0) return;
  for (const id of [...m.queue]) {
    const op = m.ops[id];
    // Checked per operation: a Logout sent by this very loop closes the session behind it.
    if (!op || !maySend(m, id)) continue;
    if (isExclusive(op)) {
      if (m.exclusive !== undefined && m.exclusive !== id) continue;
      m.exclusive = id;
    }
    m.queue = m.queue.filter((q) => q !== id);
    cancelTimer(c, { kind: 'queue', op: id });
    sendOp(c, op);
  }
}

function specOf(c: Ctx, op: OpModel): { spec: RequestSpec; timeoutMs: number } {
  const p = c.m.policy;
  const r = op.request;
  switch (r.name) {
    case 'pay':
      return {
        spec: {
          category: 'Payment',
          amountMinor: r.amountMinor,
          currency: r.currency,
          saleTransactionId: r.saleTransactionId,
          ...(r.paymentType !== undefined ? { paymentType: r.paymentType } : {}),
        },
        timeoutMs: p.paymentTimeoutMs,
      };
    case 'status':
      return {
        spec: {
          category: 'TransactionStatus',
          ...(r.serviceId !== undefined
            ? { messageReference: { serviceId: r.serviceId, category: r.category ?? 'Payment' } }
            : {}),
        },
        timeoutMs: p.statusTimeoutMs,
      };
    case 'logout':
      return { spec: { category: 'Logout' }, timeoutMs: p.logoutTimeoutMs };
    case 'reverse':
      return {
        spec: {
          category: 'Reversal',
          poiTransactionId: r.poiTransactionId,
          reason: r.reason ?? 'MerchantCancel',
          ...(r.amountMinor !== undefined ? { amountMinor: r.amountMinor } : {}),
          ...(r.currency !== undefined ? { currency: r.currency } : {}),
        },
        timeoutMs: p.reversalTimeoutMs,
      };
    case 'abort':
      return {
        spec: {
          category: 'Abort',
          messageReference: { serviceId: op.target?.serviceId ?? '', category: 'Payment' },
          reason: 'MerchantAbort',
        },
        timeoutMs: p.abortTimeoutMs,
      };
    case 'admin':
      return { spec: { category: 'Admin', kind: r.kind }, timeoutMs: p.adminTimeoutMs };
    case 'login':
      return { spec: { category: 'Login' }, timeoutMs: p.loginTimeoutMs };
  }
}

function sendOp(c: Ctx, op: OpModel): void {
  if (op.request.name === 'pay' && op.stage === 'recovering') {
    sendRecoveryStatus(c, op);
    return;
  }
  const { spec, timeoutMs } = specOf(c, op);
  const retryOf = op.retryOf;
  if (retryOf) {
    c.m.counters.retries += 1;
    delete op.retryOf;
  }
  op.stage = 'sent';
  if (op.request.name === 'logout') beginClosing(c, op);
  op.pending = sendRequest(c, 'op', spec, timeoutMs, op.id, retryOf);
}

/** The answer to one of an operation's requests. */
export function onOpResponse(
  c: Ctx,
  request: OutboundRequest,
  op: OpModel,
  response: ResponseInfo,
): void {
  delete op.pending;
  if (request.purpose === 'recoveryStatus') {
    onRecoveryStatus(c, op, response);
    return;
  }
  if (response.result === 'Failure' && response.errorCondition === 'LoggedOut') {
    onLost(c, request, op, 'loggedOut');
    return;
  }
  if (op.request.name === 'pay') {
    onPaymentResponse(c, op, response);
    return;
  }
  if (response.result === 'Failure') {
    finish(
      c,
      op,
      operationOutcome(op, {
        kind: 'declined',
        errorCondition: response.errorCondition ?? 'Unknown',
        ...(response.additionalResponse !== undefined
          ? { additionalResponse: response.additionalResponse }
          : {}),
        response,
      }),
    );
    if (op.request.name === 'logout') endClosing(c, 'refused');
    return;
  }
  // The state reads `loggedOut` before the logout's caller learns it succeeded.
  if (op.request.name === 'logout') endClosing(c, 'loggedOut');
  finish(c, op, operationOutcome(op, { kind: 'succeeded', response }));
}

function onPaymentResponse(c: Ctx, op: OpModel, response: ResponseInfo): void {
  const kind =
    response.result === 'Success'
      ? 'approved'
      : response.result === 'Partial'
        ? 'partial'
        : 'declined';
  finish(c, op, paymentOutcome(op, { kind, response, result: kind }));
}

/**
 * An answer that will not come (timeout, link loss) or a LoggedOut answer: the session may be
 * gone. Payments recover through status; idempotent requests retry once after the re-login;
 * the others fail and say why.
 */
export function onLost(c: Ctx, request: OutboundRequest, op: OpModel, cause: LossCause): void {
  delete op.pending;
  const what = `${request.category} ${CAUSE_TEXT[cause]}`;
  if (request.purpose === 'recoveryStatus' || op.request.name === 'pay') {
    beginRecovery(c, op, what);
    return;
  }
  if (op.request.name === 'abort') {
    // No AbortResponse exists; a silent abort says nothing about the session.
    finish(
      c,
      op,
      operationOutcome(op, {
        kind: 'failed',
        reason: `${what}: Abort is never retried automatically`,
        indeterminate: true,
      }),
    );
    if (cause !== 'timeout') suspectSession(c, what);
    return;
  }
  if (isIdempotent(op) && op.retries < c.m.policy.idempotentRetries) {
    op.retries += 1;
    op.retryOf = {
      ...(request.serviceId !== undefined ? { serviceId: request.serviceId } : {}),
      attempt: op.retries + 1,
      reason: cause,
    };
    requeueFront(c, op, 'waiting');
  } else if (op.request.name === 'logout') {
    // No re-login after it: see endClosing for why an unconfirmed Logout counts as done.
    const reason = `${what} after ${op.retries} retry`;
    giveUp(c, op, reason);
    endClosing(c, 'unconfirmed', reason);
    return;
  } else if (isIdempotent(op)) {
    giveUp(c, op, `${what} after ${op.retries} retry`);
  } else {
    finish(
      c,
      op,
      operationOutcome(op, {
        kind: 'failed',
        reason: `${what}: ${request.category} is never retried automatically`,
        // A LoggedOut answer proves it was not done; a lost answer does not.
        indeterminate: cause !== 'loggedOut',
      }),
    );
  }
  suspectSession(c, what);
}

/** A waiting operation ran out of patience. */
export function onQueueTimeout(c: Ctx, op: OpModel): void {
  const waiting = c.m.joined.includes(op.id) || c.m.queue.includes(op.id);
  if (!waiting) return;
  giveUp(c, op, `no open session within ${c.m.policy.queueTimeoutMs} ms`);
}

/** EventNotifications that answer an Abort (the terminal has no AbortResponse). */
const ABORT_ANSWERS: readonly string[] = ['Completed', 'Reject'];

/**
 * A DisplayRequest or EventNotification: progress restarts the inactivity timer of the
 * payment in flight; a Completed/Reject notification answers a pending Abort.
 */
export function onPoiMessage(c: Ctx, category: string, event: string | undefined): void {
  for (const op of Object.values(c.m.ops)) {
    if (op.pending === undefined || op.stage !== 'sent') continue;
    if (op.request.name === 'pay') {
      startTimer(c, { kind: 'response', request: op.pending }, c.m.policy.paymentTimeoutMs);
    } else if (
      op.request.name === 'abort' &&
      category === 'Event' &&
      event &&
      ABORT_ANSWERS.includes(event)
    ) {
      finish(
        c,
        op,
        operationOutcome(op, {
          kind: 'declined',
          errorCondition: event,
          additionalResponse:
            event === 'Completed'
              ? 'the payment had already completed'
              : 'the terminal rejected the abort',
        }),
      );
    }
  }
}
