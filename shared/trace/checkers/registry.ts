import { busyBackoff } from './busy-backoff';
import { finalOutcome } from './final-outcome';
import { loginBeforeRequests } from './login-before-requests';
import { noDoubleCharge } from './no-double-charge';
import { reloginAfterInvalidation } from './relogin-after-invalidation';
import { singleRetry } from './single-retry';
import { statusBeforePaymentRetry } from './status-before-payment-retry';
import type { Checker, CheckerName, CheckInput, Verdict } from './types';
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

/** Runs `checkers` (all by default) over a trace; their verdicts in registry order. */
export function runCheckers(input: CheckInput, checkers: readonly Checker[] = CHECKERS): Verdict[] {
  return checkers.flatMap((checker) => checker.check(input));
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
