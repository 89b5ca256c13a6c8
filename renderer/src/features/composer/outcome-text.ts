import type { OperationResult } from '@shared/ipc';
import type { OpName } from '@shared/session/outcomes';

/** How the window names each operation (nexo category names, as on the timeline). */
export const OPERATION_LABELS: Readonly<Record<OpName, string>> = {
  login: 'Login',
  logout: 'Logout',
  pay: 'Payment',
  status: 'TransactionStatus',
  reverse: 'Reversal',
  abort: 'Abort',
  admin: 'Admin',
};

/** Whether an outcome is good news, bad news, or nobody knows: colours the outcome line. */
export type OutcomeTone = 'ok' | 'error' | 'warn';

const list = (...parts: readonly (string | undefined)[]): string =>
  parts.filter((p): p is string => p !== undefined && p !== '').join(', ');

/** What goes in brackets after the outcome name, per outcome kind. */
const DETAIL: Readonly<Record<OperationResult['kind'], (r: OperationResult) => string>> = {
  approved: (r) =>
    r.authorisedAmount !== undefined && r.authorisedAmount !== r.amount
      ? `${r.authorisedAmount} ${r.currency ?? ''} authorised`.trim()
      : '',
  partial: (r) =>
    r.authorisedAmount === undefined
      ? ''
      : `${r.authorisedAmount} ${r.currency ?? ''} authorised`.trim(),
  declined: (r) => list(r.errorCondition, r.additionalResponse),
  recovered: (r) => list(r.result, r.errorCondition),
  notProcessed: (r) => r.reason ?? '',
  unknown: (r) => r.reason ?? '',
  failed: (r) => list(r.reason, r.indeterminate === true ? 'indeterminate' : undefined),
  succeeded: () => '',
};

/**
 * One line that says how an operation ended, where it was started:
 * "Payment 12.50 EUR → recovered (approved)", "Login → succeeded",
 * "TransactionStatus → declined (NotFound)".
 */
export function describeOutcome(result: OperationResult): string {
  const head =
    result.name === 'pay' && result.amount !== undefined
      ? `Payment ${result.amount} ${result.currency ?? ''}`.trim()
      : OPERATION_LABELS[result.name];
  const detail = DETAIL[result.kind](result);
  return `${head} → ${result.kind}${detail === '' ? '' : ` (${detail})`}`;
}

const TONES: Readonly<Record<OperationResult['kind'], OutcomeTone>> = {
  approved: 'ok',
  partial: 'warn',
  declined: 'error',
  recovered: 'ok',
  notProcessed: 'warn',
  unknown: 'warn',
  failed: 'error',
  succeeded: 'ok',
};

/** The colour of an outcome line; a recovered decline is still a decline. */
export function outcomeTone(result: OperationResult): OutcomeTone {
  if (result.kind === 'recovered' && result.result !== undefined && result.result !== 'approved')
    return result.result === 'declined' ? 'error' : 'warn';
  return TONES[result.kind];
}
