import { cancelTimer, giveUp, transition, type Ctx } from './context';
import { abandonLogin, beginLogin } from './login';
import type { OpId, OpModel, SessionModel } from './model';
import { hasOpenSession } from './states';

/**
 * The closing of a session (README "The reference client's rules": after Logout, requests fail
 * at once with `loggedOut` until the next Login). From the moment a Logout leaves until its operation ends,
 * the session counts as closing: nothing but that Logout (its retry included) and Login may
 * leave, because the terminal may already have closed the session and would silently ignore
 * anything else. Requests asked meanwhile wait, and the Logout's end decides their fate.
 */

/**
 * True when `op` may put a request on the wire now: a session is open and not closing, or `op`
 * is the closing Logout itself.
 */
export function maySend(m: SessionModel, op: OpId): boolean {
  if (!hasOpenSession(m.state)) return false;
  return m.closing === undefined || m.closing.op === op;
}

/** The Logout of `op` is about to leave: from now on the session is closing. */
export function beginClosing(c: Ctx, op: OpModel): void {
  const m = c.m;
  if (m.closing) return; // the retry of the same Logout
  m.closing = { op: op.id, afterLogin: [] };
  transition(c, m.state, 'Logout sent; session closing');
}

/**
 * An operation that waits while the session closes. Asked after a Login was requested during
 * the closing, it waits for that Login; asked before, it belongs to the session being closed.
 */
export function holdWhileClosing(c: Ctx, op: OpModel): void {
  const closing = c.m.closing;
  if (closing && c.m.joined.length > 0) closing.afterLogin.push(op.id);
}

/**
 * How a closing ends: the Logout answered Success (`loggedOut`), answered Failure (`refused`,
 * other than LoggedOut, which counts as a lost session and is retried), or ended without a
 * confirmation (`unconfirmed`: unanswered after its retry, or no session to retry it on).
 */
export type ClosingEnd = 'loggedOut' | 'refused' | 'unconfirmed';

/**
 * Ends the closing. What a careful integrator wants from each end:
 * - `loggedOut`: the session is closed; requests asked meanwhile fail with `loggedOut`, exactly
 *   as if they had been asked after the Logout's answer; no automatic login follows.
 * - `refused`: the terminal answered, so it is alive and kept the session open. The requests
 *   were held only because the session might close; it did not, so they leave now, in order.
 * - `unconfirmed`: nobody knows whether the terminal closed the session. Sending into it risks
 *   silence (and a timeout per request), and re-opening it by itself would undo what the POS
 *   asked for; a Login, by contrast, is always safe (on a live session it answers Success
 *   again). So the POS treats the session as logged out: requests asked meanwhile fail with
 *   `loggedOut`, a running re-login is dropped, and the next Login starts afresh. When the
 *   session failed or the manager stopped meanwhile, those already ended everything.
 * Logins asked meanwhile start their own sequence once the closing has ended (see
 * {@link settleClosing}).
 */
export function endClosing(c: Ctx, end: ClosingEnd, detail = ''): void {
  const m = c.m;
  const closing = m.closing;
  delete m.closing;
  if (end === 'refused') {
    transition(c, m.state, 'Logout refused; the session stays open');
    return;
  }
  if (end === 'unconfirmed') {
    if (!m.started || m.state === 'failed') return;
    abandonLogin(c);
    // After Logout the POS does not reconnect by itself; the next Login dials.
    if (m.reconnectPending) cancelTimer(c, { kind: 'reconnect' });
    m.reconnectPending = false;
  }
  m.autoLogin = false;
  transition(
    c,
    'loggedOut',
    end === 'loggedOut'
      ? 'Logout Success'
      : `Logout not confirmed (${detail}); treated as logged out`,
  );
  const waitForLogin = m.joined.length > 0 ? (closing?.afterLogin ?? []) : [];
  for (const id of [...m.queue]) {
    const waiting = m.ops[id];
    if (waiting && !waitForLogin.includes(id)) giveUp(c, waiting, 'loggedOut');
  }
}

/**
 * Runs after every input of a step that began with the session closing: a logout operation
 * that ended by another path (its queue deadline, a failed session, stop) ends the closing as
 * unconfirmed; once the closing has ended, Logins asked meanwhile start one login sequence.
 */
export function settleClosing(c: Ctx): void {
  const m = c.m;
  if (m.closing && !(m.closing.op in m.ops)) {
    endClosing(c, 'unconfirmed', 'the Logout ended without an answer');
  }
  if (m.closing || m.joined.length === 0 || m.login) return;
  beginLogin(c, 'Login asked during the logout');
}
