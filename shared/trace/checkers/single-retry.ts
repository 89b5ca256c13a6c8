import type { EventOf, Observer, TraceEvent } from '../events';
import { byPrimaryObserver, defineChecker, untilFirst, type EventReader } from './incremental';
import type { Verdict } from './types';
import { failed, judge, listed, plural } from './verdicts';
import {
  canonical,
  describe,
  isPoiResponse,
  isPosRequest,
  saleOf,
  saleTransactionIdOf,
  serviceKey,
  readMessage,
  type WireMessage,
} from './frame-view';

const NAME = 'single-retry';

/**
 * Requests whose repetition other rules govern: Login resends follow the login sequence's
 * attempt cap (BUSY answers, timeouts; see busy-backoff), and Abort has no response at all, so
 * "unanswered" says nothing about it.
 */
const EXEMPT: ReadonlySet<string> = new Set(['Login', 'Abort']);

type RetryRecord = TraceEvent & EventOf<'retry'>;

/** One original request and the resends of it seen so far. */
interface Family {
  readonly label: string;
  readonly original: number;
  /** Seqs of the evidence of each resend (its retry event or its frame). */
  readonly resends: number[];
  /** ServiceIDs of the resends, so both sources' view of one resend count once. */
  readonly resendIds: string[];
}

/**
 * Retries the client reported: each `retry` event links a new ServiceID to the one it replaces,
 * so every request has one original; more than one retry per original is a violation.
 */
function fromRetryEvents(): EventReader<ReadonlyMap<string, Family>> {
  const rootOf = new Map<string, string>();
  const families = new Map<string, Family>();
  return {
    push(event) {
      if (event.kind !== 'retry' || EXEMPT.has(event.category)) return;
      const retry: RetryRecord = event;
      const root = rootOf.get(retry.previousServiceId) ?? retry.previousServiceId;
      rootOf.set(retry.serviceId, root);
      const family = families.get(root) ?? {
        label: `${retry.category} ${root}`,
        original: retry.seq,
        resends: [],
        resendIds: [],
      };
      family.resends.push(retry.seq);
      family.resendIds.push(retry.serviceId);
      families.set(root, family);
    },
    read: () => families,
  };
}

/**
 * What makes two requests "the same request": the SaleID, the category and the body — for a
 * payment, its sale (SaleTransactionID), since a resend may refresh timestamps.
 */
function identity(m: WireMessage): string {
  const transaction = m.category === 'Payment' ? saleTransactionIdOf(m) : undefined;
  return [saleOf(m), m.category ?? '', transaction ?? canonical(m.body)].join('\u0000');
}

/**
 * Retries seen on the wire: a request sent again while the same request before it is still
 * unanswered is a resend of it. Two payments for one sale are never independent, so payments
 * are always judged this way; other requests only when the trace has no operation records (a
 * foreign POS), because a client that tells its own story may well run two identical status
 * queries side by side, and its `retry` events say which request replaces which.
 */
function fromWire(
  observer: Observer | undefined,
  paymentsOnly: boolean,
): EventReader<ReadonlyMap<string, Family>> {
  const open = new Map<string, { family: Family; answered: boolean; serviceKey: string }>();
  const byServiceKey = new Map<string, string>();
  const families = new Map<string, Family>();
  const onMessage = (m: WireMessage): void => {
    if (isPoiResponse(m)) {
      const id = byServiceKey.get(serviceKey(saleOf(m), m.serviceId));
      const current = id === undefined ? undefined : open.get(id);
      if (current !== undefined && current.serviceKey === serviceKey(saleOf(m), m.serviceId)) {
        current.answered = true;
      }
      return;
    }
    if (!isPosRequest(m) || EXEMPT.has(m.category ?? '')) return;
    if (paymentsOnly && m.category !== 'Payment') return;
    const id = identity(m);
    const key = serviceKey(saleOf(m), m.serviceId);
    byServiceKey.set(key, id);
    const current = open.get(id);
    if (current === undefined || current.answered) {
      open.set(id, {
        family: { label: describe(m), original: m.seq, resends: [], resendIds: [] },
        answered: false,
        serviceKey: key,
      });
      return;
    }
    current.family.resends.push(m.seq);
    current.family.resendIds.push(m.serviceId ?? '');
    families.set(`${id}\u0000${current.family.original}`, current.family);
    open.set(id, { ...current, serviceKey: key });
  };
  return {
    push(event) {
      if (event.kind === 'message' && event.observer === observer) onMessage(readMessage(event));
    },
    read: () => families,
  };
}

/**
 * DESIGN §7: a request is retried at most once (an idempotent request after a re-login, a
 * payment after TransactionStatus said NotFound). Judged from the client's `retry` events and
 * from the wire (the same request resent while unanswered; see `fromWire`), so a foreign POS is
 * judged too.
 */
function read(): EventReader<Verdict[]> {
  const retries = fromRetryEvents();
  // Whether the trace has operation records decides what the wire judges (see `fromWire`).
  const wire = byPrimaryObserver((observer) =>
    untilFirst((event) => event.kind === 'op', fromWire(observer, false), fromWire(observer, true)),
  );
  const push = (event: TraceEvent): void => {
    retries.push(event);
    wire.push(event);
  };
  const verdicts = (): Verdict[] => {
    const violations: Verdict[] = [];
    const reported = new Set<string>();
    const sources = [
      ['retry events', retries.read()],
      ['the wire', wire.read()],
    ] as const;
    const retried = Math.max(...sources.map(([, families]) => families.size));
    for (const [source, families] of sources) {
      for (const family of families.values()) {
        if (family.resends.length < 2) continue;
        const evidence = [family.original, ...family.resends];
        // The same resends seen by both sources are one violation.
        if (family.resendIds.some((id) => reported.has(id))) continue;
        for (const id of family.resendIds) reported.add(id);
        violations.push(
          failed(
            NAME,
            `${family.label} was retried ${family.resends.length} times (from ${source}; seqs ${listed(family.resends, String)}); at most once is allowed`,
            evidence,
          ),
        );
      }
    }
    return judge(
      NAME,
      violations,
      retried === 0
        ? 'no request was retried'
        : `no request was retried more than once (${plural(retried, 'retried request')})`,
    );
  };
  return { push, read: verdicts };
}

export const singleRetry = defineChecker({
  name: NAME,
  description:
    'No request is retried more than once (Login resends follow the login attempt cap instead; Abort is never judged as a retry).',
  start: read,
});
