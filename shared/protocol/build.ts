import { base64EncodeTextPrefix } from './base64';
import type {
  DOCUMENT_QUALIFIERS,
  ErrorCondition,
  EventToNotify,
  MessageCategory,
  KnownMessageCategory,
  KnownMessageClass,
  KnownMessageType,
  KnownResult,
} from './enums';
import type {
  AbortRequest,
  BodyMap,
  DisplayOutput,
  MessageHeader,
  MessageReference,
  PaymentReceipt,
  PaymentResult,
  POISystemData,
  RequestBodyKey,
  RepeatedResponseForm,
  RequestEnvelope,
  Response,
  ResponseBodyKey,
  ResponseEnvelope,
  SaleData,
  SoftwareIdentification,
  TransactionIdentification,
} from './envelope';
import { headerOf, isRequestEnvelope, bodyKeyOf, messageOf, type Envelope } from './envelope';
import { formDetails } from './form-details';
import { REJECT_SNIPPET_BYTES } from './limits';
import { minorToWire, type Money } from './money';

/**
 * Typed constructors for the messages the reference client (POS side) and the simulator (POI
 * side) send. Amounts come in as {@link Money} (integer minor units) and leave as wire
 * decimals. The results are plain envelopes: pass them to `encode`, which applies the strict
 * rules. Builders throw a RangeError only for programming errors (an amount that is not a safe
 * integer of minor units), never for conditions a peer can cause.
 */

/** nexo protocol version the harness speaks. */
export const PROTOCOL_VERSION = '3.0';

/** The parties and the exchange a message belongs to. */
export interface Route {
  readonly saleId: string;
  readonly poiId: string;
  readonly serviceId: string;
}

/** Categories whose messages are MessageClass Device (the rest are Service, Event is Event). */
const DEVICE_CATEGORIES: ReadonlySet<KnownMessageCategory> = new Set<KnownMessageCategory>([
  'CardReaderAPDU',
  'CardReaderInit',
  'CardReaderPowerOff',
  'Display',
  'Input',
  'InputUpdate',
  'PIN',
  'Print',
  'Sound',
  'Transmit',
]);

/** The MessageClass nexo assigns to a category. */
export function messageClassOf(category: KnownMessageCategory): KnownMessageClass {
  if (category === 'Event') return 'Event';
  return isDeviceCategory(category) ? 'Device' : 'Service';
}

/** True for a category whose messages are MessageClass Device (the POI asks, the POS answers). */
export function isDeviceCategory(category: string): boolean {
  return (DEVICE_CATEGORIES as ReadonlySet<string>).has(category);
}

/** Removes keys whose value is undefined, so built messages hold only what was given. */
function compact<T extends object>(value: T): T {
  // A loop rather than entries/filter/fromEntries: every message the harness builds passes
  // here, several times, and the arrays those make were a visible share of a round trip.
  const kept: Record<string, unknown> = {};
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    const item: unknown = value[key];
    if (item !== undefined) kept[key] = item;
  }
  return kept as T;
}

/** Wire decimal of an amount; a non-representable amount is a bug in the caller. */
export function wireAmount(money: Money): number {
  const wire = minorToWire(money.minor, money.currency);
  if (!wire.ok) throw new RangeError(wire.error.reason);
  return wire.value;
}

/** Inputs of {@link header}. */
export interface HeaderInput {
  readonly category: KnownMessageCategory;
  readonly type: KnownMessageType;
  readonly saleId: string;
  readonly poiId: string;
  readonly serviceId?: string;
  readonly deviceId?: string;
  /** Defaults to the class nexo assigns to the category. */
  readonly messageClass?: KnownMessageClass;
}

/** A MessageHeader with ProtocolVersion 3.0. */
export function header(input: HeaderInput): MessageHeader {
  return compact({
    ProtocolVersion: PROTOCOL_VERSION,
    MessageClass: input.messageClass ?? messageClassOf(input.category),
    MessageCategory: input.category,
    MessageType: input.type,
    ServiceID: input.serviceId,
    DeviceID: input.deviceId,
    SaleID: input.saleId,
    POIID: input.poiId,
  });
}

function request<K extends RequestBodyKey>(
  category: KnownMessageCategory,
  key: K,
  route: Route,
  body: BodyMap[K],
): RequestEnvelope {
  const messageHeader = header({ category, type: 'Request', ...route });
  return { SaleToPOIRequest: { MessageHeader: messageHeader, [key]: compact(body) } };
}

// ---- POS → POI ------------------------------------------------------------------------------

/** Inputs of {@link loginRequest}. */
export interface LoginInput extends Route {
  /** ISO 8601 with zone, e.g. `2024-05-14T13:26:21.209Z`. */
  readonly dateTime: string;
  readonly saleSoftware: SoftwareIdentification;
  readonly operatorLanguage?: string;
  readonly operatorId?: string;
  readonly shiftNumber?: string;
  readonly trainingMode?: boolean;
  readonly saleTerminalData?: BodyMap['LoginRequest']['SaleTerminalData'];
}

/** LoginRequest: the first message of every session. */
export function loginRequest(input: LoginInput): RequestEnvelope {
  return request('Login', 'LoginRequest', input, {
    DateTime: input.dateTime,
    SaleSoftware: input.saleSoftware,
    SaleTerminalData: input.saleTerminalData,
    TrainingModeFlag: input.trainingMode,
    OperatorLanguage: input.operatorLanguage ?? 'en',
    OperatorID: input.operatorId,
    ShiftNumber: input.shiftNumber,
  });
}

/** LogoutRequest: ends the session. */
export function logoutRequest(
  input: Route & { readonly maintenanceAllowed?: boolean },
): RequestEnvelope {
  return request('Logout', 'LogoutRequest', input, {
    MaintenanceAllowed: input.maintenanceAllowed,
  });
}

/** Inputs of {@link paymentRequest}. */
export interface PaymentInput extends Route {
  readonly amount: Money;
  readonly saleTransactionId: TransactionIdentification;
  readonly saleToAcquirerData?: string;
  readonly saleReferenceId?: string;
  readonly paymentType?: 'Normal' | 'Refund';
}

/** PaymentRequest for `amount`. */
export function paymentRequest(input: PaymentInput): RequestEnvelope {
  const saleData: SaleData = compact({
    SaleTransactionID: input.saleTransactionId,
    SaleToAcquirerData: input.saleToAcquirerData,
    SaleReferenceID: input.saleReferenceId,
  });
  return request('Payment', 'PaymentRequest', input, {
    SaleData: saleData,
    PaymentTransaction: {
      AmountsReq: { Currency: input.amount.currency, RequestedAmount: wireAmount(input.amount) },
    },
    PaymentData: input.paymentType ? { PaymentType: input.paymentType } : undefined,
  });
}

/** Inputs of {@link reversalRequest}. */
export interface ReversalInput extends Route {
  /** POITransactionID of the payment to reverse (from its PaymentResponse.POIData). */
  readonly poiTransactionId: TransactionIdentification;
  readonly reason?: 'MerchantCancel' | 'CustCancel' | 'Malfunction' | 'Unable2Compl';
  readonly reversedAmount?: Money;
  readonly saleTransactionId?: TransactionIdentification;
}

/** ReversalRequest of an approved payment. */
export function reversalRequest(input: ReversalInput): RequestEnvelope {
  return request('Reversal', 'ReversalRequest', input, {
    OriginalPOITransaction: { POITransactionID: input.poiTransactionId },
    ReversalReason: input.reason ?? 'MerchantCancel',
    ReversedAmount: input.reversedAmount ? wireAmount(input.reversedAmount) : undefined,
    SaleData: input.saleTransactionId ? { SaleTransactionID: input.saleTransactionId } : undefined,
  });
}

/** Which earlier message a TransactionStatus or Abort is about. */
export interface ReferenceInput {
  /** Optional in nexo: a TransactionStatus may name only the ServiceID. */
  readonly category?: MessageCategory;
  readonly serviceId: string;
  readonly saleId?: string;
  readonly poiId?: string;
}

function messageReference(reference: ReferenceInput): MessageReference {
  return compact({
    MessageCategory: reference.category,
    ServiceID: reference.serviceId,
    SaleID: reference.saleId,
    POIID: reference.poiId,
  });
}

/** TransactionStatusRequest, usually about the payment whose response was lost. */
export function transactionStatusRequest(
  input: Route & {
    readonly reference?: ReferenceInput;
    readonly receiptReprint?: boolean;
    readonly documentQualifiers?: readonly (typeof DOCUMENT_QUALIFIERS)[number][];
  },
): RequestEnvelope {
  return request('TransactionStatus', 'TransactionStatusRequest', input, {
    MessageReference: input.reference ? messageReference(input.reference) : undefined,
    ReceiptReprintFlag: input.receiptReprint,
    DocumentQualifier: input.documentQualifiers ? [...input.documentQualifiers] : undefined,
  });
}

/** AbortRequest of the message `reference` points at (usually a payment in progress). */
export function abortRequest(
  input: Route & { readonly reference: ReferenceInput; readonly reason?: string },
): RequestEnvelope {
  const body: AbortRequest = {
    MessageReference: messageReference(input.reference),
    AbortReason: input.reason ?? 'MerchantAbort',
  };
  return request('Abort', 'AbortRequest', input, body);
}

/** AdminRequest (e.g. a terminal-specific service such as a reboot). */
export function adminRequest(
  input: Route & { readonly serviceIdentification?: string },
): RequestEnvelope {
  return request('Admin', 'AdminRequest', input, {
    ServiceIdentification: input.serviceIdentification,
  });
}

// ---- POI → POS ------------------------------------------------------------------------------

/** Result, ErrorCondition and AdditionalResponse of a response. */
export interface Outcome {
  readonly result: KnownResult;
  /** Open: terminals answer conditions outside the standard list, and so may the simulator. */
  readonly errorCondition?: ErrorCondition;
  readonly additionalResponse?: string;
}

/** A successful outcome. */
export function success(additionalResponse?: string): Outcome {
  return compact({ result: 'Success', additionalResponse });
}

/** A failed outcome with its ErrorCondition. */
export function failure(errorCondition: ErrorCondition, additionalResponse?: string): Outcome {
  return compact({ result: 'Failure', errorCondition, additionalResponse });
}

/** The Response block of an outcome. */
export function responseBlock(outcome: Outcome): BodyMap['LoginResponse']['Response'] {
  return compact({
    Result: outcome.result,
    ErrorCondition: outcome.errorCondition,
    AdditionalResponse: outcome.additionalResponse,
  });
}

type CategoryOfResponse<K> = K extends `${infer C}Response` ? C : never;
/** Categories with a modelled response body. */
export type ResponseCategory = CategoryOfResponse<ResponseBodyKey>;

/**
 * A response of `category` to the request with `requestHeader`: SaleID, POIID, ServiceID,
 * DeviceID and MessageClass are echoed, MessageType becomes Response. `category` may differ
 * from the request's (a payment aborted by an AbortRequest is answered by a PaymentResponse to
 * the payment's header).
 */
export function response<C extends ResponseCategory>(
  category: C,
  requestHeader: MessageHeader,
  body: BodyMap[`${C}Response`],
): ResponseEnvelope {
  return responseEnvelope(category, requestHeader, body);
}

/** A response body: its Response block and whatever the category carries beside it. */
export type AnyResponseBody = { readonly Response: Response } & Readonly<Record<string, unknown>>;

/**
 * A response of any category, modelled or not, built like {@link response}: for answers whose
 * category is known only at run time (a refusal in the body shape of the request's category) and
 * for bodies the model does not include (DiagnosisResponse).
 */
export function categoryResponse(
  category: MessageCategory,
  requestHeader: MessageHeader,
  body: AnyResponseBody,
): ResponseEnvelope {
  return responseEnvelope(category, requestHeader, body);
}

function responseEnvelope(
  category: string,
  requestHeader: MessageHeader,
  body: object,
): ResponseEnvelope {
  const messageHeader = compact({
    ProtocolVersion: requestHeader.ProtocolVersion ?? PROTOCOL_VERSION,
    MessageClass: requestHeader.MessageClass,
    MessageCategory: category,
    MessageType: 'Response',
    ServiceID: requestHeader.ServiceID,
    DeviceID: requestHeader.DeviceID,
    SaleID: requestHeader.SaleID,
    POIID: requestHeader.POIID,
  });
  return {
    SaleToPOIResponse: { MessageHeader: messageHeader, [`${category}Response`]: compact(body) },
  };
}

/** LoginResponse. */
export function loginResponse(
  requestHeader: MessageHeader,
  outcome: Outcome,
  poiSystemData?: POISystemData,
): ResponseEnvelope {
  return response('Login', requestHeader, {
    Response: responseBlock(outcome),
    POISystemData: poiSystemData,
  });
}

/** LogoutResponse. */
export function logoutResponse(requestHeader: MessageHeader, outcome: Outcome): ResponseEnvelope {
  return response('Logout', requestHeader, { Response: responseBlock(outcome) });
}

/** AdminResponse. */
export function adminResponse(requestHeader: MessageHeader, outcome: Outcome): ResponseEnvelope {
  return response('Admin', requestHeader, { Response: responseBlock(outcome) });
}

/** Inputs of {@link paymentResponse}. */
export interface PaymentResponseInput {
  readonly outcome: Outcome;
  /** Absent only when the request had none a terminal could read (a malformed PaymentRequest). */
  readonly saleTransactionId?: TransactionIdentification;
  readonly poiTransactionId: TransactionIdentification;
  readonly poiReconciliationId?: string;
  readonly authorizedAmount?: Money;
  /** Further PaymentResult fields (instrument, acquirer data, ...); AmountsResp is set from `authorizedAmount`. */
  readonly paymentResult?: PaymentResult;
  readonly receipts?: readonly PaymentReceipt[];
}

/** PaymentResponse (final outcome of a payment). */
export function paymentResponse(
  requestHeader: MessageHeader,
  input: PaymentResponseInput,
): ResponseEnvelope {
  const amounts = input.authorizedAmount
    ? {
        AmountsResp: {
          Currency: input.authorizedAmount.currency,
          AuthorizedAmount: wireAmount(input.authorizedAmount),
        },
      }
    : {};
  const paymentResult =
    input.paymentResult || input.authorizedAmount
      ? { ...input.paymentResult, ...amounts }
      : undefined;
  return response('Payment', requestHeader, {
    Response: responseBlock(input.outcome),
    SaleData: input.saleTransactionId && { SaleTransactionID: input.saleTransactionId },
    POIData: compact({
      POITransactionID: input.poiTransactionId,
      POIReconciliationID: input.poiReconciliationId,
    }),
    PaymentResult: paymentResult,
    PaymentReceipt: input.receipts ? [...input.receipts] : undefined,
  });
}

/** ReversalResponse. */
export function reversalResponse(
  requestHeader: MessageHeader,
  input: {
    readonly outcome: Outcome;
    readonly poiTransactionId?: TransactionIdentification;
    /** The request's OriginalPOITransaction, echoed when the reversal was made. */
    readonly originalPoiTransaction?: BodyMap['ReversalRequest']['OriginalPOITransaction'];
    readonly reversedAmount?: Money;
  },
): ResponseEnvelope {
  return response('Reversal', requestHeader, {
    Response: responseBlock(input.outcome),
    POIData: input.poiTransactionId ? { POITransactionID: input.poiTransactionId } : undefined,
    OriginalPOITransaction: input.originalPoiTransaction,
    ReversedAmount: input.reversedAmount ? wireAmount(input.reversedAmount) : undefined,
  });
}

/**
 * TransactionStatusResponse. `repeated` is an earlier response envelope (a PaymentResponse or
 * ReversalResponse); `form` picks the RepeatedMessageResponse layout the terminal profile uses
 * (see {@link RepeatedResponseForm}; `wrapped` by default, as Adyen sends it).
 */
export function transactionStatusResponse(
  requestHeader: MessageHeader,
  input: {
    readonly outcome: Outcome;
    readonly reference?: ReferenceInput;
    readonly repeated?: ResponseEnvelope;
    readonly form?: RepeatedResponseForm;
  },
): ResponseEnvelope {
  return response('TransactionStatus', requestHeader, {
    Response: responseBlock(input.outcome),
    MessageReference: input.reference ? messageReference(input.reference) : undefined,
    RepeatedMessageResponse: input.repeated
      ? repeatedMessage(input.repeated, input.form ?? 'wrapped')
      : undefined,
  });
}

function repeatedMessage(
  repeated: Envelope,
  form: RepeatedResponseForm,
): BodyMap['TransactionStatusResponse']['RepeatedMessageResponse'] {
  if (isRequestEnvelope(repeated)) throw new RangeError('only a response can be repeated');
  const key = bodyKeyOf(repeated);
  const body = messageOf(repeated)[key];
  const holder = { [key]: body };
  return form === 'wrapped'
    ? { MessageHeader: headerOf(repeated), RepeatedResponseMessageBody: holder }
    : { MessageHeader: headerOf(repeated), ...holder };
}

/** Inputs of {@link displayRequest}. */
export interface DisplayInput extends Omit<Route, 'serviceId'> {
  /** The service the display belongs to (a payment in progress), when it belongs to one. */
  readonly serviceId?: string;
  readonly deviceId?: string;
  /** Lines shown on the cashier display, e.g. `['Present card', 'EUR 10.99']`. */
  readonly lines: readonly string[];
  readonly device?: 'CashierDisplay' | 'CustomerDisplay';
  readonly infoQualify?: 'Status' | 'Display' | 'Error';
  readonly responseRequired?: boolean;
  readonly minimumDisplayTime?: number;
}

/** DisplayRequest (POI → POS progress text; never a final result). */
export function displayRequest(input: DisplayInput): RequestEnvelope {
  const output: DisplayOutput = compact({
    ResponseRequiredFlag: input.responseRequired,
    MinimumDisplayTime: input.minimumDisplayTime,
    Device: input.device ?? 'CashierDisplay',
    InfoQualify: input.infoQualify ?? 'Status',
    OutputContent: {
      OutputFormat: 'Text',
      // Every line but the last ends its line; a single line needs no break.
      OutputText: input.lines.map((line, i) =>
        i < input.lines.length - 1 ? { Text: line, EndOfLineFlag: true } : { Text: line },
      ),
    },
  });
  const messageHeader = header({
    category: 'Display',
    type: 'Request',
    saleId: input.saleId,
    poiId: input.poiId,
    serviceId: input.serviceId,
    deviceId: input.deviceId,
  });
  return {
    SaleToPOIRequest: { MessageHeader: messageHeader, DisplayRequest: { DisplayOutput: [output] } },
  };
}

/** DisplayResponse, one OutputResult per displayed output. */
export function displayResponse(
  requestHeader: MessageHeader,
  results: readonly {
    readonly device: 'CashierDisplay' | 'CustomerDisplay';
    readonly infoQualify: 'Status' | 'Display' | 'Error';
    readonly outcome: Outcome;
  }[],
): ResponseEnvelope {
  return response('Display', requestHeader, {
    OutputResult: results.map((result) => ({
      Device: result.device,
      InfoQualify: result.infoQualify,
      Response: responseBlock(result.outcome),
    })),
  });
}

/** Inputs of {@link eventNotification}. */
export interface EventInput {
  readonly saleId: string;
  readonly poiId: string;
  /** Open: terminals (the simulator among them) notify vendor events too. */
  readonly event: EventToNotify;
  /** ISO 8601 with zone. */
  readonly timeStamp: string;
  readonly details?: string;
  readonly serviceId?: string;
  readonly deviceId?: string;
  /** Base64 text of a rejected message (see {@link rejectNotification}). */
  readonly rejectedMessage?: string;
  readonly maintenanceRequired?: boolean;
}

/** EventNotification (MessageClass Event, MessageType Notification). */
export function eventNotification(input: EventInput): RequestEnvelope {
  const messageHeader = header({
    category: 'Event',
    type: 'Notification',
    saleId: input.saleId,
    poiId: input.poiId,
    serviceId: input.serviceId,
    deviceId: input.deviceId,
  });
  return {
    SaleToPOIRequest: {
      MessageHeader: messageHeader,
      EventNotification: compact({
        TimeStamp: input.timeStamp,
        EventToNotify: input.event,
        EventDetails: input.details,
        RejectedMessage: input.rejectedMessage,
        MaintenanceRequiredFlag: input.maintenanceRequired,
      }),
    },
  };
}

/**
 * The EventNotification `Reject` a terminal sends for a frame it cannot process: the frame's
 * first {@link REJECT_SNIPPET_BYTES} bytes travel base64-encoded; SaleID/POIID default to `N/A`
 * when the frame did not name them.
 */
export function rejectNotification(input: {
  readonly rejectedText: string;
  readonly reason: string;
  readonly timeStamp: string;
  readonly saleId?: string;
  readonly poiId?: string;
  readonly deviceId?: string;
}): RequestEnvelope {
  return eventNotification({
    saleId: input.saleId ?? 'N/A',
    poiId: input.poiId ?? 'N/A',
    deviceId: input.deviceId,
    event: 'Reject',
    timeStamp: input.timeStamp,
    details: formDetails({ message: input.reason }),
    rejectedMessage: base64EncodeTextPrefix(input.rejectedText, REJECT_SNIPPET_BYTES),
  });
}
