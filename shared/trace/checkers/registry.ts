import { busyBackoff } from './busy-backoff';
import { finalOutcome } from './final-outcome';
import { loginBeforeRequests } from './login-before-requests';
import { noDoubleCharge } from './no-double-charge';
import { reloginAfterInvalidation } from './relogin-after-invalidation';
import { singleRetry } from './single-retry';
import { statusBeforePaymentRetry } from './status-before-payment-retry';
import type { TraceEvent, TraceHeader } from '../events';
import { foldVerdicts } from './incremental';
import type { Checker, CheckerName, CheckerRun, CheckInput, Verdict } from './types';
import { uniqueServiceIds } from './unique-service-ids';

/** Every checker, in the order verdicts are listed (the order of {@link CHECKER_NAMES}). */
export const CHECKERS: readonly Checker[] = [
  loginBeforeRequests,
  reloginAfterInvalidation,
  busyBackoff,
  finalOutcome,
  statusBeforePaymentRetry,
  noDoubleCharge,
  singleRetry,
  uniqueServiceIds,
];

/** The checker called `name`. */
export function checkerNamed(name: CheckerName): Checker {
  const found = CHECKERS.find((checker) => checker.name === name);
  // CHECKERS lists every name (a test pins it), so this only fires on a programming error.
  if (found === undefined) throw new Error(`no checker named ${name}`);
  return found;
}

/**
 * Starts `checkers` (all by default) on one trace, read an event at a time: what live
 * verdicts, scenario steps and streamed files use, so judging a growing trace again costs only
 * the events added since. Verdicts in registry order.
 */
export function startCheckers(
  header: TraceHeader,
  checkers: readonly Checker[] = CHECKERS,
): CheckerRun {
  const runs = checkers.map((checker) => checker.start(header));
  return {
    push(event) {
      for (const run of runs) run.push(event);
    },
    verdicts: () => runs.flatMap((run) => run.verdicts()),
  };
}

/**
 * Judges a trace that only grows (`events()` returns the events so far, each call's a prefix of
 * the next call's): every judgement reads only the events added since the one before.
 */
export function judgeGrowing(
  header: TraceHeader,
  events: () => readonly TraceEvent[],
  checkers: readonly Checker[] = CHECKERS,
): () => Verdict[] {
  const run = startCheckers(header, checkers);
  let read = 0;
  return () => {
    const all = events();
    for (; read < all.length; read++) {
      const event = all[read];
      if (event !== undefined) run.push(event);
    }
    return run.verdicts();
  };
}

/** Runs `checkers` (all by default) over a whole trace; their verdicts in registry order. */
export function runCheckers(input: CheckInput, checkers: readonly Checker[] = CHECKERS): Verdict[] {
  return foldVerdicts(startCheckers(input.header, checkers), input);
}

/** True when every verdict passes. */
export function allPass(verdicts: readonly Verdict[]): boolean {
  return verdicts.every((verdict) => verdict.pass);
}

/** Per checker: whether all of its verdicts pass (a checker with no verdict counts as passing). */
export function passByChecker(verdicts: readonly Verdict[]): Record<CheckerName, boolean> {
  const result = Object.fromEntries(CHECKERS.map((c) => [c.name, true])) as Record<
    CheckerName,
    boolean
  >;
  for (const verdict of verdicts) if (!verdict.pass) result[verdict.checker] = false;
  return result;
}
