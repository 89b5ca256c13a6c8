import type { Observer, TraceEvent, TraceHeader } from '../events';
import { byPrimaryObserver, defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { LOGIN_OPTIONAL_PROFILES } from './policy';
import { failed, judge, listed, passed, plural } from './verdicts';
import { describe, isPoiResponse, isPosRequest, readMessage, type WireMessage } from './frame-view';

const NAME = 'login-before-requests';

/** Why no session is open on a link, and since which event. */
interface Gate {
  readonly reason: string;
  readonly since?: number;
  readonly offending: WireMessage[];
}

/** What closes the gate on a link (a session is open) and what opens it again. */
type LinkState = { readonly open: true } | { readonly open: false; readonly gate: Gate };

const fresh = (reason: string, since?: number): LinkState => ({
  open: false,
  gate: { reason, since, offending: [] },
});

/**
 * DESIGN §1 rule 1 and §7: on each link, no request but Login leaves
 * before a Login Success — before the first one, after a (re-)Login was sent and before its
 * answer, after a Logout, and after the terminal answered LoggedOut. One verdict per episode of
 * requests sent without a session.
 */
function read(header: TraceHeader, observer: Observer | undefined): EventReader<Verdict[]> {
  const links = new Map<string, LinkState>();
  const closed: Gate[] = [];
  let requests = 0;

  const state = (link: string): LinkState => {
    const known = links.get(link);
    if (known !== undefined) return known;
    const initial = fresh(`before any Login Success on link ${link}`);
    links.set(link, initial);
    return initial;
  };
  const close = (link: string, next: LinkState): void => {
    const current = links.get(link);
    if (current !== undefined && !current.open && current.gate.offending.length > 0) {
      closed.push(current.gate);
    }
    links.set(link, next);
  };

  const push = (event: TraceEvent): void => {
    if (event.kind === 'link' && event.observer === observer && event.change === 'opened') {
      close(event.link, fresh(`before any Login Success on link ${event.link}`, event.seq));
      return;
    }
    if (event.kind !== 'message' || event.observer !== observer) return;
    const m = readMessage(event);
    if (isPosRequest(m)) {
      requests++;
      const current = state(m.link);
      if (m.category === 'Login') {
        if (current.open) close(m.link, fresh(`while ${describe(m)} awaited its answer`, m.seq));
      } else if (!current.open) {
        current.gate.offending.push(m);
      } else if (m.category === 'Logout') {
        close(m.link, fresh(`after ${describe(m)}`, m.seq));
      }
    } else if (isPoiResponse(m)) {
      if (m.category === 'Login' && m.result === 'Success') close(m.link, { open: true });
      else if (m.errorCondition === 'LoggedOut' && state(m.link).open) {
        close(m.link, fresh(`after the terminal answered LoggedOut (seq ${m.seq})`, m.seq));
      }
    }
  };

  const verdicts = (): Verdict[] => {
    // Gates still open at the end of the events so far count as closed there.
    const gates = [...closed];
    for (const current of links.values()) {
      if (!current.open && current.gate.offending.length > 0) gates.push(current.gate);
    }
    const violations = gates.map((gate) =>
      failed(
        NAME,
        `${plural(gate.offending.length, 'request')} sent without a session ${gate.reason}: ${listed(gate.offending, describe)}`,
        [...(gate.since === undefined ? [] : [gate.since]), ...gate.offending.map((m) => m.seq)],
        gate.offending[0]?.seq,
      ),
    );
    if (violations.length > 0 && LOGIN_OPTIONAL_PROFILES.has(header.profile)) {
      const offending = gates.flatMap((gate) => gate.offending.map((m) => m.seq));
      return [
        passed(
          NAME,
          `profile ${header.profile} does not require Login: ${plural(offending.length, 'request')} sent without a session (allowed there)`,
          offending,
        ),
      ];
    }
    if (observer === undefined) {
      return [passed(NAME, 'not applicable: the trace has no wire messages')];
    }
    return judge(
      NAME,
      violations,
      `${plural(requests, 'request')}, all after a successful Login on their link`,
    );
  };

  return { push, read: verdicts };
}

export const loginBeforeRequests = defineChecker({
  name: NAME,
  description:
    'Nothing but Login leaves before a Login Success on the link (at first, after a re-Login is sent, after Logout or a LoggedOut answer).',
  start: (header) => byPrimaryObserver((observer) => read(header, observer)),
});
