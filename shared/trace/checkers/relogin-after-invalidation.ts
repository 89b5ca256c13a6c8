import type { Observer, TraceEvent, TraceHeader } from '../events';
import { byPrimaryObserver, defineChecker, untilFirst, type EventReader } from './incremental';
import type { Verdict } from './types';
import { LOGIN_OPTIONAL_PROFILES, policyNumber, type NumericKey } from './policy';
import { failed, judge, listed, passed, plural } from './verdicts';
import {
  asText,
  describe,
  isPoiResponse,
  isPosRequest,
  readMessage,
  saleOf,
  type WireMessage,
} from './frame-view';

const NAME = 'relogin-after-invalidation';

/**
 * How an invalidation reaches the POS.
 * - `seen`: the POS learns at once (its link closed, it sent the Logout, the terminal answered
 *   LoggedOut, the POS app itself restarted).
 * - `closing`: the payment application ended the sessions by closing the links (restart,
 *   update, a dropped link); the POS learns when the close reaches it, so what it sends on
 *   those links until then is not held against it.
 * - `blind`: a silent session reset; the POS can only learn by a request going unanswered, so
 *   nothing it sends is held against it until a sign of the dead session reaches it: a timeout,
 *   a LoggedOut answer, a closed link, or its own re-login. Until then it may rightly have sent
 *   several requests (a payment and a TransactionStatus or Abort may overlap, DESIGN §1 rule 7).
 */
type Visibility = 'seen' | 'closing' | 'blind';

interface Invalidation {
  readonly seq: number;
  readonly what: string;
  readonly visibility: Visibility;
}

/** A SaleID whose session ended and that has not sent its Login yet. */
interface Pending {
  readonly first: Invalidation;
  /**
   * True while the POS cannot know its session is gone: the only invalidations were silent
   * resets and no sign of them has reached it yet.
   */
  unaware: boolean;
  /**
   * While unaware, in a trace that does not record the POS's own timers: the moment a POS
   * following the policy has timed out on one of the requests it sent into the void, and so
   * knows (Infinity until it sent one that expects an answer).
   */
  knowsBy: number;
  /** How the POS came to know, for the verdict message. */
  knew?: string;
  /** Links ended by the payment application whose close has not reached the POS yet. */
  readonly dying: Set<string>;
  readonly evidence: number[];
  /** Requests the POS could not know were dead (on a dying link; unaware after a reset). */
  readonly tolerated: number[];
  readonly offending: WireMessage[];
}

/** Simulator faults that end every session, and how the POS learns of them. */
const GLOBAL_FAULTS: Readonly<Record<string, Visibility>> = {
  restart: 'closing',
  update: 'closing',
  restartDuringPayment: 'closing',
  resetSessions: 'blind',
  // The reference client's own "POS app restarted" fault.
  restartClient: 'seen',
};

/**
 * The response timeout a POS following the policy gives each category, by policy key. Abort is
 * absent on purpose: it has no answer, so an unanswered Abort says nothing about the session
 * (the reference client does not suspect its session after one either).
 */
const RESPONSE_TIMEOUTS: Readonly<Record<string, NumericKey>> = {
  Payment: 'paymentTimeoutMs',
  TransactionStatus: 'statusTimeoutMs',
  Admin: 'adminTimeoutMs',
  Reversal: 'reversalTimeoutMs',
  Logout: 'logoutTimeoutMs',
};

/**
 * DESIGN §1 rules 2–3: after the payment application restarts or is updated, the link drops,
 * the sessions are silently reset, the POS logs out, the terminal answers LoggedOut or the POS
 * app restarts, the first request of that SaleID is a Login — as soon as the POS can know.
 * Sessions are tracked per SaleID (a session belongs to one SaleID), so several POSes on one
 * terminal are judged apart.
 */
function read(
  header: TraceHeader,
  observer: Observer | undefined,
  timersRecorded: boolean,
): EventReader<Verdict[]> {
  const saleOfService = new Map<string, string>();
  const open = new Set<string>();
  const pending = new Map<string, Pending>();
  const salesOnLink = new Map<string, Set<string>>();
  const liveLinks = new Set<string>();
  const violations: Verdict[] = [];
  let invalidations = 0;

  /** A sign of the dead session reached the POS. */
  const learn = (waiting: Pending, how: string): void => {
    if (!waiting.unaware) return;
    waiting.unaware = false;
    waiting.knew = how;
  };
  const invalidate = (sales: Iterable<string>, invalidation: Invalidation): void => {
    const dying = invalidation.visibility === 'closing' ? liveLinks : new Set<string>();
    for (const sale of sales) {
      const waiting = pending.get(sale);
      if (waiting !== undefined) {
        waiting.evidence.push(invalidation.seq);
        if (invalidation.visibility !== 'blind') learn(waiting, invalidation.what);
        for (const link of dying) waiting.dying.add(link);
        continue;
      }
      if (!open.has(sale)) continue;
      open.delete(sale);
      invalidations++;
      pending.set(sale, {
        first: invalidation,
        unaware: invalidation.visibility === 'blind',
        knowsBy: Infinity,
        dying: new Set(dying),
        evidence: [invalidation.seq],
        tolerated: [],
        offending: [],
      });
    }
  };
  const settle = (sale: string): void => {
    const waiting = pending.get(sale);
    pending.delete(sale);
    const violation = waiting === undefined ? undefined : violationOf(sale, waiting);
    if (violation !== undefined) violations.push(violation);
  };
  /** True when the POS could not have known its session was gone when it sent `m`. */
  const excusable = (waiting: Pending, m: WireMessage): boolean => {
    if (waiting.dying.has(m.link)) return true;
    if (!waiting.unaware) return false;
    if (m.t <= waiting.knowsBy) return true;
    // Its timeout ran out before `m` (`knew` already names it).
    waiting.unaware = false;
    return false;
  };
  /** Without the POS's timers: when its timeout for `m`, sent into the void, runs out. */
  const expectAnswer = (waiting: Pending, m: WireMessage): void => {
    const key = RESPONSE_TIMEOUTS[m.category ?? ''];
    if (timersRecorded || !waiting.unaware || key === undefined) return;
    const due = m.t + policyNumber(header.policy, key);
    if (due >= waiting.knowsBy) return;
    waiting.knowsBy = due;
    waiting.knew = `its ${m.category ?? 'request'} timeout (${policyNumber(header.policy, key)} ms in the policy) for ${describe(m)}`;
  };
  const onRequest = (m: WireMessage): void => {
    const sale = saleOf(m);
    const linked = salesOnLink.get(m.link) ?? new Set<string>();
    linked.add(sale);
    salesOnLink.set(m.link, linked);
    liveLinks.add(m.link);
    if (m.serviceId !== undefined) saleOfService.set(m.serviceId, sale);
    if (m.category === 'Login') {
      settle(sale);
      return;
    }
    const waiting = pending.get(sale);
    if (waiting === undefined) {
      if (m.category === 'Logout') {
        invalidate([sale], { seq: m.seq, what: describe(m), visibility: 'seen' });
      }
      return;
    }
    if (excusable(waiting, m)) {
      waiting.tolerated.push(m.seq);
      expectAnswer(waiting, m);
    } else waiting.offending.push(m);
  };
  const onTimeout = (event: TraceEvent & { kind: 'timeout' }): void => {
    if (RESPONSE_TIMEOUTS[event.category] === undefined) return;
    const sale = saleOfService.get(event.serviceId);
    const sales = sale === undefined ? [...pending.keys()] : [sale];
    for (const each of sales) {
      const waiting = pending.get(each);
      if (waiting === undefined || !waiting.unaware) continue;
      waiting.evidence.push(event.seq);
      learn(waiting, `the ${event.category} ${event.serviceId} timeout (seq ${event.seq})`);
    }
  };
  const onResponse = (m: WireMessage): void => {
    const sales = m.saleId !== undefined ? [m.saleId] : [...(salesOnLink.get(m.link) ?? [])];
    if (m.category === 'Login' && m.result === 'Success') {
      for (const sale of sales) {
        settle(sale);
        open.add(sale);
      }
    } else if (m.errorCondition === 'LoggedOut') {
      invalidate(sales, {
        seq: m.seq,
        what: `a LoggedOut answer (seq ${m.seq})`,
        visibility: 'seen',
      });
    }
  };
  const every = (): string[] => [...open, ...pending.keys()];
  const onLink = (event: TraceEvent & { kind: 'link' }): void => {
    if (event.observer !== observer) return;
    if (event.change === 'opened') {
      liveLinks.add(event.link);
      return;
    }
    liveLinks.delete(event.link);
    for (const waiting of pending.values()) waiting.dying.delete(event.link);
    invalidate(salesOnLink.get(event.link) ?? [], {
      seq: event.seq,
      what: `link ${event.link} closed (seq ${event.seq})`,
      visibility: 'seen',
    });
  };
  const onFault = (event: TraceEvent & { kind: 'fault' }): void => {
    // Only a fault that acted ends sessions; arming or taking one back does nothing yet.
    if (event.phase === 'armed' || event.phase === 'disarmed') return;
    const visibility = GLOBAL_FAULTS[event.name];
    const what = `fault ${event.name} (seq ${event.seq})`;
    if (visibility !== undefined) {
      invalidate(every(), { seq: event.seq, what, visibility });
      return;
    }
    if (event.name !== 'dropLink') return;
    const linkId = asText(event.args?.linkId) ?? 'all';
    // A named link is the simulator's id: only meaningful when reading the POI's frames;
    // otherwise the POS's own `link closed` event tells the story.
    if (linkId === 'all') invalidate(every(), { seq: event.seq, what, visibility: 'closing' });
    else if (observer === 'poi') {
      invalidate(salesOnLink.get(linkId) ?? [], { seq: event.seq, what, visibility: 'closing' });
    }
  };
  const onOther = (event: TraceEvent): void => {
    switch (event.kind) {
      case 'link':
        onLink(event);
        return;
      case 'fault':
        onFault(event);
        return;
      case 'lifecycle':
        // A session cannot outlive a payment application that is not ready.
        if (event.to !== 'ready') {
          invalidate(every(), {
            seq: event.seq,
            what: `the payment application went ${event.to} (${event.reason}, seq ${event.seq})`,
            visibility: 'closing',
          });
        }
        return;
      case 'timeout':
        onTimeout(event);
        return;
      case 'message':
      case 'session':
      case 'retry':
      case 'op':
      case 'poiSession':
      case 'ledger':
      case 'security':
        return;
    }
  };

  const push = (event: TraceEvent): void => {
    if (event.kind !== 'message') {
      onOther(event);
      return;
    }
    if (event.observer !== observer) return;
    const m = readMessage(event);
    if (isPosRequest(m)) onRequest(m);
    else if (isPoiResponse(m)) onResponse(m);
  };

  const verdicts = (): Verdict[] => {
    // SaleIDs still waiting for their Login are settled as the events so far end.
    const all = [...violations];
    for (const [sale, waiting] of pending) {
      const violation = violationOf(sale, waiting);
      if (violation !== undefined) all.push(violation);
    }
    if (all.length > 0 && LOGIN_OPTIONAL_PROFILES.has(header.profile)) {
      return [
        passed(
          NAME,
          `profile ${header.profile} does not require Login: ${plural(all.length, 'invalidation')} not followed by a Login (allowed there)`,
          all.flatMap((v) => v.events),
        ),
      ];
    }
    if (observer === undefined)
      return [passed(NAME, 'not applicable: the trace has no wire messages')];
    return judge(
      NAME,
      all,
      invalidations === 0
        ? 'not applicable: no open session was invalidated in this trace'
        : `a Login came first after every session invalidation (${invalidations})`,
    );
  };

  return { push, read: verdicts };
}

/** The verdict on a SaleID's wait for its Login: a violation when it sent anything else. */
function violationOf(sale: string, waiting: Pending): Verdict | undefined {
  if (waiting.offending.length === 0) return undefined;
  const knew =
    waiting.first.visibility === 'blind' && waiting.knew !== undefined
      ? `; it could know from ${waiting.knew}`
      : '';
  return failed(
    NAME,
    `after ${waiting.first.what}, SaleID ${sale || '(none)'} sent ${plural(waiting.offending.length, 'request')} before a Login: ${listed(waiting.offending, describe)}${knew}`,
    [...waiting.evidence, ...waiting.tolerated, ...waiting.offending.map((m) => m.seq)],
    waiting.offending[0]?.seq,
  );
}

export const reloginAfterInvalidation = defineChecker({
  name: NAME,
  description:
    'After a restart, update, link drop, silent reset, Logout, LoggedOut answer or POS restart, the first request is a Login (as soon as the POS can know).',
  // The reference client records its session and its timeouts: there a `timeout` event is when
  // it learns. A foreign POS's timers are not in the trace (terminal role): there it is taken to
  // learn when the policy's timeout of a request it sent into the void has run out.
  start: (header) =>
    byPrimaryObserver((observer) =>
      untilFirst(
        (event) => event.kind === 'session',
        read(header, observer, false),
        read(header, observer, true),
      ),
    ),
});
