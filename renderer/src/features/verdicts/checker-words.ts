import type { CheckerName } from '@shared/trace/checkers';

/**
 * How the window names each checker: the rule as a person says it. The kebab-case names stay
 * the machine names (CLI, JUnit, `data-verdict`); `satisfies` makes a new checker without a
 * title a compile error.
 */
const CHECKER_TITLES = {
  'login-before-requests': 'Login before requests',
  'relogin-after-invalidation': 'Login again after the session ended',
  'busy-backoff': 'BUSY answered with a backoff',
  'final-outcome': 'One final outcome per operation',
  'status-before-payment-retry': 'TransactionStatus before a payment retry',
  'no-double-charge': 'No double charge',
  'single-retry': 'At most one retry',
  'unique-service-ids': 'Unique ServiceIDs',
} as const satisfies Record<CheckerName, string>;

/** The checker's title on screen, e.g. "Login before requests". */
export function checkerTitle(checker: CheckerName): string {
  return CHECKER_TITLES[checker];
}

/** "passed" or "failed", as a verdict's status reads. */
export function verdictStatusWord(pass: boolean): string {
  return pass ? 'passed' : 'failed';
}
