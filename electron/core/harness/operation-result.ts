import type { OperationResult } from '@shared/ipc';
import { formatMinor, minorToDecimalText } from '@shared/protocol/money';
import {
  isPaymentOutcome,
  opPhaseOf,
  type OperationOutcome,
  type Outcome,
  type PaymentOutcome,
} from '@shared/session/outcomes';

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function paymentSummary(outcome: PaymentOutcome): string {
  const amount = formatMinor(outcome.amountMinor, outcome.currency);
  switch (outcome.kind) {
    case 'approved':
    case 'partial':
      return `${outcome.kind} ${amount}`;
    case 'declined':
      return `declined ${amount} (${outcome.errorCondition})`;
    case 'recovered':
      return `recovered: ${outcome.result} ${amount}${outcome.errorCondition === undefined ? '' : ` (${outcome.errorCondition})`}`;
    case 'notProcessed':
    case 'unknown':
    case 'failed':
      return `${outcome.kind} ${amount}: ${outcome.reason}`;
  }
}

function paymentResult(outcome: PaymentOutcome): OperationResult {
  const base = {
    op: outcome.op,
    name: 'pay' as const,
    kind: outcome.kind,
    phase: opPhaseOf(outcome),
    summary: paymentSummary(outcome),
    serviceIds: outcome.serviceIds,
    serviceId: outcome.serviceId,
    amount: minorToDecimalText(outcome.amountMinor, outcome.currency),
    currency: outcome.currency,
    saleTransactionId: outcome.saleTransactionId,
    statusServiceIds: outcome.statusServiceIds,
    resentAfter: outcome.resentAfter,
  };
  switch (outcome.kind) {
    case 'approved':
    case 'partial':
    case 'declined':
    case 'recovered':
      return defined({
        ...base,
        result: outcome.result,
        errorCondition: outcome.errorCondition,
        additionalResponse: outcome.additionalResponse,
        poiTransactionId: outcome.poiTransactionId,
        authorisedAmount:
          outcome.authorisedMinor === undefined
            ? undefined
            : minorToDecimalText(outcome.authorisedMinor, outcome.currency),
      });
    case 'notProcessed':
    case 'unknown':
    case 'failed':
      return defined({ ...base, reason: outcome.reason });
  }
}

function operationSummary(outcome: OperationOutcome): string {
  switch (outcome.kind) {
    case 'succeeded':
      return `${outcome.name} succeeded`;
    case 'declined':
      return `${outcome.name} declined (${outcome.errorCondition})`;
    case 'failed':
      return `${outcome.name} ${outcome.indeterminate ? 'unknown' : 'failed'}: ${outcome.reason}`;
  }
}

function operationResult(outcome: OperationOutcome): OperationResult {
  const base = {
    op: outcome.op,
    name: outcome.name,
    kind: outcome.kind,
    phase: opPhaseOf(outcome),
    summary: operationSummary(outcome),
    serviceIds: outcome.serviceIds,
    serviceId: outcome.serviceId,
  };
  switch (outcome.kind) {
    case 'succeeded':
      return defined(base);
    case 'declined':
      return defined({
        ...base,
        errorCondition: outcome.errorCondition,
        additionalResponse: outcome.additionalResponse,
      });
    case 'failed':
      return defined({ ...base, reason: outcome.reason, indeterminate: outcome.indeterminate });
  }
}

/**
 * The final outcome of an operation as the window shows it where it was started: flat, with a
 * one-line summary and amounts as decimal text (exact, from minor units).
 */
export function toOperationResult(outcome: Outcome): OperationResult {
  return isPaymentOutcome(outcome) ? paymentResult(outcome) : operationResult(outcome);
}
