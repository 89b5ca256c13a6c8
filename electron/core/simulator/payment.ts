import { err, ok, type Result } from '@shared/result';
import {
  MAX_IDENTIFIER_CHARS,
  maskPan,
  paymentResponse,
  wireToMinor,
  type MessageHeader,
  type Outcome,
  type PaymentRequest,
  type ResponseEnvelope,
} from '@shared/protocol';
import type { ProfileKnobs, SimulatorSettings } from '@shared/simulator/profiles';
import type { OutcomeSpec } from '@shared/simulator/outcomes';
import type { Random } from '@shared/time/random';
import type { TransactionIdentification } from './history';

/** A payment request that passed validation. */
export interface ValidPayment {
  readonly saleTransactionId: TransactionIdentification;
  readonly amountMinor: number;
  readonly currency: string;
}

/** A bad field, named by its JSONPath as the protocol core names decode errors. */
export interface FieldError {
  readonly path: string;
  readonly reason: string;
}

const BODY_PATH = '$.SaleToPOIRequest.PaymentRequest';
const APP2APP_SALE_TRANSACTION_ID = /^[A-Za-z0-9]{1,35}$/;

/**
 * The simulator's own rules for a decoded PaymentRequest: the profile's SaleTransactionID rule,
 * the terminal currency, and an amount above zero that fits the currency's minor units.
 */
export function validatePayment(
  body: PaymentRequest,
  settings: SimulatorSettings,
  knobs: ProfileKnobs,
): Result<ValidPayment, FieldError> {
  const saleTransactionId = body.SaleData.SaleTransactionID;
  if (
    knobs.saleTransactionIdRule === 'app2app' &&
    !APP2APP_SALE_TRANSACTION_ID.test(saleTransactionId.TransactionID)
  ) {
    return err({
      path: `${BODY_PATH}.SaleData.SaleTransactionID.TransactionID`,
      reason: 'must be 1 to 35 alphanumeric characters',
    });
  }
  // Kept in the ledger and the history: bounded like every identifier the simulator stores.
  if (saleTransactionId.TransactionID.length > MAX_IDENTIFIER_CHARS) {
    return err({
      path: `${BODY_PATH}.SaleData.SaleTransactionID.TransactionID`,
      reason: `${String(saleTransactionId.TransactionID.length)} characters; the limit is ${String(MAX_IDENTIFIER_CHARS)}`,
    });
  }
  const amounts = body.PaymentTransaction.AmountsReq;
  const amountsPath = `${BODY_PATH}.PaymentTransaction.AmountsReq`;
  if (amounts.Currency !== settings.currency) {
    return err({
      path: `${amountsPath}.Currency`,
      reason: `${amounts.Currency} is not the terminal currency ${settings.currency}`,
    });
  }
  const minor = wireToMinor(amounts.RequestedAmount, settings.currency);
  if (!minor.ok) return err({ path: `${amountsPath}.RequestedAmount`, reason: minor.error.reason });
  if (minor.value <= 0) {
    return err({ path: `${amountsPath}.RequestedAmount`, reason: 'must be greater than zero' });
  }
  return ok({
    saleTransactionId: {
      TransactionID: saleTransactionId.TransactionID,
      TimeStamp: saleTransactionId.TimeStamp,
    },
    amountMinor: minor.value,
    currency: settings.currency,
  });
}

/** The card a simulated cardholder presents: brand, masked PAN, entry mode. */
export interface SimulatedCard {
  readonly PaymentBrand: string;
  readonly MaskedPan: string;
  readonly EntryMode: readonly string[];
}

/** Public test card numbers (never real cards); only their masked form goes on the wire. */
const TEST_CARDS: readonly { brand: string; pan: string; entry: string }[] = [
  { brand: 'VISA', pan: '4111111111111111', entry: 'Contactless' },
  { brand: 'MasterCard', pan: '5555555555554444', entry: 'ICC' },
  { brand: 'Maestro', pan: '6759649826438453', entry: 'ICC' },
];

/** Picks a test card with the seeded random source. */
export function pickCard(random: Random): SimulatedCard {
  const card = TEST_CARDS[Math.floor(random.next() * TEST_CARDS.length)] ?? TEST_CARDS[0];
  if (!card) throw new Error('no test cards');
  return {
    PaymentBrand: card.brand,
    MaskedPan: MASKED_PANS.get(card.pan) ?? maskPan(card.pan),
    EntryMode: [card.entry],
  };
}

/** The test cards' numbers masked once, not on every payment. */
const MASKED_PANS: ReadonlyMap<string, string> = new Map(
  TEST_CARDS.map((card) => [card.pan, maskPan(card.pan)]),
);

/** Everything a finished payment's PaymentResponse is made of. */
export interface PaymentAnswerParts {
  readonly payment: ValidPayment;
  readonly poiTransactionId: TransactionIdentification;
  readonly poiId: string;
  readonly outcome: Outcome;
  /** The card read; absent when the payment ended before a card was presented. */
  readonly card?: SimulatedCard;
  readonly authorisedMinor: number;
  readonly approvalCode?: string;
}

/** The PaymentResponse of a finished payment: POIData, AmountsResp and (masked) card data. */
export function paymentAnswer(header: MessageHeader, parts: PaymentAnswerParts): ResponseEnvelope {
  const { payment, card } = parts;
  return paymentResponse(header, {
    outcome: parts.outcome,
    saleTransactionId: payment.saleTransactionId,
    poiTransactionId: parts.poiTransactionId,
    authorizedAmount: { minor: parts.authorisedMinor, currency: payment.currency },
    paymentResult: {
      PaymentType: 'Normal',
      PaymentInstrumentData: {
        PaymentInstrumentType: 'Card',
        ...(card === undefined ? {} : { CardData: { ...card, EntryMode: [...card.EntryMode] } }),
      },
      ...(card === undefined
        ? {}
        : {
            OnlineFlag: true,
            PaymentAcquirerData: {
              MerchantID: 'A2A_SIMULATOR',
              AcquirerPOIID: parts.poiId,
              ...(parts.approvalCode === undefined ? {} : { ApprovalCode: parts.approvalCode }),
            },
          }),
    },
  });
}

/** The outcome of a finished payment, as its Response block carries it. */
export function outcomeOf(spec: OutcomeSpec): Outcome {
  return {
    result: spec.result,
    ...(spec.errorCondition === undefined ? {} : { errorCondition: spec.errorCondition }),
    additionalResponse: spec.additionalResponse,
  };
}
