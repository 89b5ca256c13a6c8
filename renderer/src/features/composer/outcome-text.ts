import type { OperationResult } from '@shared/ipc';
import { declineWords } from '../../words/error-conditions';
import { OPERATION_LABELS } from '../../words/operations';

export { OPERATION_LABELS };

/** Whether an outcome is good news, bad news, or nobody knows: colours the outcome line. */
export type OutcomeTone = 'ok' | 'error' | 'warn';

const authorised = (r: OperationResult): string =>
  `${r.authorisedAmount ?? '?'} ${r.currency ?? ''}`.trim();

/** "declined" for a payment; any other request "answered Failure" (its Response.Result). */
const refusedWord = (r: OperationResult): string =>
  r.name === 'pay' ? 'declined' : 'answered Failure';

/** A recovered payment's real outcome, as TransactionStatus told it. */
function recoveredOutcome(r: OperationResult): string {
  switch (r.result) {
    case 'approved':
      return 'approved';
    case 'partial':
      return `partly approved, ${authorised(r)} authorised`;
    case 'declined':
      return `declined: ${declineWords(r.errorCondition, r.additionalResponse)}`;
    case undefined:
      return 'outcome read from TransactionStatus';
  }
}

/**
 * What follows the operation's name, per outcome kind, as a person says it; `satisfies` makes a
 * new kind without words a compile error.
 */
const SAID = {
  approved: (r) =>
    r.authorisedAmount !== undefined && r.authorisedAmount !== r.amount
      ? `approved, ${authorised(r)} authorised`
      : 'approved',
  partial: (r) =>
    r.authorisedAmount === undefined
      ? 'partly approved'
      : `partly approved: ${authorised(r)} authorised`,
  declined: (r) => `${refusedWord(r)}: ${declineWords(r.errorCondition, r.additionalResponse)}`,
  recovered: (r) => `recovered after a lost response: ${recoveredOutcome(r)}`,
  notProcessed: (r) => (r.reason ? `not processed: ${r.reason}` : 'not processed'),
  unknown: (r) => (r.reason ? `outcome unknown: ${r.reason}` : 'outcome unknown'),
  failed: (r) =>
    [
      'failed',
      r.reason ? `: ${r.reason}` : '',
      r.indeterminate === true ? ' (it may have reached the payment app)' : '',
    ].join(''),
  succeeded: () => 'succeeded',
} as const satisfies Record<OperationResult['kind'], (r: OperationResult) => string>;

/**
 * One line that says how an operation ended, where it was started:
 * "Payment 12.50 EUR declined: not enough balance (Refusal)",
 * "Payment 12.50 EUR recovered after a lost response: approved", "Login succeeded".
 */
export function describeOutcome(result: OperationResult): string {
  const head =
    result.name === 'pay' && result.amount !== undefined
      ? `Payment ${result.amount} ${result.currency ?? ''}`.trim()
      : OPERATION_LABELS[result.name];
  return `${head} ${SAID[result.kind](result)}`;
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
