import { performance } from 'node:perf_hooks';
import type { HarnessEvent, LiveVerdicts } from '@shared/ipc';
import type { Clock, TimerId } from '@shared/time/clock';
import { allPass, runCheckers } from '@shared/trace/checkers';
import type { RunTrace } from './run-trace';

/** Shortest pause between two judgements of the live trace. */
export const LIVE_VERDICTS_MIN_INTERVAL_MS = 250;
/** Largest share of the time the live checkers may use (a fifth). */
export const LIVE_VERDICTS_MAX_SHARE = 0.2;

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
  /** Measures what a judgement costs, in ms of real time (default `performance.now`). */
  readonly measure?: () => number;
}

/**
 * The checkers, live (README "Live verdicts"): every checker judges the current run's trace — in
 * terminal role the external POS's traffic as the simulator saw it, in client role the
 * reference client's — and the verdicts are pushed whenever they change.
 *
 * Cost. The checkers are whole-trace rules (a verdict may rest on an event from long ago: the
 * Login that opened a session, the payment whose outcome was lost), so judging a window of the
 * trace would give wrong verdicts. Instead the whole trace is judged, throttled: at most every
 * {@link LIVE_VERDICTS_MIN_INTERVAL_MS} (the first events of a burst are judged at once, the rest
 * when the pause is over), and adaptively — after a judgement that took `c` ms the next waits at
 * least `c / maxShare` ms, so however long the trace grows the checkers take at most a fifth of
 * the core's time. Events that arrive meanwhile are judged by the next judgement, never lost.
 */
export interface LiveVerdictsMonitor {
  /** Sees every event the core publishes: trace events make the verdicts stale, a run starts over. */
  observe(event: HarnessEvent): void;
  /** The verdicts on the trace as it is now (judged now when events arrived since). */
  current(): LiveVerdicts;
  /** Stops judging (the pending judgement is dropped). */
  close(): void;
}

export function createLiveVerdicts(options: LiveVerdictsOptions): LiveVerdictsMonitor {
  const { clock, run, publish } = options;
  const minInterval = options.minIntervalMs ?? LIVE_VERDICTS_MIN_INTERVAL_MS;
  const maxShare = options.maxShare ?? LIVE_VERDICTS_MAX_SHARE;
  const measure = options.measure ?? (() => performance.now());
  let judged: LiveVerdicts = { runId: run().runId, throughSeq: 0, verdicts: [], pass: true };
  let lastKey = '';
  let stale = true;
  let notBefore = Number.NEGATIVE_INFINITY;
  let timer: TimerId | undefined;
  let closed = false;

  const cancel = (): void => {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = undefined;
  };

  const judge = (): void => {
    cancel();
    const trace = run();
    const started = measure();
    const verdicts = runCheckers({ header: trace.header, events: trace.events() });
    const cost = measure() - started;
    stale = false;
    notBefore = clock.now() + Math.max(minInterval, cost / maxShare);
    judged = { runId: trace.runId, throughSeq: trace.lastSeq(), verdicts, pass: allPass(verdicts) };
    // Only a change is news: the same verdicts on a longer trace are not pushed again.
    const key = JSON.stringify([judged.runId, verdicts]);
    if (key === lastKey) return;
    lastKey = key;
    publish({ type: 'verdicts', verdicts: judged });
  };

  const schedule = (): void => {
    if (closed || timer !== undefined) return;
    timer = clock.setTimeout(
      () => {
        timer = undefined;
        if (stale) judge();
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
        notBefore = Number.NEGATIVE_INFINITY;
      } else if (event.type !== 'trace') return;
      stale = true;
      schedule();
    },
    current() {
      if (stale && !closed) judge();
      return judged;
    },
    close() {
      closed = true;
      cancel();
    },
  };
}
