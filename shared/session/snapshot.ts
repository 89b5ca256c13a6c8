import type { OpStage, SessionCounters, SessionModel } from './model';
import type { OpName } from './outcomes';
import type { SessionStateId } from './states';

/** One operation in flight, as the UI and `snapshot()` show it. */
export interface OpSnapshot {
  readonly op: string;
  readonly name: OpName;
  readonly stage: OpStage;
  readonly serviceIds: readonly string[];
  /** Monotonic time (the manager's clock) of the operation's next deadline, if one runs. */
  readonly deadlineAt?: number;
}

/** The session manager at one moment: state, reason, counters and operations in flight. */
export interface SessionSnapshot {
  readonly state: SessionStateId;
  readonly reason: string;
  readonly link?: string;
  /** A connection attempt is under way. */
  readonly dialing: boolean;
  readonly counters: Readonly<SessionCounters>;
  /** Login requests sent in the running login sequence (0 when none runs). */
  readonly loginAttempts: number;
  readonly ops: readonly OpSnapshot[];
  readonly queued: number;
}

/**
 * The snapshot of a model. `deadlines` maps an operation id to its next deadline (the runner
 * knows when its timers fall due; the pure model does not know the time).
 */
export function snapshotOf(
  m: SessionModel,
  deadlines: ReadonlyMap<string, number> = new Map(),
): SessionSnapshot {
  return {
    state: m.state,
    reason: m.reason,
    ...(m.link !== undefined ? { link: m.link } : {}),
    dialing: m.dialing,
    counters: { ...m.counters },
    loginAttempts: m.login?.attempts ?? 0,
    ops: Object.values(m.ops).map((o) => {
      const deadlineAt = deadlines.get(o.id);
      return {
        op: o.id,
        name: o.request.name,
        stage: o.stage,
        serviceIds: [...o.serviceIds],
        ...(deadlineAt !== undefined ? { deadlineAt } : {}),
      };
    }),
    queued: m.queue.length,
  };
}
