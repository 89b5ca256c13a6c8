import type { OperationOutcomeKind, PaymentOutcomeKind } from '../session/outcomes';

/**
 * The outcome names a scenario may expect, as the reference client reports them (README
 * "The reference client's rules"). Kept as runtime lists for validation; the type checks below fail the build if the
 * session's outcome kinds and these lists ever drift apart.
 */
export const PAYMENT_OUTCOMES = [
  'approved',
  'declined',
  'partial',
  'recovered',
  'notProcessed',
  'unknown',
  'failed',
] as const satisfies readonly PaymentOutcomeKind[];

/** Outcomes of every operation but a payment. */
export const OPERATION_OUTCOMES = [
  'succeeded',
  'declined',
  'failed',
] as const satisfies readonly OperationOutcomeKind[];

/** The real result of a payment, direct or recovered through TransactionStatus. */
export const PAYMENT_RESULTS = ['approved', 'partial', 'declined'] as const;

type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
// Each line is a compile error naming the missing kind when the session adds one.
const paymentOutcomesComplete: Missing<PaymentOutcomeKind, (typeof PAYMENT_OUTCOMES)[number]> =
  true;
const operationOutcomesComplete: Missing<
  OperationOutcomeKind,
  (typeof OPERATION_OUTCOMES)[number]
> = true;
void paymentOutcomesComplete;
void operationOutcomesComplete;
