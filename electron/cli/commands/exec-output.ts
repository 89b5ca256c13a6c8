import { formatMinor } from '@shared/protocol/money';
import { isPaymentOutcome, type Outcome, type PaymentOutcome } from '@shared/session/outcomes';
import type { EventOf } from '@shared/trace/events';
import type { OperationStep } from './exec-steps';

/** A JSON line of `a2a exec --json`: flat, no undefined values, stable key order. */
export type JsonLine = Readonly<Record<string, unknown>>;

/**
 * The JSON line for an operation step that ended:
 * `{"op":"pay","outcome":"recovered","result":"approved","serviceId":"...",...}`.
 */
export function outcomeLine(step: OperationStep, outcome: Outcome): JsonLine {
  const common = { op: step.kind, outcome: outcome.kind };
  if (isPaymentOutcome(outcome))
    return compact({ ...common, ...paymentFields(outcome), step: step.text });
  const fields =
    outcome.kind === 'succeeded'
      ? {
          result: outcome.response?.result,
          errorCondition: outcome.response?.errorCondition,
          repeated: outcome.response?.repeated && compact({ ...outcome.response.repeated }),
        }
      : outcome.kind === 'declined'
        ? {
            result: outcome.response?.result ?? 'Failure',
            errorCondition: outcome.errorCondition,
            additionalResponse: outcome.additionalResponse,
          }
        : { reason: outcome.reason, indeterminate: outcome.indeterminate };
  return compact({
    ...common,
    ...fields,
    // A login that joined a running sequence sent nothing itself: name the answer it got.
    serviceId:
      outcome.serviceId ?? (outcome.kind === 'failed' ? undefined : outcome.response?.serviceId),
    serviceIds: outcome.serviceIds,
    opId: outcome.op,
    step: step.text,
  });
}

function paymentFields(outcome: PaymentOutcome): Record<string, unknown> {
  const base = {
    amount: formatMinor(outcome.amountMinor, outcome.currency),
    amountMinor: outcome.amountMinor,
    currency: outcome.currency,
    saleTransactionId: outcome.saleTransactionId.TransactionID,
  };
  const ids = {
    serviceId: outcome.serviceId,
    serviceIds: outcome.serviceIds,
    statusServiceIds: outcome.statusServiceIds,
    resentAfter: outcome.resentAfter,
    opId: outcome.op,
  };
  switch (outcome.kind) {
    case 'approved':
    case 'partial':
    case 'declined':
    case 'recovered':
      return {
        result: outcome.result,
        ...base,
        authorisedMinor: outcome.authorisedMinor,
        errorCondition: outcome.errorCondition,
        additionalResponse: outcome.additionalResponse,
        poiTransactionId: outcome.poiTransactionId?.TransactionID,
        ...ids,
      };
    case 'notProcessed':
    case 'unknown':
      return { ...base, reason: outcome.reason, ...ids };
    case 'failed':
      return { ...base, reason: outcome.reason, sent: outcome.sent, ...ids };
  }
}

/** The text line for an operation step that ended, e.g. `pay:3.00 → recovered: approved 3.00 EUR (...)`. */
export function outcomeText(step: OperationStep, outcome: Outcome): string {
  const line = outcomeLine(step, outcome);
  const head = `${step.text} → ${outcome.kind}`;
  const result =
    typeof line.result === 'string' && line.result !== outcome.kind ? `: ${line.result}` : '';
  const details: string[] = [];
  const add = (label: string, value: unknown): void => {
    const text = textOf(value);
    if (text !== undefined) details.push(`${label} ${text}`);
  };
  if (isPaymentOutcome(outcome)) add('amount', line.amount);
  add('error', line.errorCondition);
  add('reason', line.reason);
  add(
    'ServiceID',
    Array.isArray(line.serviceIds) && line.serviceIds.length > 0 ? line.serviceIds : line.serviceId,
  );
  add('status ServiceID', line.statusServiceIds);
  add('POITransactionID', line.poiTransactionId);
  if (outcome.kind === 'succeeded' && outcome.response?.repeated !== undefined) {
    const repeated = outcome.response.repeated;
    add(
      'repeats',
      `${repeated.category} ${repeated.result}${repeated.errorCondition ? `/${repeated.errorCondition}` : ''}`,
    );
  }
  return details.length === 0 ? head + result : `${head}${result} (${details.join('; ')})`;
}

/** The JSON line of one session transition. */
export function sessionLine(event: EventOf<'session'>, t: number): JsonLine {
  return compact({
    event: 'session',
    from: event.from,
    to: event.to,
    reason: event.reason,
    link: event.link,
    t: Math.round(t),
  });
}

/** The text line of one session transition. */
export function sessionText(event: EventOf<'session'>): string {
  return `  session ${event.from} → ${event.to} (${event.reason})`;
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) {
    return value.length === 0 ? undefined : value.map((item) => textOf(item) ?? '?').join(',');
  }
  return undefined;
}

function compact(record: Record<string, unknown>): JsonLine {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}
