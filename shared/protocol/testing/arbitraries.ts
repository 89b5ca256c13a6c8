import fc from 'fast-check';
import {
  abortRequest,
  adminRequest,
  adminResponse,
  displayRequest,
  displayResponse,
  eventNotification,
  failure,
  header,
  loginRequest,
  loginResponse,
  logoutRequest,
  logoutResponse,
  paymentRequest,
  paymentResponse,
  rejectNotification,
  reversalRequest,
  reversalResponse,
  success,
  transactionStatusRequest,
  transactionStatusResponse,
  type Outcome,
  type Route,
} from '../build';
import { ERROR_CONDITIONS, EVENTS_TO_NOTIFY } from '../enums';
import type {
  Envelope,
  MessageHeader,
  ResponseEnvelope,
  TransactionIdentification,
} from '../envelope';
import { REPEATED_RESPONSE_FORMS } from '../envelope';
import type { Money } from '../money';

/**
 * fast-check arbitraries of valid nexo messages, for property tests here and in the parts that
 * consume the protocol (simulator, client, trace). Everything generated passes strict encoding.
 */

const idText = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);

/** A ServiceID as the harness generates them: 1–10 alphanumeric characters. */
export const serviceIdArb = fc.stringMatching(/^[0-9A-Z]{1,10}$/);

/** Free text including non-ASCII characters. */
const freeText = fc.string({ unit: 'grapheme', maxLength: 40 });

/** An ISO 8601 date-time with zone, as terminals print them. */
export const timeStampArb = fc
  .date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2099-12-31T23:59:59Z'),
    noInvalidDate: true,
  })
  .map((date) => date.toISOString());

/** Sale, POI and ServiceID of one exchange. */
export const routeArb: fc.Arbitrary<Route> = fc.record({
  saleId: idText,
  poiId: idText,
  serviceId: serviceIdArb,
});

/** An amount in a currency with exponent 0, 2 or 3 (up to 10^12 minor units). */
export const moneyArb: fc.Arbitrary<Money> = fc.record({
  minor: fc.integer({ min: 0, max: 1_000_000_000_000 }),
  currency: fc.constantFrom('EUR', 'USD', 'GBP', 'JPY', 'KWD', 'BHD', 'CHF', 'SEK'),
});

const transactionIdArb: fc.Arbitrary<TransactionIdentification> = fc.record({
  TransactionID: idText,
  TimeStamp: timeStampArb,
});

const outcomeArb: fc.Arbitrary<Outcome> = fc.oneof(
  fc.option(freeText, { nil: undefined }).map((text) => success(text)),
  fc
    .tuple(fc.constantFrom(...ERROR_CONDITIONS), fc.option(freeText, { nil: undefined }))
    .map(([condition, text]) => failure(condition, text)),
);

const requestHeaderArb = (
  category: 'Login' | 'Logout' | 'Payment' | 'Reversal' | 'TransactionStatus' | 'Admin' | 'Display',
) => routeArb.map((route): MessageHeader => header({ category, type: 'Request', ...route }));

const softwareArb = fc.record({
  ProviderIdentification: idText,
  ApplicationName: idText,
  SoftwareVersion: fc.stringMatching(/^\d{1,2}\.\d{1,2}\.\d{1,3}$/),
  CertificationCode: idText,
});

/** Requests a POS sends. */
export const posRequestArb: fc.Arbitrary<Envelope> = fc.oneof(
  fc
    .record({
      route: routeArb,
      dateTime: timeStampArb,
      saleSoftware: softwareArb,
      operatorLanguage: fc.constantFrom('en', 'nl', 'de'),
      trainingMode: fc.option(fc.boolean(), { nil: undefined }),
      operatorId: fc.option(idText, { nil: undefined }),
    })
    .map(({ route, ...rest }) => loginRequest({ ...route, ...rest })),
  fc
    .record({ route: routeArb, maintenanceAllowed: fc.option(fc.boolean(), { nil: undefined }) })
    .map(({ route, maintenanceAllowed }) => logoutRequest({ ...route, maintenanceAllowed })),
  fc
    .record({
      route: routeArb,
      amount: moneyArb,
      saleTransactionId: transactionIdArb,
      saleToAcquirerData: fc.option(freeText, { nil: undefined }),
      paymentType: fc.option(fc.constantFrom('Normal' as const, 'Refund' as const), {
        nil: undefined,
      }),
    })
    .map(({ route, ...rest }) => paymentRequest({ ...route, ...rest })),
  fc
    .record({
      route: routeArb,
      poiTransactionId: transactionIdArb,
      reversedAmount: fc.option(moneyArb, { nil: undefined }),
      reason: fc.constantFrom('MerchantCancel' as const, 'CustCancel' as const),
    })
    .map(({ route, ...rest }) => reversalRequest({ ...route, ...rest })),
  fc
    .record({
      route: routeArb,
      reference: fc.option(
        fc.record({
          category: fc.constantFrom('Payment' as const, 'Reversal' as const),
          serviceId: serviceIdArb,
        }),
        { nil: undefined },
      ),
      receiptReprint: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ route, ...rest }) => transactionStatusRequest({ ...route, ...rest })),
  fc
    .record({ route: routeArb, serviceId: serviceIdArb, reason: freeText })
    .map(({ route, serviceId, reason }) =>
      abortRequest({ ...route, reference: { category: 'Payment', serviceId }, reason }),
    ),
  fc
    .record({ route: routeArb, service: fc.option(idText, { nil: undefined }) })
    .map(({ route, service }) => adminRequest({ ...route, serviceIdentification: service })),
);

/** Responses, display requests and notifications a POI sends. */
export const poiMessageArb: fc.Arbitrary<Envelope> = fc.oneof(
  fc
    .tuple(
      requestHeaderArb('Login'),
      outcomeArb,
      fc.option(softwareArb, { nil: undefined }),
      timeStampArb,
    )
    .map(([request, outcome, software, dateTime]) =>
      loginResponse(
        request,
        outcome,
        software
          ? { DateTime: dateTime, POISoftware: software, POIStatus: { GlobalStatus: 'OK' } }
          : undefined,
      ),
    ),
  fc
    .tuple(requestHeaderArb('Logout'), outcomeArb)
    .map(([request, outcome]) => logoutResponse(request, outcome)),
  fc
    .tuple(requestHeaderArb('Admin'), outcomeArb)
    .map(([request, outcome]) => adminResponse(request, outcome)),
  paymentResponseArb(),
  fc
    .tuple(
      requestHeaderArb('Reversal'),
      outcomeArb,
      transactionIdArb,
      fc.option(moneyArb, { nil: undefined }),
    )
    .map(([request, outcome, poiTransactionId, reversedAmount]) =>
      reversalResponse(request, { outcome, poiTransactionId, reversedAmount }),
    ),
  fc
    .tuple(
      requestHeaderArb('TransactionStatus'),
      outcomeArb,
      fc.option(paymentResponseArb(), { nil: undefined }),
      fc.constantFrom(...REPEATED_RESPONSE_FORMS),
      serviceIdArb,
    )
    .map(([request, outcome, repeated, form, serviceId]) =>
      transactionStatusResponse(request, {
        outcome,
        repeated,
        form,
        reference: { category: 'Payment', serviceId },
      }),
    ),
  fc
    .record({
      route: routeArb,
      lines: fc.array(freeText, { minLength: 1, maxLength: 4 }),
      device: fc.constantFrom('CashierDisplay' as const, 'CustomerDisplay' as const),
      responseRequired: fc.option(fc.boolean(), { nil: undefined }),
    })
    .map(({ route, ...rest }) => displayRequest({ ...route, ...rest })),
  fc
    .tuple(requestHeaderArb('Display'), outcomeArb)
    .map(([request, outcome]) =>
      displayResponse(request, [{ device: 'CashierDisplay', infoQualify: 'Status', outcome }]),
    ),
  fc
    .record({
      saleId: idText,
      poiId: idText,
      event: fc.constantFrom(...EVENTS_TO_NOTIFY),
      timeStamp: timeStampArb,
      details: fc.option(freeText, { nil: undefined }),
    })
    .map((input) => eventNotification(input)),
  fc
    .record({
      rejectedText: fc.string({ unit: 'binary', maxLength: 60 }),
      reason: freeText,
      timeStamp: timeStampArb,
    })
    .map((input) => rejectNotification(input)),
);

function paymentResponseArb(): fc.Arbitrary<ResponseEnvelope> {
  return fc
    .tuple(
      requestHeaderArb('Payment'),
      outcomeArb,
      transactionIdArb,
      transactionIdArb,
      fc.option(moneyArb, { nil: undefined }),
      fc.option(fc.constantFrom('ICC', 'Contactless', 'Keyed'), { nil: undefined }),
    )
    .map(([request, outcome, saleTransactionId, poiTransactionId, authorizedAmount, entryMode]) =>
      paymentResponse(request, {
        outcome,
        saleTransactionId,
        poiTransactionId,
        authorizedAmount,
        paymentResult: entryMode
          ? {
              OnlineFlag: true,
              PaymentInstrumentData: {
                PaymentInstrumentType: 'Card',
                CardData: {
                  EntryMode: [entryMode],
                  MaskedPan: '541333 **** 9999',
                  PaymentBrand: 'mc',
                },
              },
            }
          : undefined,
      }),
    );
}

/** Any valid message of either side. */
export const envelopeArb: fc.Arbitrary<Envelope> = fc.oneof(posRequestArb, poiMessageArb);
