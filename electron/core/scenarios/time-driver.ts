import type { Clock } from '@shared/time/clock';
import type { VirtualClock } from '@shared/time/virtual-clock';
import { RealClock } from '../time/real-clock';

/**
 * How a scenario run lets time pass. The runner never sleeps and never polls: it asks the
 * driver to wait until a condition holds or a stretch of scenario time has passed.
 */
export interface TimeDriver {
  readonly mode: 'virtual' | 'real';
  /** The clock every part of the run (simulator, session manager, trace) shares. */
  readonly clock: Clock;
  /** Lets everything already under way (frames, promise callbacks) happen before going on. */
  settle(): Promise<void>;
  /**
   * Resolves true as soon as `condition` holds, false once `ms` of scenario time passed without
   * it. The condition is re-checked after every change the runner reports with {@link notify}.
   */
  until(condition: () => boolean, ms: number): Promise<boolean>;
  /** Something the runner watches may have changed (an event, an outcome, a response). */
  notify(): void;
  /** Ends pending waits (each resolves with its condition's current value). */
  dispose(): void;
}

/** One trip through the event loop: every queued microtask (in-memory frames) runs first. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Virtual time: the runner owns the clock. Between two timers it drains the microtask queue
 * (in-memory links deliver frames on microtasks), then moves time straight to the next timer,
 * so a scenario that takes minutes of scenario time runs in milliseconds. Runs are exactly
 * reproducible: timers fire in due order and nothing depends on the host's speed.
 */
export function virtualTimeDriver(clock: VirtualClock): TimeDriver {
  return {
    mode: 'virtual',
    clock,
    settle: nextMacrotask,
    async until(condition, ms) {
      const deadline = clock.now() + ms;
      for (;;) {
        await nextMacrotask();
        if (condition()) return true;
        const next = clock.nextDue();
        if (next === undefined || next > deadline) {
          // Nothing can happen before the deadline: jump to it.
          clock.advanceTo(deadline);
          await nextMacrotask();
          return condition();
        }
        clock.step();
      }
    },
    notify: () => undefined,
    dispose: () => undefined,
  };
}

interface Waiter {
  readonly condition: () => boolean;
  readonly done: (value: boolean) => void;
}

/**
 * Real time: the real clock runs; a wait ends when the runner reports a change that makes the
 * condition true, or when its timer fires.
 */
export function realTimeDriver(clock: Clock = new RealClock()): TimeDriver {
  const waiters = new Set<Waiter>();
  return {
    mode: 'real',
    clock,
    settle: nextMacrotask,
    until(condition, ms) {
      if (condition()) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const waiter: Waiter = {
          condition,
          done: (value) => {
            waiters.delete(waiter);
            clock.clearTimeout(timer);
            resolve(value);
          },
        };
        const timer = clock.setTimeout(() => waiter.done(condition()), ms);
        waiters.add(waiter);
      });
    },
    notify() {
      for (const waiter of [...waiters]) if (waiter.condition()) waiter.done(true);
    },
    dispose() {
      for (const waiter of [...waiters]) waiter.done(waiter.condition());
    },
  };
}
