import {
  bodyOf,
  categoryOf,
  decodeValue,
  headerOf,
  kindOf,
  repeatedResponseOf,
  responseOf,
  serviceIdOf,
  wireToMinor,
  type DecodeError,
  type Envelope,
  type RequestEnvelope,
  type ResponseEnvelope,
  type TypedBody,
} from '@shared/protocol';
import type {
  PaymentResultInfo,
  RepeatedResponseInfo,
  ResponseInfo,
  TransactionRef,
} from '@shared/session';

/**
 * One inbound frame, typed: a response (with its Result), a DisplayRequest, an
 * EventNotification, a Reject (an EventNotification about a frame the terminal refused), any
 * other request the terminal sent, or a frame that is not a nexo message at all.
 */
export type Inbound =
  | {
      readonly kind: 'response';
      readonly category: string;
      readonly serviceId: string;
      readonly envelope: ResponseEnvelope;
      readonly response: ResponseInfo;
    }
  | { readonly kind: 'display'; readonly envelope: RequestEnvelope; readonly serviceId?: string }
  | {
      readonly kind: 'event';
      readonly envelope: RequestEnvelope;
      readonly event: string;
      readonly details?: string;
      readonly serviceId?: string;
    }
  | {
      readonly kind: 'reject';
      readonly envelope: RequestEnvelope;
      readonly details?: string;
      readonly rejectedMessage?: string;
    }
  | { readonly kind: 'request'; readonly envelope: RequestEnvelope; readonly category: string }
  | { readonly kind: 'malformed'; readonly text: string; readonly error: DecodeError };

function transactionRef(value: unknown): TransactionRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { TransactionID, TimeStamp } = value as Record<string, unknown>;
  return typeof TransactionID === 'string' && typeof TimeStamp === 'string'
    ? { TransactionID, TimeStamp }
    : undefined;
}

/** The payment facts of a PaymentResponse body (amounts converted exactly to minor units). */
function paymentInfo(body: TypedBody): PaymentResultInfo | undefined {
  if (body.kind !== 'PaymentResponse') return undefined;
  const b = body.body;
  const amounts = b.PaymentResult?.AmountsResp;
  const currency = amounts?.Currency;
  const minor = amounts && currency ? wireToMinor(amounts.AuthorizedAmount, currency) : undefined;
  const poiTransactionId = transactionRef(b.POIData?.POITransactionID);
  const saleTransactionId = transactionRef(b.SaleData?.SaleTransactionID);
  const maskedPan = b.PaymentResult?.PaymentInstrumentData?.CardData?.MaskedPan;
  // Set field by field: a literal that begins with a conditional spread is many times slower to
  // make in V8, and this runs for every payment and status response (README "Performance: last
  // measured values").
  const info: Mutable<PaymentResultInfo> = {};
  if (poiTransactionId) info.poiTransactionId = poiTransactionId;
  if (saleTransactionId) info.saleTransactionId = saleTransactionId;
  if (minor?.ok) info.authorisedMinor = minor.value;
  if (currency) info.currency = currency;
  if (maskedPan) info.maskedPan = maskedPan;
  return info;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function responseBlockOf(body: TypedBody): {
  Result?: unknown;
  ErrorCondition?: unknown;
  AdditionalResponse?: unknown;
} {
  const response: unknown = 'Response' in body.body ? body.body.Response : undefined;
  return typeof response === 'object' && response !== null ? response : {};
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function repeatedInfo(body: TypedBody): RepeatedResponseInfo | undefined {
  if (body.kind !== 'TransactionStatusResponse') return undefined;
  const repeated = repeatedResponseOf(body.body);
  if (!repeated) return undefined;
  const block = responseBlockOf(repeated.body);
  const result = text(block.Result);
  if (result === undefined) return undefined;
  const errorCondition = text(block.ErrorCondition);
  const additionalResponse = text(block.AdditionalResponse);
  const serviceId = repeated.header.ServiceID;
  const payment = paymentInfo(repeated.body);
  // Field by field, like paymentInfo: every status response passes here.
  const info: Mutable<RepeatedResponseInfo> = {
    category: repeated.header.MessageCategory,
    result,
  };
  if (serviceId !== undefined) info.serviceId = serviceId;
  if (errorCondition !== undefined) info.errorCondition = errorCondition;
  if (additionalResponse !== undefined) info.additionalResponse = additionalResponse;
  if (payment) info.payment = payment;
  return info;
}

/** What the session logic needs of a response envelope. */
export function responseInfoOf(envelope: ResponseEnvelope): ResponseInfo {
  const header = headerOf(envelope);
  const body = bodyOf(envelope);
  const response = responseOf(envelope);
  const payment = paymentInfo(body);
  const repeated = repeatedInfo(body);
  // Field by field, in the order the session logic and the trace have always seen.
  const info: Mutable<ResponseInfo> = {
    serviceId: header.ServiceID ?? '',
    category: header.MessageCategory,
    result: response?.Result ?? 'Unknown',
  };
  if (response?.ErrorCondition !== undefined) info.errorCondition = response.ErrorCondition;
  if (response?.AdditionalResponse !== undefined)
    info.additionalResponse = response.AdditionalResponse;
  if (payment) info.payment = payment;
  if (repeated) info.repeated = repeated;
  info.body = body.body;
  return info;
}

function classifyRequest(envelope: RequestEnvelope): Inbound {
  const category = categoryOf(envelope);
  const serviceId = serviceIdOf(envelope);
  const withId = serviceId !== undefined ? { serviceId } : {};
  if (category === 'Display') return { kind: 'display', envelope, ...withId };
  const body = bodyOf(envelope);
  if (kindOf(envelope) === 'notification' && body.kind === 'EventNotification') {
    const event = body.body.EventToNotify;
    const details = body.body.EventDetails;
    if (event === 'Reject') {
      const rejected = body.body.RejectedMessage;
      return {
        kind: 'reject',
        envelope,
        ...(details !== undefined ? { details } : {}),
        ...(rejected !== undefined ? { rejectedMessage: rejected } : {}),
      };
    }
    return {
      kind: 'event',
      envelope,
      event,
      ...(details !== undefined ? { details } : {}),
      ...withId,
    };
  }
  return { kind: 'request', envelope, category };
}

/**
 * Types one inbound frame. `json` is the parsed frame when it was JSON (undefined otherwise);
 * the decoder is lenient, so real terminals' deviations pass.
 */
export function classifyInbound(frame: string, json: unknown, isJson: boolean): Inbound {
  if (!isJson) {
    return {
      kind: 'malformed',
      text: frame,
      error: { kind: 'notJson', path: '$', reason: 'not JSON' },
    };
  }
  const decoded = decodeValue(json);
  if (!decoded.ok) return { kind: 'malformed', text: frame, error: decoded.error };
  const envelope: Envelope = decoded.value.envelope;
  if (kindOf(envelope) === 'response') {
    const response = envelope as ResponseEnvelope;
    const info = responseInfoOf(response);
    return {
      kind: 'response',
      category: info.category,
      serviceId: info.serviceId,
      envelope: response,
      response: info,
    };
  }
  return classifyRequest(envelope as RequestEnvelope);
}
