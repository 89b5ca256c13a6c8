import {
  cancelTimer,
  dropRequest,
  finish,
  giveUp,
  operationOutcome,
  opById,
  sendRequest,
  startTimer,
  transition,
  type Ctx,
} from './context';
import type { OutboundRequest, RetryOf } from './model';
import type { ResponseInfo } from './outcomes';

/** Opens a link now (cancelling a pending reconnect delay). */
export function dialNow(c: Ctx, reason: string): void {
  const m = c.m;
  if (m.link !== undefined || m.dialing) return;
  if (m.reconnectPending) cancelTimer(c, { kind: 'reconnect' });
  m.reconnectPending = false;
  m.dialing = true;
  transition(c, 'connecting', reason);
  c.effects.push({ kind: 'dial' });
}

/**
 * Waits before the next dial: full jitter, uniform in [0, min(max, initial × 2^attempt)]. The
 * runner draws the random delay, so this stays pure.
 */
export function scheduleReconnect(c: Ctx, reason: string): void {
  const m = c.m;
  const p = m.policy;
  const ceiling = Math.min(
    p.reconnectMaxDelayMs,
    p.reconnectInitialDelayMs * 2 ** m.reconnectAttempt,
  );
  m.reconnectAttempt += 1;
  m.reconnectPending = true;
  startTimer(c, { kind: 'reconnect' }, ceiling, true);
  transition(
    c,
    'offline',
    `${reason}; reconnecting (attempt ${m.reconnectAttempt}, delay ≤ ${ceiling} ms)`,
  );
}

/** True when something needs a session on the next link. */
export function wantsLogin(c: Ctx): boolean {
  const m = c.m;
  return m.autoLogin || m.joined.length > 0 || m.queue.length > 0;
}

/** Starts a login sequence unless one runs; without a link, dials first (login follows). */
export function beginLogin(c: Ctx, reason: string): void {
  const m = c.m;
  if (m.login) return;
  if (m.link === undefined) {
    if (!m.dialing && !m.reconnectPending) dialNow(c, reason);
    return;
  }
  m.login = { attempts: 0, timeoutRetries: 0, backoff: false, reason };
  sendLogin(c, reason);
}

function sendLogin(c: Ctx, reason: string, retryOf?: RetryOf): void {
  const m = c.m;
  const login = m.login;
  if (!login) return;
  login.attempts += 1;
  login.backoff = false;
  m.counters.loginAttempts += 1;
  // The state changes first, so a trace reads "logging in" before the Login it sends.
  transition(c, 'loggingIn', reason);
  sendRequest(c, 'login', { category: 'Login' }, m.policy.loginTimeoutMs, undefined, retryOf);
}

/**
 * The session may be gone (a timeout, a LoggedOut answer): log in again on this link. Without
 * a link the reconnect path logs in; after Logout or a failed session nothing happens by itself.
 */
export function suspectSession(c: Ctx, why: string): void {
  const m = c.m;
  if (m.state === 'loggedOut' || m.state === 'failed') return;
  if (m.link === undefined || m.login) return;
  // While the Logout is on the wire its answer decides; a re-login now would reopen the very
  // session the POS is closing (the Logout's own lost answer does re-login: it is not pending).
  if (m.closing && m.ops[m.closing.op]?.pending !== undefined) return;
  beginLogin(c, `re-login: ${why}`);
}

function describe(response: ResponseInfo): string {
  const extra = response.additionalResponse ? ` (${response.additionalResponse})` : '';
  return `${response.errorCondition ?? response.result}${extra}`;
}

/** A Login answer: Success opens the session; Busy backs off; anything else fails the session. */
export function onLoginResponse(c: Ctx, response: ResponseInfo): void {
  const m = c.m;
  const login = m.login;
  if (!login) return;
  if (response.result === 'Success') {
    loginSucceeded(c, response);
    return;
  }
  if (response.errorCondition === 'Busy') {
    login.lastServiceId = response.serviceId;
    if (login.attempts >= m.policy.loginBusyMaxAttempts) {
      failSession(c, `login still Busy after ${login.attempts} attempts`);
      return;
    }
    const p = m.policy;
    const delay = Math.min(
      p.loginBusyMaxDelayMs,
      p.loginBusyInitialDelayMs * 2 ** (login.attempts - 1),
    );
    login.backoff = true;
    m.counters.busyRetries += 1;
    startTimer(c, { kind: 'loginBackoff' }, delay);
    transition(
      c,
      'busyBackoff',
      `Login answered Busy (attempt ${login.attempts} of ${p.loginBusyMaxAttempts}); retry in ${delay} ms`,
    );
    return;
  }
  failSession(c, `login refused: ${describe(response)}`, response);
}

/** The BUSY backoff ran out: the same Login again, with a new ServiceID. */
export function onLoginBackoff(c: Ctx): void {
  const login = c.m.login;
  if (!login?.backoff || c.m.link === undefined) return;
  c.m.counters.retries += 1;
  sendLogin(c, `Login retry after Busy (attempt ${login.attempts + 1})`, {
    ...(login.lastServiceId !== undefined ? { serviceId: login.lastServiceId } : {}),
    attempt: login.attempts + 1,
    reason: 'Busy',
  });
}

/** A Login was not answered in time: retry it (the sequence's cap applies), or fail. */
export function onLoginTimeout(c: Ctx, request: OutboundRequest): void {
  const m = c.m;
  const login = m.login;
  if (!login) return;
  const p = m.policy;
  if (login.timeoutRetries >= p.idempotentRetries || login.attempts >= p.loginBusyMaxAttempts) {
    failSession(
      c,
      `Login not answered within ${request.timeoutMs} ms (${login.attempts} attempts)`,
    );
    return;
  }
  login.timeoutRetries += 1;
  m.counters.retries += 1;
  sendLogin(c, 'Login retry after timeout', {
    ...(request.serviceId !== undefined ? { serviceId: request.serviceId } : {}),
    attempt: login.attempts + 1,
    reason: 'timeout',
  });
}

function loginSucceeded(c: Ctx, response: ResponseInfo): void {
  const m = c.m;
  delete m.login;
  m.counters.logins += 1;
  m.autoLogin = true;
  const recovering = Object.values(m.ops).some((o) => o.stage === 'recovering');
  transition(
    c,
    recovering ? 'recovering' : 'ready',
    recovering ? 'Login Success; recovering payments' : 'Login Success',
  );
  // A re-login that lets a Logout be retried is not the Login asked after that Logout.
  if (m.closing) return;
  for (const id of [...m.joined]) {
    const op = opById(m, id);
    if (op) finish(c, op, operationOutcome(op, { kind: 'succeeded', response }));
  }
}

/** Drops the running login sequence: its backoff timer and the Login awaiting its answer. */
export function abandonLogin(c: Ctx): void {
  const m = c.m;
  if (m.login?.backoff) cancelTimer(c, { kind: 'loginBackoff' });
  for (const r of Object.values(m.requests)) if (r.purpose === 'login') dropRequest(c, r.key);
  delete m.login;
}

/**
 * The session will not open by itself (BUSY cap, a refused or unanswered Login): waiting
 * logins end, queued operations fail at once, and no automatic login follows until asked.
 */
export function failSession(c: Ctx, reason: string, refused?: ResponseInfo): void {
  const m = c.m;
  abandonLogin(c);
  m.autoLogin = false;
  transition(c, 'failed', reason);
  for (const id of [...m.joined]) {
    const op = opById(m, id);
    if (!op) continue;
    if (refused) {
      finish(
        c,
        op,
        operationOutcome(op, {
          kind: 'declined',
          errorCondition: refused.errorCondition ?? refused.result,
          ...(refused.additionalResponse !== undefined
            ? { additionalResponse: refused.additionalResponse }
            : {}),
          response: refused,
        }),
      );
    } else {
      finish(c, op, operationOutcome(op, { kind: 'failed', reason }));
    }
  }
  for (const id of [...m.queue]) {
    const op = opById(m, id);
    if (op) giveUp(c, op, `sessionFailed: ${reason}`);
  }
}
