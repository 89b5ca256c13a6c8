import type { PaymentOutcomeOverride } from './faults';

/** Every outcome a simulated payment can have (the same names `nextPaymentOutcome` takes). */
export type PaymentOutcome = PaymentOutcomeOverride;

/** What an outcome looks like on the wire and in the ledger. */
export interface OutcomeSpec {
  readonly outcome: PaymentOutcome;
  /** The nexo Result of the PaymentResponse. */
  readonly result: 'Success' | 'Partial' | 'Failure';
  readonly errorCondition?: string;
  /** The AdditionalResponse text, in the `key=value&...` style real terminals use. */
  readonly additionalResponse: string;
  /** The ledger's view of it. */
  readonly ledgerResult: 'approved' | 'partial' | 'declined';
  /** What the cashier display says at the end. */
  readonly display: string;
  /** One line for people (README, tooltips). */
  readonly meaning: string;
}

/** The outcome table, one row per outcome. */
export const OUTCOMES: Readonly<Record<PaymentOutcome, OutcomeSpec>> = {
  approved: {
    outcome: 'approved',
    result: 'Success',
    additionalResponse: 'message=APPROVED',
    ledgerResult: 'approved',
    display: 'Approved',
    meaning: 'approved for the full amount',
  },
  insufficientFunds: {
    outcome: 'insufficientFunds',
    result: 'Failure',
    errorCondition: 'Refusal',
    additionalResponse: 'message=NOT_ENOUGH_BALANCE&refusalReason=210 Not enough balance',
    ledgerResult: 'declined',
    display: 'Declined: not enough balance',
    meaning: 'declined by the issuer: insufficient funds',
  },
  cardBlocked: {
    outcome: 'cardBlocked',
    result: 'Failure',
    errorCondition: 'Refusal',
    additionalResponse: 'message=BLOCK_CARD&refusalReason=199 Card blocked',
    ledgerResult: 'declined',
    display: 'Declined: card blocked',
    meaning: 'declined by the issuer: card blocked',
  },
  expired: {
    outcome: 'expired',
    result: 'Failure',
    errorCondition: 'Refusal',
    additionalResponse: 'message=CARD_EXPIRED&refusalReason=6 Expired Card',
    ledgerResult: 'declined',
    display: 'Declined: card expired',
    meaning: 'declined by the issuer: card expired',
  },
  invalidCard: {
    outcome: 'invalidCard',
    result: 'Failure',
    errorCondition: 'InvalidCard',
    additionalResponse: 'message=INVALID_CARD&refusalReason=214 Declined online',
    ledgerResult: 'declined',
    display: 'Declined: invalid card',
    meaning: 'the card cannot be used',
  },
  wrongPin: {
    outcome: 'wrongPin',
    result: 'Failure',
    errorCondition: 'WrongPIN',
    additionalResponse: 'message=INVALID_PIN&refusalReason=129 Invalid online PIN',
    ledgerResult: 'declined',
    display: 'Declined: wrong PIN',
    meaning: 'the cardholder entered a wrong PIN',
  },
  partial: {
    outcome: 'partial',
    result: 'Partial',
    additionalResponse: 'message=PARTIAL_APPROVAL',
    ledgerResult: 'partial',
    display: 'Partially approved',
    meaning: 'half the requested amount approved (rounded down to a minor unit)',
  },
  unreachableHost: {
    outcome: 'unreachableHost',
    result: 'Failure',
    errorCondition: 'UnreachableHost',
    additionalResponse: 'message=HOST_UNREACHABLE',
    ledgerResult: 'declined',
    display: 'Host unreachable',
    meaning: 'the acquirer host could not be reached; nothing charged',
  },
};

/**
 * The magic amounts: the last three digits of the requested amount in minor units pick the
 * outcome (1.24 EUR = 124 and 101.24 EUR = 10124 both end in 124). Anything else is approved.
 */
export const MAGIC_AMOUNTS: readonly {
  readonly ending: number;
  readonly outcome: PaymentOutcome;
}[] = [
  { ending: 124, outcome: 'insufficientFunds' },
  { ending: 125, outcome: 'cardBlocked' },
  { ending: 126, outcome: 'expired' },
  { ending: 128, outcome: 'invalidCard' },
  { ending: 134, outcome: 'wrongPin' },
  { ending: 177, outcome: 'partial' },
  { ending: 503, outcome: 'unreachableHost' },
];

/** The outcome the magic-amount table gives a requested amount in minor units. */
export function outcomeForAmount(requestedMinor: number): PaymentOutcome {
  const ending = Math.abs(requestedMinor) % 1000;
  return MAGIC_AMOUNTS.find((row) => row.ending === ending)?.outcome ?? 'approved';
}

/** The authorised amount in minor units: all of it, half of it (rounded down), or nothing. */
export function authorisedMinor(outcome: PaymentOutcome, requestedMinor: number): number {
  const spec = OUTCOMES[outcome];
  switch (spec.ledgerResult) {
    case 'approved':
      return requestedMinor;
    case 'partial':
      return Math.floor(requestedMinor / 2);
    case 'declined':
      return 0;
  }
}
