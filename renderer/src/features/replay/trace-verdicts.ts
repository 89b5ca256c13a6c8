import { startCheckers, type Verdict } from '@shared/trace/checkers';
import type { TraceHeader } from '@shared/trace/events';
import type { TraceEvent } from '@shared/trace/view';

/** How long one slice of judging may hold the thread, ms: a frame's budget, not more. */
export const JUDGE_SLICE_MS = 10;

/**
 * Hands the thread back between slices and runs `next` on a later turn, with the time that turn
 * may take (ms; at most {@link JUDGE_SLICE_MS} is used, and a slice without it takes that much).
 */
export type Yield = (next: (budgetMs?: number) => void) => void;

/**
 * The browser's idle time: a slice runs only once a frame is drawn and input handled, for as long
 * as the frame has left. A reader scrolling a just-opened 100,000-event trace keeps every frame;
 * the verdicts follow as soon as the scrolling pauses.
 */
const idleTime: Yield = (next) => {
  requestIdleCallback((deadline) => next(deadline.timeRemaining()));
};

/** The next macrotask, where there is no idle callback (a DOM without one, as in component tests). */
const nextTask: Yield = (next) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    next();
  };
  channel.port2.postMessage(null);
};

/**
 * Judges an opened trace with every checker (README "Checkers"), a slice of at most
 * {@link JUDGE_SLICE_MS} at a time, so a 100,000-event file opens and scrolls while the
 * verdicts are worked out; `done` gets them once. Returns a cancel function (a closed replay
 * stops judging).
 */
export function judgeTraceInSlices(
  header: TraceHeader,
  events: readonly TraceEvent[],
  done: (verdicts: readonly Verdict[]) => void,
  options: { readonly now?: () => number; readonly yieldTo?: Yield } = {},
): () => void {
  const now = options.now ?? (() => performance.now());
  const yieldTo =
    options.yieldTo ?? (typeof requestIdleCallback === 'function' ? idleTime : nextTask);
  const run = startCheckers(header);
  let read = 0;
  let cancelled = false;
  const slice = (budgetMs = JUDGE_SLICE_MS) => {
    if (cancelled) return;
    const until = now() + Math.min(budgetMs, JUDGE_SLICE_MS);
    // The clock is read every 256 events: reading it per event would cost more than the check.
    while (read < events.length) {
      const event = events[read++];
      if (event !== undefined) run.push(event);
      if ((read & 255) === 0 && now() >= until) break;
    }
    if (read < events.length) yieldTo(slice);
    else done(run.verdicts());
  };
  yieldTo(slice);
  return () => {
    cancelled = true;
  };
}
