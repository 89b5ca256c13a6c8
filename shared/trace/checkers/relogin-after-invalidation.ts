import type { TraceEvent } from '../events';
import type { Checker, CheckInput, Verdict } from './types';
import { LOGIN_OPTIONAL_PROFILES } from './policy';
import { failed, judge, passed, plural } from './verdicts';
import {
  asText,
  describe,
  isPoiResponse,
  isPosRequest,
  primaryObserver,
  readMessage,
  saleOf,
  type WireMessage,
} from './wire';

const NAME = 'relogin-after-invalidation';

/**
 * How an invalidation reaches the POS.
 * - `seen`: the POS learns at once (its link closed, it sent the Logout, the terminal answered
 *   LoggedOut, the POS app itself restarted).
 * - `closing`: the payment application ended the sessions by closing the links (restart,
 *   update, a dropped link); the POS learns when the close reaches it, so what it sends on
 *   those links until then is not held against it.
 * - `blind`: a silent session reset; the POS can only learn by a request going unanswered, so
 *   its first request afterwards is not held against it.
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
  /** Still true while the only invalidations were silent resets. */
  blind: boolean;
  /** Links ended by the payment application whose close has not reached the POS yet. */
  readonly dying: Set<string>;
  readonly evidence: number[];
  /** Requests the POS could not know were dead (on a dying link; the first after a reset). */
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

/** Requests a POS may send while it cannot know of a silent reset: cancelling is always safe. */
const HARMLESS_WHEN_BLIND: ReadonlySet<string> = new Set(['Abort']);

/**
 * DESIGN §1 rules 2–3: after the payment application restarts or is updated, the link drops,
 * the sessions are silently reset, the POS logs out, the terminal answers LoggedOut or the POS
 * app restarts, the first request of that SaleID is a Login — as soon as the POS can know.
 * Sessions are tracked per SaleID (a session belongs to one SaleID), so several POSes on one
 * terminal are judged apart.
 */
function check({ header, events }: CheckInput): Verdict[] {
  const observer = primaryObserver(events);
  const open = new Set<string>();
  const pending = new Map<string, Pending>();
  const salesOnLink = new Map<string, Set<string>>();
  const liveLinks = new Set<string>();
  const violations: Verdict[] = [];
  let invalidations = 0;

  const invalidate = (sales: Iterable<string>, invalidation: Invalidation): void => {
    const dying = invalidation.visibility === 'closing' ? liveLinks : new Set<string>();
    for (const sale of sales) {
      const waiting = pending.get(sale);
      if (waiting !== undefined) {
        waiting.evidence.push(invalidation.seq);
        if (invalidation.visibility !== 'blind') waiting.blind = false;
        for (const link of dying) waiting.dying.add(link);
        continue;
      }
      if (!open.has(sale)) continue;
      open.delete(sale);
      invalidations++;
      pending.set(sale, {
        first: invalidation,
        blind: invalidation.visibility === 'blind',
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
    if (waiting === undefined || waiting.offending.length === 0) return;
    violations.push(
      failed(
        NAME,
        `after ${waiting.first.what}, SaleID ${sale || '(none)'} sent ${plural(waiting.offending.length, 'request')} before a Login: ${waiting.offending.map(describe).join(', ')}`,
        [...waiting.evidence, ...waiting.tolerated, ...waiting.offending.map((m) => m.seq)],
      ),
    );
  };
  /** True when the POS could not have known its session was gone when it sent `m`. */
  const excusable = (waiting: Pending, m: WireMessage): boolean => {
    if (waiting.dying.has(m.link)) return true;
    if (!waiting.blind) return false;
    if (HARMLESS_WHEN_BLIND.has(m.category ?? '')) return true;
    return waiting.tolerated.length === 0 && waiting.offending.length === 0;
  };
  const onRequest = (m: WireMessage): void => {
    const sale = saleOf(m);
    const linked = salesOnLink.get(m.link) ?? new Set<string>();
    linked.add(sale);
    salesOnLink.set(m.link, linked);
    liveLinks.add(m.link);
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
    if (excusable(waiting, m)) waiting.tolerated.push(m.seq);
    else waiting.offending.push(m);
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
    if (event.phase === 'armed') return;
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
      case 'message':
      case 'session':
      case 'timeout':
      case 'retry':
      case 'op':
      case 'poiSession':
      case 'ledger':
        return;
    }
  };

  for (const event of events) {
    if (event.kind !== 'message') {
      onOther(event);
      continue;
    }
    if (event.observer !== observer) continue;
    const m = readMessage(event);
    if (isPosRequest(m)) onRequest(m);
    else if (isPoiResponse(m)) onResponse(m);
  }
  for (const sale of [...pending.keys()]) settle(sale);

  if (violations.length > 0 && LOGIN_OPTIONAL_PROFILES.has(header.profile)) {
    return [
      passed(
        NAME,
        `profile ${header.profile} does not require Login: ${plural(violations.length, 'invalidation')} not followed by a Login (allowed there)`,
        violations.flatMap((v) => v.events),
      ),
    ];
  }
  if (observer === undefined)
    return [passed(NAME, 'not applicable: the trace has no wire messages')];
  return judge(
    NAME,
    violations,
    invalidations === 0
      ? 'not applicable: no open session was invalidated in this trace'
      : `a Login came first after every session invalidation (${invalidations})`,
  );
}

export const reloginAfterInvalidation: Checker = {
  name: NAME,
  description:
    'After a restart, update, link drop, silent reset, Logout, LoggedOut answer or POS restart, the first request is a Login (as soon as the POS can know).',
  check,
};
