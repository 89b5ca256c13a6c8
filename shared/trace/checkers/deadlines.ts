import { policyBoolean, policyNumber, type StatedPolicy } from './policy';

/**
 * Upper bounds on how long each operation of the reference client may take, derived from the
 * session policy (README "The reference client's rules": nothing hangs, every operation has a deadline derived from the policy). They add
 * up every wait the rules allow — waiting for a session, a whole BUSY login sequence, the
 * request's timeout, a re-login and the one retry, status polling — so a client that follows the
 * rules always ends within them and one that hangs never does.
 */

/** Every Login of one sequence timing out, plus every BUSY backoff between them. */
export function loginSequenceMs(policy: StatedPolicy): number {
  const attempts = policyNumber(policy, 'loginBusyMaxAttempts');
  const first = policyNumber(policy, 'loginBusyInitialDelayMs');
  const ceiling = policyNumber(policy, 'loginBusyMaxDelayMs');
  let total = attempts * policyNumber(policy, 'loginTimeoutMs');
  for (let i = 0; i < attempts - 1; i++) total += Math.min(first * 2 ** i, ceiling);
  return total;
}

/** Getting a session back: queued while reconnecting, then a whole login sequence. */
function regainMs(policy: StatedPolicy): number {
  return policyNumber(policy, 'queueTimeoutMs') + loginSequenceMs(policy);
}

/** An idempotent request: sent, timed out, re-login, retried (idempotentRetries times). */
function idempotentMs(policy: StatedPolicy, timeoutMs: number): number {
  const regain = regainMs(policy);
  return regain + (1 + policyNumber(policy, 'idempotentRetries')) * (timeoutMs + regain);
}

/** A payment: its inactivity timeout, recovery through status polling, and the one resend. */
function paymentMs(policy: StatedPolicy): number {
  const regain = regainMs(policy);
  const attempt =
    policyNumber(policy, 'paymentTimeoutMs') +
    regain +
    policyNumber(policy, 'statusPollMaxMs') +
    policyNumber(policy, 'statusTimeoutMs');
  return regain + (policyBoolean(policy, 'retryUnprocessedPayment') ? 2 : 1) * attempt;
}

const DEADLINES: Readonly<Record<string, (policy: StatedPolicy) => number>> = {
  login: regainMs,
  logout: (p) => idempotentMs(p, policyNumber(p, 'logoutTimeoutMs')),
  status: (p) => idempotentMs(p, policyNumber(p, 'statusTimeoutMs')),
  admin: (p) => idempotentMs(p, policyNumber(p, 'adminTimeoutMs')),
  reverse: (p) => regainMs(p) + policyNumber(p, 'reversalTimeoutMs'),
  abort: (p) => regainMs(p) + policyNumber(p, 'abortTimeoutMs'),
  pay: paymentMs,
};

/** Operation names with a known deadline, in the order the docs list them. */
export const OPERATION_NAMES = Object.keys(DEADLINES);

/**
 * The deadline of operation `name` under `policy` (a trace header's or a scenario's; keys it
 * does not state take their defaults). A payment's deadline counts from
 * its last sign of progress (its timeout is one of inactivity); an unknown operation gets the
 * longest deadline of all.
 */
export function operationDeadlineMs(name: string, policy: StatedPolicy): number {
  let known = computed.get(policy);
  if (known === undefined) {
    known = new Map();
    computed.set(policy, known);
  }
  let ms = known.get(name);
  if (ms === undefined) {
    ms = deadlineMs(name, policy);
    known.set(name, ms);
  }
  return ms;
}

/**
 * Deadlines already derived, per policy object. Checkers ask for one on every judgement of every
 * operation, and reading the policy key by key through its schema was most of the cost of
 * reading verdicts in a fuzz run (README "Performance: last measured values"). A stated policy
 * is never changed (a trace header's, a scenario's), so an entry cannot go stale; the WeakMap
 * lets it go with the policy.
 */
const computed = new WeakMap<StatedPolicy, Map<string, number>>();

function deadlineMs(name: string, policy: StatedPolicy): number {
  const known = DEADLINES[name];
  if (known !== undefined) return known(policy);
  return Math.max(...Object.values(DEADLINES).map((deadline) => deadline(policy)));
}
