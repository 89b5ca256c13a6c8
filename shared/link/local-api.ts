import { err, ok, type Result } from '../result';

/**
 * Market Pay's Local API over HTTP (README "Local API over HTTP"; WIRES.md): one resource per
 * service, flat JSON (MessageHeader + body, no SaleToPOI envelope). The reference client's HTTP
 * link and the simulator's HTTP front both read this table, so they agree by construction.
 */

/**
 * How a resource answers its POST: `sync` with 200 and the response, `accepted` with 202 and
 * nothing to collect (Abort), `async` with 202 and the messages collected by GET polling.
 */
export type LocalApiMode = 'sync' | 'accepted' | 'async';

export interface LocalApiResource {
  readonly path: string;
  readonly mode: LocalApiMode;
  /** The MessageCategory of the request posted there. */
  readonly category: string;
}

/** The resources the harness serves and dials, by path. */
export const LOCAL_API_RESOURCES: readonly LocalApiResource[] = [
  { path: '/login', mode: 'sync', category: 'Login' },
  { path: '/logout', mode: 'sync', category: 'Logout' },
  { path: '/status', mode: 'sync', category: 'TransactionStatus' },
  { path: '/diagnosis', mode: 'sync', category: 'Diagnosis' },
  { path: '/abort', mode: 'accepted', category: 'Abort' },
  { path: '/payment', mode: 'async', category: 'Payment' },
  { path: '/reversal', mode: 'async', category: 'Reversal' },
  { path: '/update', mode: 'async', category: 'Admin' },
];

const BY_PATH: ReadonlyMap<string, LocalApiResource> = new Map(
  LOCAL_API_RESOURCES.map((r) => [r.path, r]),
);
const BY_CATEGORY: ReadonlyMap<string, LocalApiResource> = new Map(
  LOCAL_API_RESOURCES.map((r) => [r.category, r]),
);

/** The resource at `path` (e.g. `/payment`), if the Local API has one. */
export function localApiResourceAt(path: string): LocalApiResource | undefined {
  return BY_PATH.get(path);
}

/** The resource a request of `category` is posted to. */
export function localApiResourceFor(category: string): LocalApiResource | undefined {
  return BY_CATEGORY.get(category);
}

/**
 * What a GET of an async resource answers (Market Pay's table): only `final` (200) ends the
 * exchange; 201 and 206 carry an intermediate message, 206 saying more are queued already.
 */
export const POLL_STATUS = {
  final: 200,
  intermediate: 201,
  nothingYet: 204,
  moreQueued: 206,
  noOperation: 423,
} as const;

type JsonRecord = Readonly<Record<string, unknown>>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{SaleToPOIRequest|SaleToPOIResponse: {…}}` → the flat `{MessageHeader, <Body>}` inside. */
export function flattenEnvelope(envelope: unknown): Result<JsonRecord, string> {
  if (!isRecord(envelope)) return err('not a JSON object');
  const inner = envelope.SaleToPOIRequest ?? envelope.SaleToPOIResponse;
  if (!isRecord(inner)) return err('no SaleToPOIRequest or SaleToPOIResponse');
  return ok(inner);
}

/** The flat message's header, if it has one. */
export function flatHeader(flat: JsonRecord): JsonRecord | undefined {
  const header = flat.MessageHeader;
  return isRecord(header) ? header : undefined;
}

/**
 * A flat message → its nexo envelope: responses travel in SaleToPOIResponse, requests and
 * notifications in SaleToPOIRequest (as nexo has them).
 */
export function wrapFlat(flat: JsonRecord): JsonRecord {
  const type = flatHeader(flat)?.MessageType;
  return type === 'Response' ? { SaleToPOIResponse: flat } : { SaleToPOIRequest: flat };
}

/**
 * Checks that `value` is a flat nexo request for `resource` (header + the one body the resource
 * takes) and returns its SaleID and ServiceID; the error names what is wrong, for the 400 body.
 * Field-level checks of the body are the payment application's (it answers MessageFormat).
 */
export function checkFlatRequest(
  value: unknown,
  resource: LocalApiResource,
): Result<{ readonly saleId: string; readonly serviceId: string }, string> {
  if (!isRecord(value)) return err('the body is not a JSON object');
  if (value.SaleToPOIRequest !== undefined || value.SaleToPOIResponse !== undefined) {
    return err(
      'the Local API takes flat messages (MessageHeader + body), not a SaleToPOI envelope',
    );
  }
  const header = flatHeader(value);
  if (!header) return err('MessageHeader is missing or not an object');
  const expected = `${resource.category}Request`;
  const { MessageClass, MessageCategory, MessageType, SaleID, ServiceID } = header;
  if (MessageCategory !== resource.category || MessageType !== 'Request') {
    return err(
      `${resource.path} takes a ${expected}, not ${String(MessageCategory)} ${String(MessageType)}`,
    );
  }
  if (MessageClass !== 'Service') return err(`MessageClass must be Service for ${expected}`);
  if (!isRecord(value[expected])) return err(`${expected} is missing or not an object`);
  const others = Object.keys(value).filter((k) => k !== 'MessageHeader' && k !== expected);
  if (others.length > 0) return err(`unexpected members beside ${expected}: ${others.join(', ')}`);
  if (typeof SaleID !== 'string' || SaleID === '') return err('MessageHeader.SaleID is missing');
  if (typeof ServiceID !== 'string' || ServiceID === '') {
    return err('MessageHeader.ServiceID is missing');
  }
  return ok({ saleId: SaleID, serviceId: ServiceID });
}
