import type { z } from 'zod';
import { bodyKeyFor } from './body-keys';
import type { MessageCategory } from './enums';
import { repeatedBodyKeys, type NexoSchemas } from './schemas';

type Bodies = NexoSchemas['bodies'];
type Out<K extends Exclude<keyof NexoSchemas, 'bodies'>> = z.output<NexoSchemas[K]>;

/** MessageHeader of every nexo message. */
export type MessageHeader = Out<'MessageHeader'>;
/** The Response block every response body carries (Result, ErrorCondition, ...). */
export type Response = Out<'Response'>;
/** MessageReference: points at an earlier message (TransactionStatus, Abort). */
export type MessageReference = Out<'MessageReference'>;
/** TransactionID + TimeStamp pair (SaleTransactionID, POITransactionID, ...). */
export type TransactionIdentification = Out<'TransactionIdentification'>;
/** SaleSoftware / POISoftware. */
export type SoftwareIdentification = Out<'SoftwareIdentification'>;
/** SaleData of a payment request or response. */
export type SaleData = Out<'SaleData'>;
/** POIData of a payment or reversal response. */
export type POIData = Out<'POIData'>;
/** Requested amounts (wire decimals). */
export type AmountsReq = Out<'AmountsReq'>;
/** Authorised amounts (wire decimals). */
export type AmountsResp = Out<'AmountsResp'>;
/** PaymentResult of a payment response. */
export type PaymentResult = Out<'PaymentResult'>;
/** One receipt of a payment or reversal response. */
export type PaymentReceipt = Out<'PaymentReceipt'>;
/** OutputContent of a receipt or a display output. */
export type OutputContent = Out<'OutputContent'>;
/** One DisplayOutput of a DisplayRequest. */
export type DisplayOutput = Out<'DisplayOutput'>;
/** OriginalPOITransaction of a reversal. */
export type OriginalPOITransaction = Out<'OriginalPOITransaction'>;
/** The repeated response inside a TransactionStatusResponse. */
export type RepeatedMessageResponse = Out<'RepeatedMessageResponse'>;
/** POISystemData of a LoginResponse. */
export type POISystemData = Out<'POISystemData'>;

/** Every modelled body, by its key inside the envelope. */
export type BodyMap = { [K in keyof Bodies]: z.output<Bodies[K]> };
/** Key of a modelled body. */
export type BodyKey = keyof BodyMap;

/** Opens a session; the first request of every session. */
export type LoginRequest = BodyMap['LoginRequest'];
/** Answer to a LoginRequest (Success opens the session, Failure/Busy means retry later). */
export type LoginResponse = BodyMap['LoginResponse'];
/** Ends the session. */
export type LogoutRequest = BodyMap['LogoutRequest'];
/** Answer to a LogoutRequest. */
export type LogoutResponse = BodyMap['LogoutResponse'];
/** Asks for a payment of AmountsReq (wire decimals). */
export type PaymentRequest = BodyMap['PaymentRequest'];
/** Final outcome of a payment. */
export type PaymentResponse = BodyMap['PaymentResponse'];
/** Reverses an approved payment, identified by its POITransactionID. */
export type ReversalRequest = BodyMap['ReversalRequest'];
/** Answer to a ReversalRequest. */
export type ReversalResponse = BodyMap['ReversalResponse'];
/** Asks for the outcome of an earlier message (MessageReference). */
export type TransactionStatusRequest = BodyMap['TransactionStatusRequest'];
/** Status answer, repeating the earlier response when it is known. */
export type TransactionStatusResponse = BodyMap['TransactionStatusResponse'];
/** Asks to abort the message MessageReference points at (nexo defines no AbortResponse). */
export type AbortRequest = BodyMap['AbortRequest'];
/** Terminal administration (ServiceIdentification names the service). */
export type AdminRequest = BodyMap['AdminRequest'];
/** Answer to an AdminRequest. */
export type AdminResponse = BodyMap['AdminResponse'];
/** Text the POI asks the POS to show: progress, never a final result. */
export type DisplayRequest = BodyMap['DisplayRequest'];
/** Answer to a DisplayRequest that asked for one (ResponseRequiredFlag). */
export type DisplayResponse = BodyMap['DisplayResponse'];
/** Unsolicited POI event, e.g. Reject of a frame it could not process. */
export type EventNotification = BodyMap['EventNotification'];

/** Bodies that travel in a SaleToPOIRequest (requests and notifications). */
export type RequestBodyKey = Extract<BodyKey, `${string}Request` | 'EventNotification'>;
/** Bodies that travel in a SaleToPOIResponse. */
export type ResponseBodyKey = Extract<BodyKey, `${string}Response`>;

/** Fields beyond the model that a decoded message keeps (lenient decoding). */
type Extra = { readonly [key: string]: unknown };

/** The inside of `SaleToPOIRequest`: the header plus one body keyed as the header says. */
export type RequestMessage = { readonly MessageHeader: MessageHeader } & {
  readonly [K in RequestBodyKey]?: BodyMap[K];
} & Extra;

/** The inside of `SaleToPOIResponse`. */
export type ResponseMessage = { readonly MessageHeader: MessageHeader } & {
  readonly [K in ResponseBodyKey]?: BodyMap[K];
} & Extra;

/** `{"SaleToPOIRequest": {...}}`: a request or a notification. */
export interface RequestEnvelope {
  readonly SaleToPOIRequest: RequestMessage;
}

/** `{"SaleToPOIResponse": {...}}`. */
export interface ResponseEnvelope {
  readonly SaleToPOIResponse: ResponseMessage;
}

/** One nexo message as the codec decodes and encodes it. */
export type Envelope = RequestEnvelope | ResponseEnvelope;

/** Which way a message goes in the request/response pattern. */
export type MessageKind = 'request' | 'response' | 'notification';

/** A body with its key: modelled bodies are typed, others are kept as plain objects. */
export type TypedBody =
  | { [K in BodyKey]: { readonly kind: K; readonly body: BodyMap[K] } }[BodyKey]
  | {
      readonly kind: 'unmodelled';
      readonly key: string;
      readonly body: Readonly<Record<string, unknown>>;
    };

/** True for `{"SaleToPOIRequest": ...}`. */
export function isRequestEnvelope(envelope: Envelope): envelope is RequestEnvelope {
  return 'SaleToPOIRequest' in envelope;
}

/** The message inside the wrapper. */
export function messageOf(envelope: Envelope): RequestMessage | ResponseMessage {
  return isRequestEnvelope(envelope) ? envelope.SaleToPOIRequest : envelope.SaleToPOIResponse;
}

/** The MessageHeader. */
export function headerOf(envelope: Envelope): MessageHeader {
  return messageOf(envelope).MessageHeader;
}

/** MessageHeader.MessageCategory. */
export function categoryOf(envelope: Envelope): MessageCategory {
  return headerOf(envelope).MessageCategory;
}

/** MessageHeader.ServiceID (absent on event notifications). */
export function serviceIdOf(envelope: Envelope): string | undefined {
  return headerOf(envelope).ServiceID;
}

/**
 * Request, response or notification. The wrapper decides request versus response (an unknown
 * MessageType in a SaleToPOIRequest counts as a request).
 */
export function kindOf(envelope: Envelope): MessageKind {
  if (!isRequestEnvelope(envelope)) return 'response';
  return headerOf(envelope).MessageType === 'Notification' ? 'notification' : 'request';
}

/** The key under which this message carries its body, e.g. `PaymentRequest`. */
export function bodyKeyOf(envelope: Envelope): string {
  const header = headerOf(envelope);
  return bodyKeyFor(header.MessageCategory, header.MessageType);
}

const MODELLED: ReadonlySet<string> = new Set<BodyKey>([
  'LoginRequest',
  'LoginResponse',
  'LogoutRequest',
  'LogoutResponse',
  'PaymentRequest',
  'PaymentResponse',
  'ReversalRequest',
  'ReversalResponse',
  'TransactionStatusRequest',
  'TransactionStatusResponse',
  'AbortRequest',
  'AdminRequest',
  'AdminResponse',
  'DisplayRequest',
  'DisplayResponse',
  'EventNotification',
]);

/** True when `key` is a body the model types. */
export function isModelledBody(key: string): key is BodyKey {
  return MODELLED.has(key);
}

/** The message body, typed by its key when the model knows it. */
export function bodyOf(envelope: Envelope): TypedBody {
  const key = bodyKeyOf(envelope);
  const body = messageOf(envelope)[key] as Readonly<Record<string, unknown>>;
  // The codec only produces envelopes whose body key matches the header, so the lookup by the
  // header's key yields the schema-checked body of that key.
  if (isModelledBody(key)) return { kind: key, body } as TypedBody;
  return { kind: 'unmodelled', key, body };
}

/**
 * The Response block of a response (undefined for requests and notifications). A
 * DisplayResponse has one Response per OutputResult; the first that is not Success stands for
 * the whole, else the first.
 */
export function responseOf(envelope: Envelope): Response | undefined {
  if (isRequestEnvelope(envelope)) return undefined;
  const typed = bodyOf(envelope);
  if (typed.kind === 'DisplayResponse') {
    const results = typed.body.OutputResult.map((result) => result.Response);
    return results.find((response) => response.Result !== 'Success') ?? results[0];
  }
  const response = typed.body.Response;
  return isResponseBlock(response) ? response : undefined;
}

function isResponseBlock(value: unknown): value is Response {
  return (
    typeof value === 'object' && value !== null && typeof (value as Response).Result === 'string'
  );
}

/** The response a TransactionStatusResponse repeats, whichever form carried it. */
export interface RepeatedResponse {
  readonly header: MessageHeader;
  readonly body: TypedBody;
  readonly form: RepeatedResponseForm;
}

/**
 * The layouts of RepeatedMessageResponse: `standard` puts the original body beside the original
 * MessageHeader (nexo), `wrapped` nests it in RepeatedResponseMessageBody (as Adyen's terminals do).
 */
export const REPEATED_RESPONSE_FORMS = ['standard', 'wrapped'] as const;
export type RepeatedResponseForm = (typeof REPEATED_RESPONSE_FORMS)[number];

/** Unpacks RepeatedMessageResponse (both forms); undefined when there is none. */
export function repeatedResponseOf(
  status: TransactionStatusResponse,
): RepeatedResponse | undefined {
  const repeated = status.RepeatedMessageResponse;
  if (!repeated) return undefined;
  const { wrapped, flat } = repeatedBodyKeys(repeated);
  const form: RepeatedResponseForm = wrapped.length > 0 ? 'wrapped' : 'standard';
  const key = form === 'wrapped' ? wrapped[0] : flat[0];
  if (key === undefined) return undefined;
  const holder: Readonly<Record<string, unknown>> =
    form === 'wrapped' ? (repeated.RepeatedResponseMessageBody ?? {}) : repeated;
  const body = holder[key] as Readonly<Record<string, unknown>>;
  const typed: TypedBody = isModelledBody(key)
    ? ({ kind: key, body } as TypedBody)
    : { kind: 'unmodelled', key, body };
  return { header: repeated.MessageHeader, body: typed, form };
}
