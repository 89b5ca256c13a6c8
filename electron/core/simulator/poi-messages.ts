/**
 * The nexo messages the simulator sends, as plain JSON values. Kept local to the simulator:
 * these are the POI's shapes (responses, DisplayRequest, EventNotification), built from the
 * request they answer.
 */

/** A JSON object as the simulator builds and stores it. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The protocol version the simulator speaks, and answers with when a request names none. */
export const PROTOCOL_VERSION = '3.0';

/** The header fields of a request that its response repeats. */
export interface RequestHeaderView {
  readonly ProtocolVersion?: string;
  readonly MessageCategory: string;
  readonly ServiceID: string;
  readonly SaleID: string;
}

/** `Date` → ISO 8601 with a zone, as nexo DateTime and TimeStamp fields want it. */
export function isoTime(wallMs: number): string {
  return new Date(wallMs).toISOString();
}

/** The Response block of every response body. */
export function responseBlock(
  result: 'Success' | 'Failure' | 'Partial',
  errorCondition?: string,
  additionalResponse?: string,
): JsonObject {
  return {
    Result: result,
    ...(errorCondition === undefined ? {} : { ErrorCondition: errorCondition }),
    ...(additionalResponse === undefined ? {} : { AdditionalResponse: additionalResponse }),
  };
}

/** The header of the response to `request`, carrying the simulator's own POIID. */
export function responseHeader(request: RequestHeaderView, poiId: string): JsonObject {
  return {
    ProtocolVersion: request.ProtocolVersion ?? PROTOCOL_VERSION,
    MessageClass: 'Service',
    MessageCategory: request.MessageCategory,
    MessageType: 'Response',
    ServiceID: request.ServiceID,
    SaleID: request.SaleID,
    POIID: poiId,
  };
}

/** `{SaleToPOIResponse: {MessageHeader, <Category>Response: body}}`. */
export function responseEnvelope(
  header: JsonObject,
  bodyName: string,
  body: JsonObject,
): JsonObject {
  return { SaleToPOIResponse: { MessageHeader: header, [bodyName]: body } };
}

/** Who a POI-initiated message (display, event) is addressed to. */
export interface DeviceAddress {
  readonly saleId: string;
  readonly poiId: string;
  readonly deviceId: string;
  /** The ServiceID of the service in progress, when the message belongs to one. */
  readonly serviceId?: string;
}

function deviceHeader(
  address: DeviceAddress,
  cls: 'Device' | 'Event',
  category: string,
  type: string,
): JsonObject {
  return {
    ProtocolVersion: PROTOCOL_VERSION,
    MessageClass: cls,
    MessageCategory: category,
    MessageType: type,
    ...(address.serviceId === undefined ? {} : { ServiceID: address.serviceId }),
    DeviceID: address.deviceId,
    SaleID: address.saleId,
    POIID: address.poiId,
  };
}

/** A DisplayRequest to the cashier display (Status), which needs no DisplayResponse. */
export function displayRequest(address: DeviceAddress, text: string): JsonObject {
  return {
    SaleToPOIRequest: {
      MessageHeader: deviceHeader(address, 'Device', 'Display', 'Request'),
      DisplayRequest: {
        DisplayOutput: [
          {
            ResponseRequiredFlag: false,
            Device: 'CashierDisplay',
            InfoQualify: 'Status',
            OutputContent: { OutputFormat: 'Text', OutputText: [{ Text: text }] },
          },
        ],
      },
    },
  };
}

/** The fields of an EventNotification. */
export interface NotificationFields {
  readonly timeStamp: string;
  readonly eventToNotify: string;
  readonly eventDetails?: string;
  readonly rejectedMessage?: string;
}

/** An EventNotification (travels in a SaleToPOIRequest, as nexo has it). */
export function eventNotification(address: DeviceAddress, fields: NotificationFields): JsonObject {
  return {
    SaleToPOIRequest: {
      MessageHeader: deviceHeader(address, 'Event', 'Event', 'Notification'),
      EventNotification: {
        TimeStamp: fields.timeStamp,
        EventToNotify: fields.eventToNotify,
        ...(fields.eventDetails === undefined ? {} : { EventDetails: fields.eventDetails }),
        ...(fields.rejectedMessage === undefined
          ? {}
          : { RejectedMessage: fields.rejectedMessage }),
      },
    },
  };
}

/** `key=value&key=value` as real terminals write EventDetails and AdditionalResponse. */
export function details(pairs: Readonly<Record<string, string>>): string {
  return new URLSearchParams(pairs).toString();
}
