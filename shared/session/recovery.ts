import {
  cancelTimer,
  finish,
  giveUp,
  paymentOutcome,
  requeueFront,
  sendRequest,
  startTimer,
  type Ctx,
} from './context';
import { suspectSession } from './login';
import { maySend } from './logout';
import type { OpModel } from './model';
import type { PaymentResultKind, ResponseInfo } from './outcomes';

/**
 * A payment's answer was lost (timeout, link loss, LoggedOut): never resend it blindly. It keeps
 * the one-at-a-time slot, waits for a session (after a re-login) and asks TransactionStatus.
 */
export function beginRecovery(c: Ctx, op: OpModel, why: string): void {
  requeueFront(c, op, 'recovering');
  suspectSession(c, why);
}

/** Asks TransactionStatus about the payment's last ServiceID; the first one starts the poll window. */
export function sendRecoveryStatus(c: Ctx, op: OpModel): void {
  const serviceId = op.serviceIds[op.serviceIds.length - 1];
  if (serviceId === undefined) {
    giveUp(c, op, 'nothing to recover: the payment was never sent');
    return;
  }
  const p = c.m.policy;
  if (!op.pollStarted) {
    op.pollStarted = true;
    startTimer(c, { kind: 'pollWindow', op: op.id }, p.statusPollMaxMs);
  }
  op.stage = 'statusSent';
  op.pending = sendRequest(
    c,
    'recoveryStatus',
    { category: 'TransactionStatus', messageReference: { serviceId, category: 'Payment' } },
    p.statusTimeoutMs,
    op.id,
  );
}

const REPEATED_RESULT: Readonly<Record<string, PaymentResultKind>> = {
  Success: 'approved',
  Partial: 'partial',
  Failure: 'declined',
};

type StatusRule = (c: Ctx, op: OpModel, response: ResponseInfo) => void;

const pollAgain: StatusRule = (c, op) => {
  op.stage = 'pollWait';
  delete op.pending;
  startTimer(c, { kind: 'poll', op: op.id }, c.m.policy.statusPollIntervalMs);
};

/** What a recovery status answer means, by its ErrorCondition (DESIGN §1 rule 5). */
const FAILURE_RULES: Readonly<Record<string, StatusRule>> = {
  InProgress: pollAgain,
  Busy: pollAgain,
  NotFound: (c, op) => notProcessed(c, op),
  LoggedOut: (c, op) => beginRecovery(c, op, 'TransactionStatus answered LoggedOut'),
};

/** A recovery TransactionStatus answer. */
export function onRecoveryStatus(c: Ctx, op: OpModel, response: ResponseInfo): void {
  delete op.pending;
  if (response.result === 'Success') {
    const repeated = response.repeated;
    const result = repeated ? REPEATED_RESULT[repeated.result] : undefined;
    if (!repeated || !result) {
      giveUp(c, op, 'TransactionStatus Success without the original payment response');
      return;
    }
    finish(c, op, paymentOutcome(op, { kind: 'recovered', response, result }));
    return;
  }
  const rule = FAILURE_RULES[response.errorCondition ?? ''];
  if (rule) {
    rule(c, op, response);
    return;
  }
  giveUp(c, op, `TransactionStatus answered ${response.result}/${response.errorCondition ?? '-'}`);
}

/** The poll interval ran out: ask again now, or when the session is back. */
export function onPoll(c: Ctx, op: OpModel): void {
  if (op.stage !== 'pollWait') return;
  if (maySend(c.m, op.id)) sendRecoveryStatus(c, op);
  else requeueFront(c, op, 'recovering');
}

/** Status polling ran out: the outcome is unknown. */
export function onPollWindow(c: Ctx, op: OpModel): void {
  giveUp(c, op, `no final TransactionStatus within ${c.m.policy.statusPollMaxMs} ms`);
}

/**
 * The terminal never saw the payment. With `retryUnprocessedPayment`, send it once more (new
 * ServiceID, same SaleTransactionID) and report the resend's outcome; otherwise report it.
 */
function notProcessed(c: Ctx, op: OpModel): void {
  const previous = op.serviceIds[op.serviceIds.length - 1];
  const reason = `TransactionStatus answered NotFound for ServiceID ${previous ?? '?'}`;
  if (
    !c.m.policy.retryUnprocessedPayment ||
    op.resentAfter !== undefined ||
    previous === undefined
  ) {
    finish(c, op, paymentOutcome(op, { kind: 'notProcessed', reason }));
    return;
  }
  cancelTimer(c, { kind: 'pollWindow', op: op.id });
  op.pollStarted = false;
  op.resentAfter = previous;
  op.retryOf = { serviceId: previous, attempt: op.serviceIds.length + 1, reason: 'notProcessed' };
  requeueFront(c, op, 'waiting');
}
