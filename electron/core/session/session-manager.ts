import { randomInt } from 'node:crypto';
import { SERVICE_ID_SALTS, type SoftwareIdentification } from '@shared/protocol';
import {
  PartialSessionPolicy,
  initialModel,
  resolvePolicy,
  snapshotOf,
  advance,
  sameTimer,
  timerOwner,
  type OperationOutcome,
  type OpRequest,
  type Outcome,
  type PaymentOutcome,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type SessionPolicy,
  type SessionSnapshot,
  type Timer,
  type TransactionRef,
} from '@shared/session';
import type { Clock, TimerId } from '@shared/time/clock';
import type { Random } from '@shared/time/random';
import type { EventBody, EventSink } from '@shared/trace/events';
import type { Result } from '@shared/result';
import { lazyCompiled } from '@shared/validation/compiled';
import { createClient, type Client } from '../client/client';
import type { Inbound } from '../client/inbound';
import { clockServiceIds, type ServiceIdSource } from '../client/service-ids';
import { wireOf, type Dialer, type Link, type LinkClosed } from '../link/link';
import { MemoryJournal, type PaymentJournal } from './journal';
import {
  validateAbort,
  validateAdmin,
  validatePay,
  validateReverse,
  validateStatus,
  type PayRequest,
  type ReverseRequest,
} from './requests';

export interface SessionManagerOptions {
  readonly clock: Clock;
  /** Seeded randomness for reconnect jitter (and generated SaleTransactionIDs). */
  readonly random: Random;
  /** Opens links to the payment application (`wsDialer(url)`, `simulator.memoryDialer()`). */
  readonly dialer: Dialer;
  readonly policy?: Partial<SessionPolicy>;
  readonly saleId?: string;
  readonly poiId?: string;
  /** ServiceIDs; pass `fileServiceIds(path)` to keep them unique across processes. */
  readonly serviceIds?: ServiceIdSource;
  /** Payments in flight; pass `FileJournal.open(path)` to survive the process. */
  readonly journal?: PaymentJournal;
  readonly saleSoftware?: SoftwareIdentification;
}

/**
 * The reference POS: keeps a session with the payment application by the rules of DESIGN §7
 * and README "The reference client's rules", and runs operations that each resolve (never reject, never hang) with exactly
 * one final outcome, also emitted as an `op` event.
 */
export interface SessionManager {
  /** Connects and logs in (policy `loginOnStart`). */
  start(): void;
  /** Ends every operation (`stopped`), closes the link, stops all timers. */
  stop(): Promise<void>;
  snapshot(): SessionSnapshot;
  /** Joins the running login sequence, or starts one. */
  login(): Promise<OperationOutcome>;
  /** Logs out; `asFault` records it as an applied fault (the UI's "logout" button). */
  logout(options?: { readonly asFault?: boolean }): Promise<OperationOutcome>;
  pay(request: PayRequest): Promise<PaymentOutcome>;
  /** Without a ServiceID no MessageReference is sent: the terminal answers about its last transaction. */
  status(request?: {
    readonly serviceId?: string;
    readonly category?: string;
  }): Promise<OperationOutcome>;
  reverse(request: ReverseRequest): Promise<OperationOutcome>;
  /** Aborts the payment named by `serviceId`, by default the payment in flight. */
  abort(request?: { readonly serviceId?: string }): Promise<OperationOutcome>;
  admin(request?: { readonly kind?: 'diagnosis' | 'update' }): Promise<OperationOutcome>;
  /**
   * "POS app restarted": drops everything in memory (the link, the session, waiting requests
   * fail with `clientRestarted`), keeps the journal and the ServiceID state, reconnects and
   * recovers journaled payments first. Their callers still get the final outcome.
   */
  restartClient(): Promise<void>;
  onEvent(fn: EventSink): () => void;
  onSnapshot(fn: (snapshot: SessionSnapshot) => void): () => void;
  /** The underlying client (for interceptors and tools). */
  readonly client: Client;
}

/**
 * True when the timer started by `effects[at]` is cancelled later in the same batch before any
 * effect that could see it: a timer fires only on a later turn of the event loop, and its
 * deadline is read only by `snapshot()`, which code outside could call from any effect that
 * reaches it (an event, a resolved caller, a frame, a dial or a close). Such a timer is skipped
 * rather than armed and cleared at once: an operation that is sent as soon as it is invoked
 * starts and cancels its queue timer in one input (README "Performance: last measured values").
 * The cancel itself still runs, so an earlier timer of the same key ends as before.
 */
function cancelledUnseen(effects: readonly SessionEffect[], at: number): boolean {
  const started = effects[at];
  if (started?.kind !== 'startTimer') return false;
  for (let i = at + 1; i < effects.length; i += 1) {
    const later = effects[i] as SessionEffect;
    switch (later.kind) {
      case 'cancelTimer':
      case 'startTimer':
        if (sameTimer(later.timer, started.timer)) return later.kind === 'cancelTimer';
        break;
      case 'emit':
      case 'complete':
      case 'send':
      case 'dial':
      case 'closeLink':
        return false;
      case 'journalPut':
      case 'journalRemove':
        break;
    }
  }
  return false;
}

interface RunningTimer {
  readonly id: TimerId;
  readonly due: number;
  readonly timer: Timer;
}

const CLOSE_GRACE_MS = 2000;
// One manager per scenario run: a fuzz campaign reads a policy hundreds of times a second.
const compiledPolicy = lazyCompiled(PartialSessionPolicy);

function describeClose(closed: LinkClosed): string {
  const why = closed.reason ? ` ${closed.reason}` : '';
  if (closed.cut !== undefined) return `cut (${closed.code}): ${closed.cut}`;
  return closed.abrupt ? `dropped (${closed.code})` : `closed ${closed.code}${why}`;
}

/** Creates a session manager; call `start()` to connect and log in. */
export function createSessionManager(options: SessionManagerOptions): SessionManager {
  const { clock, random, dialer } = options;
  const checked = compiledPolicy().safeParse(options.policy ?? {});
  if (!checked.success) {
    // Policies from users are validated at their edge (parsePolicyAssignments, IPC schemas).
    throw new RangeError(`invalid session policy: ${checked.error.issues[0]?.message ?? ''}`);
  }
  const policy = resolvePolicy(checked.data);
  const saleId = options.saleId ?? 'A2A-POS';
  const journal = options.journal ?? new MemoryJournal();
  const serviceIds =
    options.serviceIds ??
    // The salt is drawn outside the seeded source, so a seed reproduces the same jitter while
    // two processes still draw different ids.
    clockServiceIds(() => clock.wallNow(), randomInt(SERVICE_ID_SALTS));
  const client = createClient({
    clock,
    saleId,
    poiId: options.poiId ?? 'A2A-POI',
    serviceIds,
    ...(options.saleSoftware ? { saleSoftware: options.saleSoftware } : {}),
  });

  let model: SessionModel = initialModel(policy);
  // Keyed by kind, then by the request or operation a timer belongs to: that key is a string
  // the model already holds, so no key text is built for each start and cancel (`finish` alone
  // cancels three timers per operation; README "Performance: last measured values").
  const timers = new Map<Timer['kind'], Map<string, RunningTimer>>();
  const timersOf = (kind: Timer['kind']): Map<string, RunningTimer> => {
    let ofKind = timers.get(kind);
    if (ofKind === undefined) {
      ofKind = new Map();
      timers.set(kind, ofKind);
    }
    return ofKind;
  };
  const waiting = new Map<string, (outcome: Outcome) => void>();
  /** Links this manager opened and has not seen close, with a promise of their end. */
  const links = new Map<string, { readonly link: Link; readonly closed: Promise<void> }>();
  const eventSinks = new Set<EventSink>();
  const snapshotSinks = new Set<(snapshot: SessionSnapshot) => void>();
  let lastSnapshot = '';
  // Bumped on stop and client restart: a dial that finishes afterwards is not ours any more.
  let generation = 0;
  const runId = clock.wallNow().toString(36).toUpperCase();
  let nextOp = 1;
  let nextSale = 1;
  const inbox: SessionInput[] = [];
  let busy = false;
  let journalLoaded = false;

  const emit = (event: EventBody): void => {
    for (const sink of [...eventSinks]) sink(event);
  };
  // The client's wire events are forwarded only while someone listens here, so without a
  // recorder or timeline the client builds no event per frame (README "Performance: last
  // measured values").
  let offClientEvents: (() => void) | undefined;

  // Inputs are handled one at a time, in arrival order, even when an effect causes another.
  const process = (input: SessionInput): void => {
    inbox.push(input);
    if (busy) return;
    busy = true;
    try {
      for (let next = inbox.shift(); next; next = inbox.shift()) run(next);
    } finally {
      busy = false;
    }
    publishSnapshot();
  };

  // The manager is the model's only owner and keeps no earlier view of it, so the rules change
  // it in place rather than copy it on every input (see `advance`).
  const run = (input: SessionInput): void => {
    const effects = advance(model, input);
    for (let i = 0; i < effects.length; i += 1) {
      const effect = effects[i] as SessionEffect;
      if (effect.kind === 'startTimer' && cancelledUnseen(effects, i)) continue;
      apply(effect);
    }
  };

  const clearTimer = (timer: Timer): void => {
    const ofKind = timers.get(timer.kind);
    if (ofKind === undefined) return;
    const key = timerOwner(timer);
    const running = ofKind.get(key);
    if (running === undefined) return;
    clock.clearTimeout(running.id);
    ofKind.delete(key);
  };

  const startTimer = (timer: Timer, ms: number, jitter: boolean): void => {
    clearTimer(timer);
    const ofKind = timersOf(timer.kind);
    const key = timerOwner(timer);
    // Full jitter: uniform in [0, ms].
    const delay = jitter ? Math.round(random.next() * ms) : ms;
    const id = clock.setTimeout(() => {
      if (ofKind.get(key)?.id !== id) return;
      ofKind.delete(key);
      process({ kind: 'timer', timer });
    }, delay);
    ofKind.set(key, { id, due: clock.now() + delay, timer });
  };

  const adopt = (link: Link): void => {
    let ended: () => void = () => undefined;
    links.set(link.id, { link, closed: new Promise<void>((resolve) => (ended = resolve)) });
    client.attach(link);
    emit({ kind: 'link', observer: 'pos', link: link.id, ...wireOf(link), change: 'opened' });
    link.onClose((closed) => {
      links.delete(link.id);
      ended();
      if (client.link === link) client.detach();
      emit({
        kind: 'link',
        observer: 'pos',
        link: link.id,
        ...wireOf(link),
        change: 'closed',
        code: closed.code,
        abrupt: closed.abrupt,
        ...(closed.cut === undefined ? {} : { reason: closed.cut }),
      });
      process({ kind: 'linkClosed', link: link.id, reason: describeClose(closed) });
    });
  };

  const dial = (): void => {
    const dialGeneration = generation;
    const settle = (result: Result<Link, string>): void => {
      if (dialGeneration !== generation) {
        if (result.ok) result.value.close(1000, 'not wanted');
        return;
      }
      if (!result.ok) {
        process({ kind: 'dialFailed', error: result.error });
        return;
      }
      adopt(result.value);
      process({ kind: 'dialed', link: result.value.id });
    };
    dialer().then(settle, (error: unknown) => settle({ ok: false, error: String(error) }));
  };

  const apply = (effect: SessionEffect): void => {
    switch (effect.kind) {
      case 'dial':
        dial();
        return;
      case 'closeLink':
        links.get(effect.link)?.link.close(1000, effect.reason);
        return;
      case 'send': {
        const message = client.build(effect.spec);
        // The ServiceID (and the journal entry) is recorded before the frame leaves.
        run({ kind: 'sent', request: effect.request, serviceId: message.serviceId });
        client.transmit(message);
        return;
      }
      case 'startTimer':
        startTimer(effect.timer, effect.ms, effect.jitter ?? false);
        return;
      case 'cancelTimer':
        clearTimer(effect.timer);
        return;
      case 'emit':
        emit(effect.event);
        return;
      case 'complete': {
        const resolve = waiting.get(effect.op);
        waiting.delete(effect.op);
        resolve?.(effect.outcome);
        return;
      }
      case 'journalPut':
        journal.put(effect.entry);
        return;
      case 'journalRemove':
        journal.remove(effect.op);
        return;
    }
  };

  const onInbound = (inbound: Inbound): void => {
    switch (inbound.kind) {
      case 'response':
        process({ kind: 'response', response: inbound.response });
        return;
      case 'display':
        process({ kind: 'poiMessage', category: 'Display' });
        return;
      case 'event':
        process({ kind: 'poiMessage', category: 'Event', event: inbound.event });
        return;
      case 'reject':
        process({ kind: 'poiMessage', category: 'Event', event: 'Reject' });
        return;
      case 'request':
      case 'malformed':
        // Shown on the timeline by the message event; nothing for the session to do.
        return;
    }
  };
  client.intercept(onInbound);

  const deadlines = (): Map<string, number> => {
    const byOp = new Map<string, number>();
    for (const ofKind of timers.values()) {
      for (const { timer, due } of ofKind.values()) {
        const op =
          timer.kind === 'response'
            ? model.requests[timer.request]?.op
            : 'op' in timer
              ? timer.op
              : undefined;
        if (op === undefined) continue;
        byOp.set(op, Math.min(byOp.get(op) ?? Infinity, due));
      }
    }
    return byOp;
  };

  const snapshot = (): SessionSnapshot => snapshotOf(model, deadlines());

  function publishSnapshot(): void {
    if (snapshotSinks.size === 0) return;
    const next = snapshot();
    const text = JSON.stringify(next);
    if (text === lastSnapshot) return;
    lastSnapshot = text;
    for (const sink of [...snapshotSinks]) sink(next);
  }

  const newOpId = (): string => `${runId}-${nextOp++}`;

  const saleTransactionId = (): TransactionRef => ({
    TransactionID: `T${runId}N${(nextSale++).toString(36).toUpperCase()}`,
    TimeStamp: new Date(clock.wallNow()).toISOString(),
  });

  const invoke = (request: OpRequest): Promise<Outcome> => {
    const op = newOpId();
    return new Promise<Outcome>((resolve) => {
      waiting.set(op, resolve);
      process({ kind: 'invoke', op, request });
    });
  };

  const failureDetail = (outcome: Outcome): Record<string, unknown> => {
    const { op: _op, kind: _kind, ...rest } = outcome;
    return { ...rest };
  };

  /** An invalid request never reaches the session logic: it fails at once, visibly. */
  const refuse = <O extends Outcome>(
    name: OpRequest['name'],
    detail: Record<string, unknown>,
    outcome: O,
  ): Promise<O> => {
    emit({ kind: 'op', op: outcome.op, name, phase: 'invoke', detail });
    emit({
      kind: 'op',
      op: outcome.op,
      name,
      phase: 'fail',
      outcome: 'failed',
      detail: failureDetail(outcome),
    });
    return Promise.resolve(outcome);
  };

  const operation = (
    name: Exclude<OpRequest['name'], 'pay'>,
    validated: Result<OpRequest, string>,
    detail: object,
  ): Promise<OperationOutcome> => {
    if (!validated.ok) {
      return refuse(
        name,
        { ...detail },
        {
          op: newOpId(),
          name,
          serviceIds: [],
          kind: 'failed',
          reason: validated.error,
          indeterminate: false,
        },
      );
    }
    return invoke(validated.value) as Promise<OperationOutcome>;
  };

  const stopAll = (reason: string, preserve: readonly string[]): void => {
    process({ kind: 'stop', reason, preserve });
    generation += 1;
    for (const ofKind of timers.values())
      for (const { timer } of [...ofKind.values()]) clearTimer(timer);
  };

  /** Closes every link we own and waits for each to end (cut off after a grace period). */
  const closeLinks = async (): Promise<void> => {
    await Promise.all(
      [...links.values()].map(async ({ link, closed }) => {
        link.close(1000, 'stopped');
        // A peer that never answers the close handshake is cut off.
        const grace = clock.setTimeout(() => link.terminate(), CLOSE_GRACE_MS);
        await closed;
        clock.clearTimeout(grace);
      }),
    );
  };

  return {
    client,
    start() {
      if (!journalLoaded) {
        // Payments a previous run left unsettled are recovered before anything else.
        journalLoaded = true;
        process({ kind: 'recoverJournal', entries: journal.entries(), announce: true });
      }
      process({ kind: 'start' });
    },
    async stop() {
      stopAll('stopped', []);
      await closeLinks();
    },
    snapshot,
    login: () => invoke({ name: 'login' }) as Promise<OperationOutcome>,
    logout(opts) {
      if (opts?.asFault)
        emit({ kind: 'fault', name: 'logout', phase: 'applied', note: 'POS logs out' });
      return invoke({ name: 'logout' }) as Promise<OperationOutcome>;
    },
    pay(request) {
      const validated = validatePay(request, saleTransactionId);
      if (!validated.ok) {
        return refuse(
          'pay',
          { ...request },
          {
            op: newOpId(),
            amountMinor: request.amountMinor,
            currency: request.currency,
            saleTransactionId: { TransactionID: request.saleTransactionId ?? '', TimeStamp: '' },
            serviceIds: [],
            statusServiceIds: [],
            kind: 'failed',
            reason: validated.error,
            sent: false,
          },
        );
      }
      return invoke(validated.value) as Promise<PaymentOutcome>;
    },
    status: (request = {}) => operation('status', validateStatus(request), request),
    reverse: (request) => operation('reverse', validateReverse(request), request),
    abort: (request = {}) => operation('abort', validateAbort(request), request),
    admin: (request = {}) => operation('admin', validateAdmin(request), request),
    async restartClient() {
      // Let an event handler that asked for the restart finish its own input first.
      await Promise.resolve();
      emit({
        kind: 'fault',
        name: 'restartClient',
        phase: 'applied',
        note: 'POS app restarted: memory dropped; journal and ServiceID state kept',
      });
      const entries = journal.entries();
      stopAll(
        'clientRestarted',
        entries.map((e) => e.op),
      );
      client.detach();
      model = initialModel(policy);
      const known = entries.filter((e) => waiting.has(e.op));
      const orphans = entries.filter((e) => !waiting.has(e.op));
      journalLoaded = true;
      process({ kind: 'recoverJournal', entries: known, announce: false });
      process({ kind: 'recoverJournal', entries: orphans, announce: true });
      process({ kind: 'start' });
    },
    onEvent(fn) {
      eventSinks.add(fn);
      offClientEvents ??= client.onEvent(emit);
      return () => {
        eventSinks.delete(fn);
        if (eventSinks.size > 0) return;
        offClientEvents?.();
        offClientEvents = undefined;
      };
    },
    onSnapshot(fn) {
      snapshotSinks.add(fn);
      return () => snapshotSinks.delete(fn);
    },
  };
}
