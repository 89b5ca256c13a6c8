/**
 * Verdict checkers (README "Checkers: is this session right?"): pure rules over a trace, each returning verdicts linked to
 * the events that prove them, each reading the trace one event at a time (`incremental.ts`).
 * See `registry.ts` for the list and `types.ts` for the shapes.
 */
export { CHECKER_NAMES, verdictFocus } from './types';
export type { Checker, CheckerName, CheckerRun, CheckInput, Verdict } from './types';
export {
  CHECKERS,
  allPass,
  checkerNamed,
  judgeGrowing,
  passByChecker,
  runCheckers,
  startCheckers,
} from './registry';
export { operationDeadlineMs, loginSequenceMs, OPERATION_NAMES } from './deadlines';
export type { StatedPolicy } from './policy';
export { CLOCK_TOLERANCE_MS } from './busy-backoff';
export { busyBackoff } from './busy-backoff';
export { finalOutcome } from './final-outcome';
export { loginBeforeRequests } from './login-before-requests';
export { noDoubleCharge } from './no-double-charge';
export { reloginAfterInvalidation } from './relogin-after-invalidation';
export { singleRetry } from './single-retry';
export { statusBeforePaymentRetry } from './status-before-payment-retry';
export { uniqueServiceIds } from './unique-service-ids';
