import { z } from 'zod';
import type { EventBody } from '../trace/events';
import type { SessionPolicy } from './policy';
import type { SessionStateId } from './states';
import type { OpName, Outcome, ResponseInfo, TransactionRef } from './outcomes';

/** Names one outbound request of the state machine until the runner has given it a ServiceID. */
export type RequestKey = string;
/** Identifies one operation across its invoke and its final outcome. */
export type OpId = string;

/** An operation as the caller asked for it. Payments come with their SaleTransactionID. */
export type OpRequest =
  | { readonly name: 'login' }
  | { readonly name: 'logout' }
  | {
      readonly name: 'pay';
      readonly amountMinor: number;
      readonly currency: string;
      readonly saleTransactionId: TransactionRef;
      readonly paymentType?: string;
    }
  | { readonly name: 'status'; readonly serviceId?: string; readonly category?: string }
  | {
      readonly name: 'reverse';
      readonly poiTransactionId: TransactionRef;
      readonly reason?: string;
      readonly amountMinor?: number;
      readonly currency?: string;
    }
  | { readonly name: 'abort'; readonly serviceId?: string }
  | { readonly name: 'admin'; readonly kind: 'diagnosis' | 'update' };

/** A reference to an earlier message (TransactionStatus, Abort). SaleID is added by the runner. */
export interface MessageRef {
  readonly serviceId: string;
  readonly category: string;
}

/** What to send; the runner adds the header (ServiceID, SaleID, POIID) and encodes it. */
export type RequestSpec =
  | { readonly category: 'Login' }
  | { readonly category: 'Logout' }
  | {
      readonly category: 'Payment';
      readonly amountMinor: number;
      readonly currency: string;
      readonly saleTransactionId: TransactionRef;
      readonly paymentType?: string;
    }
  | { readonly category: 'TransactionStatus'; readonly messageReference?: MessageRef }
  | {
      readonly category: 'Reversal';
      readonly poiTransactionId: TransactionRef;
      readonly reason: string;
      readonly amountMinor?: number;
      readonly currency?: string;
    }
  | { readonly category: 'Abort'; readonly messageReference: MessageRef; readonly reason: string }
  | { readonly category: 'Admin'; readonly kind: 'diagnosis' | 'update' };

/**
 * A timer of the state machine; a runner keys them by kind and {@link timerOwner} (or by
 * {@link timerKey}), so starting a timer again replaces the earlier one.
 */
export type Timer =
  | { readonly kind: 'reconnect' }
  | { readonly kind: 'loginBackoff' }
  | { readonly kind: 'response'; readonly request: RequestKey }
  | { readonly kind: 'queue'; readonly op: OpId }
  | { readonly kind: 'poll'; readonly op: OpId }
  | { readonly kind: 'pollWindow'; readonly op: OpId };

/** What a timer belongs to within its kind: its request or operation (none for the singletons). */
export function timerOwner(timer: Timer): string {
  switch (timer.kind) {
    case 'reconnect':
    case 'loginBackoff':
      return '';
    case 'response':
      return timer.request;
    case 'queue':
    case 'poll':
    case 'pollWindow':
      return timer.op;
  }
}

/** Whether two timers are the same timer (the later one replaces or cancels the earlier). */
export function sameTimer(a: Timer, b: Timer): boolean {
  return a.kind === b.kind && timerOwner(a) === timerOwner(b);
}

/** One text key per timer, for a runner that keeps its timers in one map. */
export function timerKey(timer: Timer): string {
  const owner = timerOwner(timer);
  return owner === '' ? timer.kind : `${timer.kind}:${owner}`;
}

/**
 * One payment the client sent and has not settled, as kept in the journal (a small file) so a
 * restarted client recovers it through TransactionStatus before anything else.
 */
export const JournalEntry = z.object({
  op: z.string().min(1),
  amountMinor: z.number().int(),
  currency: z.string().min(1),
  saleTransactionId: z.object({ TransactionID: z.string(), TimeStamp: z.string() }),
  paymentType: z.string().optional(),
  serviceIds: z.array(z.string().min(1)).min(1),
  resentAfter: z.string().optional(),
});
/** See {@link JournalEntry}. */
export type JournalEntry = z.infer<typeof JournalEntry>;

/** What the manager feeds the state machine. */
export type SessionInput =
  | { readonly kind: 'start' }
  /**
   * Stops everything: operations end with `reason`, except those in `preserve` (payments a
   * restarted client recovers from the journal under the same id), which end silently.
   */
  | { readonly kind: 'stop'; readonly reason: string; readonly preserve?: readonly OpId[] }
  | { readonly kind: 'dialed'; readonly link: string }
  | { readonly kind: 'dialFailed'; readonly error: string }
  | { readonly kind: 'linkClosed'; readonly link: string; readonly reason: string }
  | { readonly kind: 'invoke'; readonly op: OpId; readonly request: OpRequest }
  /** Payments of the journal to recover first; `announce` emits an invoke for each. */
  | {
      readonly kind: 'recoverJournal';
      readonly entries: readonly JournalEntry[];
      readonly announce: boolean;
    }
  /** The runner gave the request a ServiceID (just before it goes on the wire). */
  | { readonly kind: 'sent'; readonly request: RequestKey; readonly serviceId: string }
  | { readonly kind: 'response'; readonly response: ResponseInfo }
  /**
   * A POI-initiated message: a DisplayRequest (`Display`) or an EventNotification (`Event`,
   * with its EventToNotify). Progress for a payment in flight; an answer for an Abort.
   */
  | {
      readonly kind: 'poiMessage';
      readonly category: string;
      readonly event?: string;
    }
  | { readonly kind: 'timer'; readonly timer: Timer };

/** What the state machine asks the runner to do, in order. */
export type SessionEffect =
  | { readonly kind: 'dial' }
  | { readonly kind: 'closeLink'; readonly link: string; readonly reason: string }
  | {
      readonly kind: 'send';
      readonly request: RequestKey;
      readonly spec: RequestSpec;
      readonly op?: OpId;
    }
  /** With `jitter`, the runner waits a uniform random time in [0, ms] (full jitter). */
  | {
      readonly kind: 'startTimer';
      readonly timer: Timer;
      readonly ms: number;
      readonly jitter?: boolean;
    }
  | { readonly kind: 'cancelTimer'; readonly timer: Timer }
  | { readonly kind: 'emit'; readonly event: EventBody }
  | { readonly kind: 'complete'; readonly op: OpId; readonly outcome: Outcome }
  | { readonly kind: 'journalPut'; readonly entry: JournalEntry }
  | { readonly kind: 'journalRemove'; readonly op: OpId };

/** Why an outbound request exists. */
export type RequestPurpose = 'login' | 'op' | 'recoveryStatus';

/** A request on the wire (or about to be) whose answer the machine waits for. */
export interface OutboundRequest {
  readonly key: RequestKey;
  readonly purpose: RequestPurpose;
  readonly category: RequestSpec['category'];
  readonly timeoutMs: number;
  readonly op?: OpId;
  serviceId?: string;
  /** Set when this request repeats an earlier one; becomes a `retry` event once sent. */
  readonly retryOf?: RetryOf;
}

/** The earlier request a retry replaces. */
export interface RetryOf {
  readonly serviceId?: string;
  readonly attempt: number;
  readonly reason: string;
}

/**
 * Where an operation is: `waiting` for a session (queued, or joined to a login sequence),
 * `sent` with its request on the wire, `recovering` (a payment whose answer was lost, waiting
 * for a session to ask TransactionStatus), `statusSent`, or `pollWait` between two polls.
 */
export type OpStage = 'waiting' | 'sent' | 'recovering' | 'statusSent' | 'pollWait';

/** An operation the machine is working on. */
export interface OpModel {
  readonly id: OpId;
  readonly request: OpRequest;
  stage: OpStage;
  /** The outstanding request, if any. */
  pending?: RequestKey;
  /** ServiceIDs of the operation's own requests (for a payment: the Payment requests). */
  serviceIds: string[];
  /** ServiceIDs of recovery TransactionStatus requests (payments only). */
  statusServiceIds: string[];
  /** Automatic retries made so far. */
  retries: number;
  /** Set while a retry waits to be sent. */
  retryOf?: RetryOf;
  /** Payments: the ServiceID found not processed before the single resend. */
  resentAfter?: string;
  /** Payments: status polling started (its window timer runs). */
  pollStarted?: boolean;
  /** Abort: the payment it targets. */
  target?: { readonly serviceId: string; readonly op?: OpId };
}

/** The running login sequence (one at a time). */
export interface LoginSequence {
  /** Login requests sent in this sequence ("at most N attempts"). */
  attempts: number;
  /** Timeouts retried in this sequence. */
  timeoutRetries: number;
  /** ServiceID of the last Login sent, for the retry event of the next one. */
  lastServiceId?: string;
  /** Waiting for the BUSY backoff timer. */
  backoff: boolean;
  readonly reason: string;
}

/**
 * A Logout left and its operation has not ended: the session is closing. Nothing but that
 * Logout (its retry included) and Login may leave until it ends; see `logout.ts` for how it ends.
 */
export interface Closing {
  /** The logout operation. */
  readonly op: OpId;
  /**
   * Operations invoked after a Login was asked during the closing: they wait for that Login
   * instead of failing with `loggedOut` (the others were asked for the session being closed).
   */
  afterLogin: OpId[];
}

/** Counters shown in the snapshot and the UI. */
export interface SessionCounters {
  logins: number;
  loginAttempts: number;
  busyRetries: number;
  timeouts: number;
  retries: number;
  recoveredPayments: number;
  reconnects: number;
}

/** The whole state of the session logic: plain data, so it can be copied, logged and replayed. */
export interface SessionModel {
  readonly policy: SessionPolicy;
  state: SessionStateId;
  reason: string;
  started: boolean;
  link?: string;
  dialing: boolean;
  reconnectPending: boolean;
  reconnectAttempt: number;
  /** Log in after every (re)connect; off after Logout or a failed session until asked again. */
  autoLogin: boolean;
  login?: LoginSequence;
  /** Login operations waiting for the running (or next) sequence. */
  joined: OpId[];
  requests: Record<RequestKey, OutboundRequest>;
  ops: Record<OpId, OpModel>;
  /** Operations waiting for an open session (and for the one-at-a-time slot), in order. */
  queue: OpId[];
  /** The operation holding the one-service-request-at-a-time slot. */
  exclusive?: OpId;
  /** Set from the moment a Logout is sent until its operation ends. */
  closing?: Closing;
  nextRequest: number;
  counters: SessionCounters;
}

/** The state before `start`. */
export function initialModel(policy: SessionPolicy): SessionModel {
  return {
    policy,
    state: 'offline',
    reason: 'not started',
    started: false,
    dialing: false,
    reconnectPending: false,
    reconnectAttempt: 0,
    autoLogin: policy.loginOnStart,
    joined: [],
    requests: {},
    ops: {},
    queue: [],
    nextRequest: 1,
    counters: {
      logins: 0,
      loginAttempts: 0,
      busyRetries: 0,
      timeouts: 0,
      retries: 0,
      recoveredPayments: 0,
      reconnects: 0,
    },
  };
}

/**
 * A copy that shares nothing mutable with `m`, so `step` never changes its input. It runs on
 * every step (three per request), so it is written for speed: `Object.keys` loops and `slice`
 * rather than `Object.entries` destructuring and array spreads, which the status benchmark's
 * profile showed as the session logic's largest cost.
 */
export function cloneModel(m: SessionModel): SessionModel {
  const requests = idRecord<OutboundRequest>();
  for (const key of Object.keys(m.requests)) {
    const request = m.requests[key];
    if (request) requests[key] = { ...request };
  }
  const ops = idRecord<OpModel>();
  for (const key of Object.keys(m.ops)) {
    const op = m.ops[key];
    if (op) {
      ops[key] = {
        ...op,
        serviceIds: op.serviceIds.slice(),
        statusServiceIds: op.statusServiceIds.slice(),
      };
    }
  }
  return {
    ...m,
    login: m.login && { ...m.login },
    closing: m.closing && { ...m.closing, afterLogin: m.closing.afterLogin.slice() },
    joined: m.joined.slice(),
    requests,
    ops,
    queue: m.queue.slice(),
    counters: { ...m.counters },
  };
}

/**
 * An empty record keyed by request or operation ids, which are new with every request. Without
 * a prototype V8 keeps it as a hash table from the start, instead of deriving a new hidden class
 * for each id it ever holds. It serialises like `{}` and `toEqual` treats it as one.
 */
function idRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Operation names whose requests hold the one-at-a-time slot (DESIGN §1 rule 7). */
export const EXCLUSIVE_OPS: readonly OpName[] = ['logout', 'pay', 'reverse', 'admin'];
