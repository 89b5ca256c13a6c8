import type { Observer, TraceEvent, TraceHeader } from '../events';
import { byPrimaryObserver, defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { policyNumber, policyStates } from './policy';
import { failed, judge, passed, plural } from './verdicts';
import {
  canonical,
  describe,
  isPoiResponse,
  isPosRequest,
  readMessage,
  serviceKey,
  saleOf,
  without,
  type WireMessage,
} from './frame-view';

const NAME = 'busy-backoff';

/**
 * Timers of a real clock may fire up to a millisecond early against `performance.now()` (Node
 * rounds its loop time to whole milliseconds); a resend that early is not a missing backoff.
 */
export const CLOCK_TOLERANCE_MS = 1;

/** What "the same login" means: every field but the ServiceID and the POS's own clock reading. */
function loginFields(m: WireMessage): string {
  return canonical({ header: without(m.header, 'ServiceID'), body: without(m.body, 'DateTime') });
}

interface LinkLogins {
  /** Login requests sent since the last Login Success on this link. */
  attempts: number;
  /** The last Login sent on this link (its {@link serviceKey}): the one the POS awaits. */
  latest?: string;
  /** The last BUSY answer not yet followed by a Login, with the Login it answered. */
  busy?: { readonly answer: WireMessage; readonly login?: WireMessage };
}

/**
 * DESIGN §1 rule 4: a Login answered Failure/Busy is resent, after at least the policy's first
 * backoff (`loginBusyInitialDelayMs`, default 1000 ms; the trace header's policy when it states
 * one), with the same fields except the ServiceID. When the header states
 * `loginBusyMaxAttempts` (a client-role trace), a login sequence of more Login requests than
 * that is a violation too; a sequence ends with a Login Success, a new link, or the client's
 * session going `failed`.
 *
 * The backoff is measured only from a BUSY answer to the Login the POS was still waiting for: a
 * late answer to a Login that had already timed out (a `timeout` event) or been superseded by a
 * newer Login on the link tells the POS nothing it acts on, so a Login sent right after it (the
 * next one of the sequence, or one a person asked for) is no resend.
 */
function read(header: TraceHeader, observer: Observer | undefined): EventReader<Verdict[]> {
  const minimum = policyNumber(header.policy, 'loginBusyInitialDelayMs');
  const cap = policyStates(header.policy, 'loginBusyMaxAttempts')
    ? policyNumber(header.policy, 'loginBusyMaxAttempts')
    : undefined;
  const links = new Map<string, LinkLogins>();
  const sentLogins = new Map<string, WireMessage>();
  /** ServiceIDs of Logins the POS gave up waiting for (its `timeout` events). */
  const timedOut = new Set<string>();
  const violations: Verdict[] = [];
  let busyAnswers = 0;
  let lateAnswers = 0;

  const linkOf = (link: string): LinkLogins => {
    const known = links.get(link);
    if (known !== undefined) return known;
    const fresh: LinkLogins = { attempts: 0 };
    links.set(link, fresh);
    return fresh;
  };

  const onLogin = (m: WireMessage): void => {
    const key = serviceKey(saleOf(m), m.serviceId);
    sentLogins.set(key, m);
    const state = linkOf(m.link);
    state.latest = key;
    state.attempts++;
    if (cap !== undefined && state.attempts === cap + 1) {
      violations.push(
        failed(
          NAME,
          `${describe(m)} is attempt ${state.attempts} of one login sequence; the policy allows ${cap}`,
          [m.seq],
        ),
      );
    }
    const busy = state.busy;
    if (busy === undefined) return;
    state.busy = undefined;
    const waited = m.t - busy.answer.t;
    const evidence = [
      busy.answer.seq,
      m.seq,
      ...(busy.login === undefined ? [] : [busy.login.seq]),
    ];
    if (waited + CLOCK_TOLERANCE_MS < minimum) {
      violations.push(
        failed(
          NAME,
          `${describe(m)} was resent ${waited} ms after the BUSY answer (seq ${busy.answer.seq}); the minimum is ${minimum} ms`,
          evidence,
          m.seq,
        ),
      );
    }
    if (busy.login !== undefined && loginFields(busy.login) !== loginFields(m)) {
      violations.push(
        failed(
          NAME,
          `${describe(m)} after the BUSY answer (seq ${busy.answer.seq}) does not carry the same fields as ${describe(busy.login)}`,
          evidence,
          m.seq,
        ),
      );
    }
  };

  const onBusy = (m: WireMessage, state: LinkLogins): void => {
    const key = serviceKey(saleOf(m), m.serviceId);
    const login = sentLogins.get(key);
    // An answer to a Login this trace never showed is measured: a foreign POS gets no benefit
    // of the doubt.
    const awaited =
      login === undefined || (state.latest === key && !timedOut.has(login.serviceId ?? ''));
    if (!awaited) {
      lateAnswers++;
      return;
    }
    busyAnswers++;
    state.busy = { answer: m, login };
  };

  const push = (event: TraceEvent): void => {
    if (event.kind === 'timeout' && event.category === 'Login') {
      timedOut.add(event.serviceId);
      return;
    }
    if (event.kind === 'session' && event.to === 'failed') {
      // The reference client gave up: a later Login (pressed by a person) starts a new sequence.
      links.clear();
      return;
    }
    if (event.kind === 'link' && event.observer === observer) {
      // A new connection starts a new login sequence.
      links.delete(event.link);
      return;
    }
    if (event.kind !== 'message' || event.observer !== observer) return;
    const m = readMessage(event);
    if (m.category !== 'Login') return;
    if (isPosRequest(m)) onLogin(m);
    else if (isPoiResponse(m)) {
      const state = linkOf(m.link);
      if (m.result === 'Success') state.attempts = 0;
      if (m.errorCondition === 'Busy') onBusy(m, state);
    }
  };

  const verdicts = (): Verdict[] => {
    if (observer === undefined)
      return [passed(NAME, 'not applicable: the trace has no wire messages')];
    const late =
      lateAnswers === 0
        ? ''
        : ` (ignored ${plural(lateAnswers, 'late answer')} to a Login no longer awaited: timed out or superseded)`;
    return judge(
      NAME,
      violations,
      busyAnswers === 0
        ? `not applicable: no awaited Login was answered BUSY in this trace${late}`
        : `every BUSY Login answer (${busyAnswers}) was followed by the same Login at least ${minimum} ms later, or by none${late}`,
    );
  };

  return { push, read: verdicts };
}

export const busyBackoff = defineChecker({
  name: NAME,
  description:
    'After a Login answered BUSY, the next Login waits at least the policy minimum (default 1 s) and carries the same fields with a new ServiceID.',
  start: (header) => byPrimaryObserver((observer) => read(header, observer)),
});
