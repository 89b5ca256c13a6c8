import type { OpPhase } from '../trace/events';

/** The operations of the reference client, named as the `a2a exec` steps name them. */
export const OP_NAMES = ['login', 'logout', 'pay', 'status', 'reverse', 'abort', 'admin'] as const;
/** One of {@link OP_NAMES}. */
export type OpName = (typeof OP_NAMES)[number];

/** A nexo transaction identification (`SaleTransactionID`, `POITransactionID`). */
export interface TransactionRef {
  readonly TransactionID: string;
  readonly TimeStamp: string;
}

/** What the client read from a payment result (a PaymentResponse or a repeated one). */
export interface PaymentResultInfo {
  readonly poiTransactionId?: TransactionRef;
  readonly saleTransactionId?: TransactionRef;
  readonly authorisedMinor?: number;
  readonly currency?: string;
  readonly maskedPan?: string;
}

/** The original response a TransactionStatus repeats (`RepeatedMessageResponse`). */
export interface RepeatedResponseInfo {
  readonly category: string;
  readonly serviceId?: string;
  readonly result: string;
  readonly errorCondition?: string;
  readonly additionalResponse?: string;
  readonly payment?: PaymentResultInfo;
}

/**
 * A response as the session logic needs it: environment-neutral and independent of the codec.
 * `body` keeps the decoded response body so an outcome can hand it to the caller unchanged.
 */
export interface ResponseInfo {
  readonly serviceId: string;
  readonly category: string;
  readonly result: string;
  readonly errorCondition?: string;
  readonly additionalResponse?: string;
  readonly payment?: PaymentResultInfo;
  readonly repeated?: RepeatedResponseInfo;
  readonly body?: unknown;
}

/** The real result of a payment, whether answered directly or recovered through status. */
export type PaymentResultKind = 'approved' | 'partial' | 'declined';

interface PaymentOutcomeBase {
  /** The operation id (as in the trace's `op` events). */
  readonly op: string;
  readonly amountMinor: number;
  readonly currency: string;
  readonly saleTransactionId: TransactionRef;
  /** Every Payment ServiceID sent for this sale, in order (two when it was resent). */
  readonly serviceIds: readonly string[];
  /** The ServiceID the outcome belongs to (the last one sent), if any was sent. */
  readonly serviceId?: string;
  /** TransactionStatus ServiceIDs sent to recover the outcome. */
  readonly statusServiceIds: readonly string[];
  /** Set when the payment was resent after status said NotFound: the first ServiceID. */
  readonly resentAfter?: string;
}

interface PaymentResultFields {
  readonly result: PaymentResultKind;
  readonly errorCondition?: string;
  readonly additionalResponse?: string;
  readonly poiTransactionId?: TransactionRef;
  readonly authorisedMinor?: number;
}

/**
 * How a payment ended: exactly one of these per payment. `recovered` carries the real result
 * learnt through TransactionStatus; `notProcessed` means the terminal confirmed nothing was
 * charged; `unknown` is indeterminate (status polling ran out); `failed` carries the reason why
 * it was never sent.
 */
export type PaymentOutcome = PaymentOutcomeBase &
  (
    | ({ readonly kind: 'approved' } & PaymentResultFields)
    | ({ readonly kind: 'partial' } & PaymentResultFields)
    | ({ readonly kind: 'declined'; readonly errorCondition: string } & PaymentResultFields)
    | ({ readonly kind: 'recovered' } & PaymentResultFields)
    | { readonly kind: 'notProcessed'; readonly reason: string }
    | { readonly kind: 'unknown'; readonly reason: string }
    /** `sent` is false: a payment fails only before it left (afterwards it ends `unknown` at worst). */
    | { readonly kind: 'failed'; readonly reason: string; readonly sent: boolean }
  );
export type PaymentOutcomeKind = PaymentOutcome['kind'];

interface OperationOutcomeBase {
  readonly op: string;
  readonly name: Exclude<OpName, 'pay'>;
  /** Every ServiceID this operation sent, in order (two when it was retried). */
  readonly serviceIds: readonly string[];
  readonly serviceId?: string;
}

/**
 * How any operation but a payment ended: `succeeded` (with the response), `declined` (a
 * Failure response, or an abort that lost its race) or `failed` (with the reason;
 * `indeterminate` when a request that is never retried went out and its answer was lost).
 */
export type OperationOutcome = OperationOutcomeBase &
  (
    | { readonly kind: 'succeeded'; readonly response?: ResponseInfo }
    | {
        readonly kind: 'declined';
        readonly errorCondition: string;
        readonly additionalResponse?: string;
        readonly response?: ResponseInfo;
      }
    | { readonly kind: 'failed'; readonly reason: string; readonly indeterminate: boolean }
  );
export type OperationOutcomeKind = OperationOutcome['kind'];

/** Any final outcome. */
export type Outcome = PaymentOutcome | OperationOutcome;

/** True for a payment's outcome. */
export function isPaymentOutcome(outcome: Outcome): outcome is PaymentOutcome {
  return !('name' in outcome);
}

const PHASES: Readonly<Record<PaymentOutcomeKind | OperationOutcomeKind, OpPhase>> = {
  approved: 'ok',
  partial: 'ok',
  declined: 'ok',
  recovered: 'ok',
  succeeded: 'ok',
  // Nothing was charged: definitely did not happen.
  notProcessed: 'fail',
  // Status polling ran out: it may or may not have happened.
  unknown: 'info',
  failed: 'fail',
};

/**
 * The trace phase of a final outcome, in the invoke / ok / fail / info style: `ok` for a known
 * answer, `fail` when the operation definitely did not take effect, `info` when nobody knows.
 */
export function opPhaseOf(outcome: Outcome): OpPhase {
  if (outcome.kind === 'failed') {
    const unsure = 'indeterminate' in outcome ? outcome.indeterminate : false;
    return unsure ? 'info' : 'fail';
  }
  return PHASES[outcome.kind];
}

/** True when the outcome counts as a known final outcome for `a2a exec`'s exit code. */
export function isKnownOutcome(outcome: Outcome): boolean {
  return outcome.kind !== 'failed' && outcome.kind !== 'unknown';
}
