import {
  bodyOf,
  decodeValue,
  headerOf,
  isDeviceCategory,
  kindOf,
  checkJsonValue,
  parseJsonText,
  type Envelope,
  type MessageHeader,
  type TypedBody,
} from '@shared/protocol';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';

/** The service categories the simulator answers. */
export const SUPPORTED_CATEGORIES: ReadonlySet<string> = new Set([
  'Login',
  'Logout',
  'Payment',
  'Reversal',
  'TransactionStatus',
  'Abort',
  'Admin',
  'Diagnosis',
]);

/** A service request the simulator will answer, with its header fields checked. */
export interface InboundRequest {
  readonly envelope: Envelope;
  readonly header: MessageHeader;
  readonly category: string;
  readonly serviceId: string;
  readonly saleId: string;
  readonly body: TypedBody;
}

/** What to do with one inbound frame. */
export type Intake =
  /** Not a message the simulator can answer: EventNotification Reject. */
  | { readonly kind: 'reject'; readonly reason: string; readonly saleId?: string }
  /** A message that needs no answer (a DisplayResponse, an event from the sale system). */
  | { readonly kind: 'ignore'; readonly reason: string }
  | { readonly kind: 'request'; readonly request: InboundRequest }
  /** A service request with a valid header and a bad field: Failure/MessageFormat naming it. */
  | {
      readonly kind: 'malformed';
      readonly header: MessageHeader & { readonly ServiceID: string };
      readonly path: string;
      readonly reason: string;
    };

/**
 * Classifies one frame: size first, then JSON, then the envelope (decoded leniently by the
 * protocol core, DESIGN §5), then what kind of message it is.
 */
export function classifyFrame(
  text: string,
  byteLength: number,
  /** The frame's JSON value when the link handed it over with the text (in memory). */
  value?: unknown,
): { readonly json: unknown; readonly intake: Intake } {
  if (byteLength > MAX_FRAME_BYTES) {
    return {
      json: undefined,
      intake: {
        kind: 'reject',
        reason: `message too large (${String(byteLength)} bytes; the limit is ${String(MAX_FRAME_BYTES)})`,
      },
    };
  }
  // Nesting is checked on the text before anything is parsed (README "Reliability and limits").
  const json = value === undefined ? parseJsonText(text) : checkJsonValue(value);
  if (!json.ok) {
    return {
      json: undefined,
      intake: { kind: 'reject', reason: `not JSON: ${json.error.message}` },
    };
  }
  return { json: json.value, intake: classifyValue(json.value) };
}

function classifyValue(json: unknown): Intake {
  const decoded = decodeValue(json);
  if (!decoded.ok) {
    const { header, path, reason } = decoded.error;
    if (header && answerable(header)) {
      return { kind: 'malformed', header, path, reason };
    }
    const saleId = header?.SaleID;
    return {
      kind: 'reject',
      reason: `${decoded.error.kind === 'notEnvelope' ? 'not a nexo message' : 'invalid message'}: ${path}: ${reason}`,
      ...(saleId === undefined ? {} : { saleId }),
    };
  }
  const envelope = decoded.value.envelope;
  const header = headerOf(envelope);
  switch (kindOf(envelope)) {
    case 'notification':
      return {
        kind: 'ignore',
        reason: `${header.MessageCategory} notification from the sale system`,
      };
    case 'response':
      // A device response answers a POI's device request: the simulator never asks for one, but may get one.
      return isDeviceCategory(header.MessageCategory)
        ? { kind: 'ignore', reason: `${header.MessageCategory} response` }
        : {
            kind: 'reject',
            reason: `unexpected ${header.MessageCategory} response from the sale system`,
            saleId: header.SaleID,
          };
    case 'request':
      break;
  }
  if (!answerable(header)) {
    return {
      kind: 'reject',
      reason: `unsupported message: ${header.MessageClass} ${header.MessageCategory} ${header.MessageType}`,
      saleId: header.SaleID,
    };
  }
  return {
    kind: 'request',
    request: {
      envelope,
      header,
      category: header.MessageCategory,
      serviceId: header.ServiceID,
      saleId: header.SaleID,
      body: bodyOf(envelope),
    },
  };
}

/** A service request of a category the simulator answers, with a ServiceID to answer to. */
function answerable(
  header: MessageHeader,
): header is MessageHeader & { readonly ServiceID: string } {
  return (
    header.MessageClass === 'Service' &&
    header.MessageType === 'Request' &&
    header.ServiceID !== undefined &&
    SUPPORTED_CATEGORIES.has(header.MessageCategory)
  );
}
