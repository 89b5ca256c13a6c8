import type { HarnessEvent } from '@shared/ipc';
import type { TraceEvent } from '@shared/trace/events';
import type { HarnessCore } from '../../harness';

type Predicate<T> = (value: T) => boolean;

interface Waiter {
  readonly test: Predicate<HarnessEvent>;
  readonly resolve: (event: HarnessEvent) => void;
}

/**
 * Everything one subscriber of the core's event stream received, with waits on what is still to
 * come (no sleeps: a wait ends when a matching event arrives, or the test's timeout fails it).
 */
export interface EventLog {
  readonly all: () => readonly HarnessEvent[];
  /** The trace events received (every run). */
  readonly trace: () => readonly TraceEvent[];
  /** The first event, received or future, matching `test` after index `from`. */
  next(test: Predicate<HarnessEvent>, from?: number): Promise<HarnessEvent>;
  /** The first trace event matching `test`, received or future, after log index `from`. */
  nextTrace(test: Predicate<TraceEvent>, from?: number): Promise<TraceEvent>;
  /** Waits until the session reaches `state` (from log index `from`). */
  sessionState(state: string, from?: number): Promise<HarnessEvent>;
  /** The current length, to wait only on what comes after a step. */
  mark(): number;
  stop(): void;
}

export function recordEvents(core: HarnessCore): EventLog {
  const events: HarnessEvent[] = [];
  const waiters = new Set<Waiter>();
  const stop = core.subscribeEvents((batch) => {
    for (const event of batch) {
      events.push(event);
      for (const waiter of [...waiters]) {
        if (!waiter.test(event)) continue;
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  const next = (test: Predicate<HarnessEvent>, from = 0): Promise<HarnessEvent> => {
    const found = events.slice(from).find(test);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve) => waiters.add({ test, resolve }));
  };
  return {
    all: () => events,
    trace: () => events.flatMap((e) => (e.type === 'trace' ? [e.event] : [])),
    next,
    async nextTrace(test, from = 0) {
      const event = await next((e) => e.type === 'trace' && test(e.event), from);
      if (event.type !== 'trace') throw new Error('unreachable');
      return event.event;
    },
    sessionState: (state, from = 0) =>
      next((e) => e.type === 'session' && e.session.state === state, from),
    mark: () => events.length,
    stop,
  };
}
