import { performance } from 'node:perf_hooks';
import type { HarnessEvent, LiveVerdicts } from '@shared/ipc';
import type { Clock, TimerId } from '@shared/time/clock';
import { allPass, startCheckers, type CheckerRun } from '@shared/trace/checkers';
import type { TraceEvent } from '@shared/trace/events';
import type { RunTrace } from './run-trace';

/** Shortest pause between two judgements of the live trace. */
export const LIVE_VERDICTS_MIN_INTERVAL_MS = 250;
/** Largest share of the time the live checkers may use (a fifth). */
export const LIVE_VERDICTS_MAX_SHARE = 0.2;
/** Longest the checkers hold the core's thread at once before they yield to it. */
export const LIVE_VERDICTS_SLICE_MS = 10;
/** Events read between two looks at the stopwatch. */
const EVENTS_PER_LOOK = 256;

/** Options of {@link createLiveVerdicts}. */
export interface LiveVerdictsOptions {
  /** Paces the judgements (a VirtualClock in tests). */
  readonly clock: Clock;
  /** The current run (its trace is what is judged). */
  readonly run: () => RunTrace;
  /** Where changed verdicts go (the event bus). */
  readonly publish: (event: HarnessEvent) => void;
  readonly minIntervalMs?: number;
  readonly maxShare?: number;
  readonly sliceMs?: number;
  /** Measures what a judgement costs, in ms of real time (default `performance.now`). */
  readonly measure?: () => number;
}

/**
 * The checkers, live (README "Live verdicts"): every checker judges the current run's trace — in
 * terminal role the external POS's traffic as the simulator saw it, in client role the
 * reference client's — and the verdicts are pushed whenever they change.
 *
 * Cost. The checkers read the trace an event at a time (see `shared/trace/checkers`), so a
 * judgement reads only the events recorded since the one before, however long the run. It runs
 * on the core's thread in slices of at most {@link LIVE_VERDICTS_SLICE_MS} (a backlog, say a
 * burst of thousands of events, is read over several turns of the event loop), and is paced: at
 * most every {@link LIVE_VERDICTS_MIN_INTERVAL_MS} (the first events of a burst are judged at
 * once, the rest when the pause is over), and adaptively — after a judgement that took `c` ms
 * the next waits at least `c / maxShare` ms, so the checkers take at most a fifth of the core's
 * time. Events that arrive meanwhile are judged by the next judgement, never lost.
 */
export interface LiveVerdictsMonitor {
  /** Sees every event the core publishes: trace events make the verdicts stale, a run starts over. */
  observe(event: HarnessEvent): void;
  /** The verdicts on the trace as it is now (what arrived since is read now, in one go). */
  current(): LiveVerdicts;
  /** Stops judging (the pending judgement is dropped). */
  close(): void;
}

/** The checkers' reading of one run: how far they got. */
interface Reading {
  readonly runId: string;
  readonly checkers: CheckerRun;
  read: number;
}

export function createLiveVerdicts(options: LiveVerdictsOptions): LiveVerdictsMonitor {
  const { clock, run, publish } = options;
  const minInterval = options.minIntervalMs ?? LIVE_VERDICTS_MIN_INTERVAL_MS;
  const maxShare = options.maxShare ?? LIVE_VERDICTS_MAX_SHARE;
  const sliceMs = options.sliceMs ?? LIVE_VERDICTS_SLICE_MS;
  const measure = options.measure ?? (() => performance.now());
  let judged: LiveVerdicts = { runId: run().runId, throughSeq: 0, verdicts: [], pass: true };
  let reading: Reading | undefined;
  let lastKey = '';
  let stale = true;
  let notBefore = Number.NEGATIVE_INFINITY;
  /** Real time spent on the judgement under way, over all its slices. */
  let spent = 0;
  let timer: TimerId | undefined;
  let closed = false;

  const cancel = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const readingOf = (trace: RunTrace): Reading => {
    if (reading?.runId !== trace.runId) {
      reading = { runId: trace.runId, checkers: startCheckers(trace.header), read: 0 };
    }
    return reading;
  };

  /**
   * Reads what the checkers have not read yet; with `sliced`, gives the thread back after
   * `sliceMs` and says so (false) so the caller resumes later.
   */
  const catchUp = (current: Reading, events: readonly TraceEvent[], sliced: boolean): boolean => {
    const started = measure();
    let sinceLook = 0;
    for (; current.read < events.length; current.read++) {
      const event = events[current.read];
      if (event !== undefined) current.checkers.push(event);
      if (!sliced || ++sinceLook < EVENTS_PER_LOOK) continue;
      sinceLook = 0;
      if (measure() - started < sliceMs) continue;
      current.read++;
      spent += measure() - started;
      return false;
    }
    const verdicts = current.checkers.verdicts();
    spent += measure() - started;
    judged = {
      runId: current.runId,
      throughSeq: current.read,
      verdicts,
      pass: allPass(verdicts),
    };
    return true;
  };

  const finish = (): void => {
    stale = false;
    notBefore = clock.now() + Math.max(minInterval, spent / maxShare);
    spent = 0;
    // Only a change is news: the same verdicts on a longer trace are not pushed again.
    const key = JSON.stringify([judged.runId, judged.verdicts]);
    if (key === lastKey) return;
    lastKey = key;
    publish({ type: 'verdicts', verdicts: judged });
  };

  const slice = (): void => {
    timer = undefined;
    const trace = run();
    if (!catchUp(readingOf(trace), trace.events(), true)) {
      // More to read: yield to the core's thread, then go on at once.
      timer = clock.setTimeout(slice, 0);
      return;
    }
    finish();
  };

  const schedule = (): void => {
    if (closed || timer !== undefined) return;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        if (stale) slice();
      },
      Math.max(0, notBefore - clock.now()),
    );
  };

  return {
    observe(event) {
      if (closed) return;
      if (event.type === 'run') {
        // A new run is a new trace: judge it afresh, without waiting for the old run's pause.
        cancel();
        spent = 0;
        notBefore = Number.NEGATIVE_INFINITY;
      } else if (event.type !== 'trace') return;
      stale = true;
      schedule();
    },
    current() {
      if (stale && !closed) {
        cancel();
        const trace = run();
        catchUp(readingOf(trace), trace.events(), false);
        finish();
      }
      return judged;
    },
    close() {
      closed = true;
      cancel();
    },
  };
}
