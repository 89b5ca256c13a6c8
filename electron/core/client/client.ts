import {
  abortRequest,
  adminRequest,
  encode,
  loginRequest,
  logoutRequest,
  checkJsonValue,
  parseJsonText,
  paymentRequest,
  reversalRequest,
  transactionStatusRequest,
  type KnownMessageCategory,
  type RequestEnvelope,
  type SoftwareIdentification,
} from '@shared/protocol';
import type { RequestSpec } from '@shared/session';
import type { Clock } from '@shared/time/clock';
import type { EventBody, EventSink } from '@shared/trace/events';
import { err, ok, type Result } from '@shared/result';
import { HARNESS_VERSION, PRODUCT_NAME } from '../version';
import {
  encryptedOf,
  sendBuilt,
  wireOf,
  type Dialer,
  type FrameMeta,
  type Link,
  type PeerRefusal,
} from '../link/link';
import { classifyInbound, type Inbound } from './inbound';
import type { ServiceIdSource } from './service-ids';

/** A request built and given its ServiceID, ready to go on the wire. */
export interface OutboundMessage {
  readonly serviceId: string;
  readonly category: RequestSpec['category'];
  readonly envelope: RequestEnvelope;
  readonly text: string;
}

/** A response, as {@link Client.request} resolves it. */
export type InboundResponse = Extract<Inbound, { kind: 'response' }>;

/** {@link Client.request} got no final response in time. */
export class RequestTimeoutError extends Error {
  readonly kind = 'timeout';
  constructor(
    readonly serviceId: string,
    readonly category: string,
    readonly timeoutMs: number,
  ) {
    super(`${category} ${serviceId}: no response within ${timeoutMs} ms`);
    this.name = 'RequestTimeoutError';
  }
}

export interface ClientOptions {
  readonly clock: Clock;
  readonly saleId: string;
  readonly poiId: string;
  readonly serviceIds: ServiceIdSource;
  /** What LoginRequest says about the POS software. */
  readonly saleSoftware?: SoftwareIdentification;
}

/**
 * The reference App2App client: fire-and-forget `send*` methods that return the ServiceID at
 * once, one inbound stream typed by {@link Inbound}, and a blocking `request()` for callers
 * that prefer to wait. It knows nothing of sessions; the session manager builds on it.
 */
export interface Client {
  /** The attached link, if any. */
  readonly link: Link | undefined;
  /** Sends and receives on `link` from now on (the previous link is left as it is). */
  attach(link: Link): void;
  detach(): void;
  /** Opens a link with `dialer` and attaches it. */
  connect(dialer: Dialer): Promise<Result<Link, string>>;
  /** Gives a request its ServiceID and encodes it, without sending it. */
  build(spec: RequestSpec): OutboundMessage;
  /** Puts a built message on the wire; false when no open link is attached. */
  transmit(message: OutboundMessage): boolean;
  send(spec: RequestSpec): string;
  sendLogin(): string;
  sendLogout(): string;
  sendPayment(payment: Omit<Extract<RequestSpec, { category: 'Payment' }>, 'category'>): string;
  sendTransactionStatus(reference?: {
    readonly serviceId: string;
    readonly category?: string;
  }): string;
  sendReversal(reversal: Omit<Extract<RequestSpec, { category: 'Reversal' }>, 'category'>): string;
  sendAbort(abort: { readonly serviceId: string; readonly reason?: string }): string;
  sendAdmin(admin?: { readonly kind?: 'diagnosis' | 'update' }): string;
  /** Receives every inbound frame, typed; returns the unsubscribe function. */
  intercept(fn: (inbound: Inbound) => void): () => void;
  /**
   * Sends and resolves with the final response of the same ServiceID (DisplayRequests and
   * events do not count); rejects with {@link RequestTimeoutError} after `timeoutMs`.
   */
  request(
    message: OutboundMessage | RequestSpec,
    options: { readonly timeoutMs: number },
  ): Promise<InboundResponse>;
  /** Wire frames as `message` events (observer `pos`). */
  onEvent(fn: EventSink): () => void;
}

const DEFAULT_SOFTWARE: SoftwareIdentification = {
  ProviderIdentification: 'a2a-harness',
  ApplicationName: PRODUCT_NAME,
  SoftwareVersion: HARNESS_VERSION,
  CertificationCode: 'none',
};

function knownCategory(category: string): KnownMessageCategory {
  // MessageReference categories come from our own ops (Payment by default).
  return category as KnownMessageCategory;
}

/**
 * Builds the envelope of a request spec with its route. Optional inputs are passed as undefined
 * rather than spread in: the builders drop undefined fields, and an object that begins with a
 * spread of a small literal is many times slower to make in V8 (README "Performance: last
 * measured values").
 */
function envelopeOf(
  spec: RequestSpec,
  route: { saleId: string; poiId: string; serviceId: string },
  options: ClientOptions,
): RequestEnvelope {
  const { saleId, poiId, serviceId } = route;
  switch (spec.category) {
    case 'Login':
      return loginRequest({
        saleId,
        poiId,
        serviceId,
        dateTime: new Date(options.clock.wallNow()).toISOString(),
        saleSoftware: options.saleSoftware ?? DEFAULT_SOFTWARE,
        operatorLanguage: 'en',
      });
    case 'Logout':
      return logoutRequest({ saleId, poiId, serviceId });
    case 'Payment':
      return paymentRequest({
        saleId,
        poiId,
        serviceId,
        amount: { minor: spec.amountMinor, currency: spec.currency },
        saleTransactionId: {
          TransactionID: spec.saleTransactionId.TransactionID,
          TimeStamp: spec.saleTransactionId.TimeStamp,
        },
        paymentType:
          spec.paymentType === 'Normal' || spec.paymentType === 'Refund'
            ? spec.paymentType
            : undefined,
      });
    case 'TransactionStatus':
      return transactionStatusRequest({
        saleId,
        poiId,
        serviceId,
        reference: spec.messageReference
          ? {
              category: knownCategory(spec.messageReference.category),
              serviceId: spec.messageReference.serviceId,
              saleId,
            }
          : undefined,
      });
    case 'Reversal':
      return reversalRequest({
        saleId,
        poiId,
        serviceId,
        poiTransactionId: {
          TransactionID: spec.poiTransactionId.TransactionID,
          TimeStamp: spec.poiTransactionId.TimeStamp,
        },
        reason: spec.reason as 'MerchantCancel',
        reversedAmount:
          spec.amountMinor !== undefined && spec.currency !== undefined
            ? { minor: spec.amountMinor, currency: spec.currency }
            : undefined,
      });
    case 'Abort':
      return abortRequest({
        saleId,
        poiId,
        serviceId,
        reference: {
          category: knownCategory(spec.messageReference.category),
          serviceId: spec.messageReference.serviceId,
          saleId,
        },
        reason: spec.reason,
      });
    case 'Admin':
      return adminRequest({
        saleId,
        poiId,
        serviceId,
        serviceIdentification: spec.kind === 'update' ? 'Update' : 'Diagnosis',
      });
  }
}

/**
 * The client's own identity (SaleID, POIID, the software its Login names) goes into every frame
 * it builds; it is checked against the strict model once, here, so that a bad setting is an
 * error at start-up rather than an invalid frame on the wire.
 */
function checkIdentity(options: ClientOptions): void {
  // A scenario run makes a client (and a new one at every POS restart) with the same identity
  // each time: an identity that passed once is not run through the strict model again.
  const key = JSON.stringify([options.saleId, options.poiId, options.saleSoftware ?? null]);
  if (checkedIdentities.has(key)) return;
  const probe = envelopeOf(
    { category: 'Login' },
    { saleId: options.saleId, poiId: options.poiId, serviceId: 'PROBE' },
    options,
  );
  const encoded = encode(probe);
  if (!encoded.ok) {
    throw new RangeError(`invalid client identity: ${encoded.error.path}: ${encoded.error.reason}`);
  }
  // Bounded: a process that makes clients of ever new identities forgets the old ones.
  if (checkedIdentities.size >= MAX_CHECKED_IDENTITIES) checkedIdentities.clear();
  checkedIdentities.add(key);
}

/** Identities that passed {@link checkIdentity}, by their JSON. */
const checkedIdentities = new Set<string>();
const MAX_CHECKED_IDENTITIES = 64;

/** Creates a client; attach a link (or `connect`) before sending. */
export function createClient(options: ClientOptions): Client {
  checkIdentity(options);
  let link: Link | undefined;
  const unsubscribe: (() => void)[] = [];
  const interceptors = new Set<(inbound: Inbound) => void>();
  const sinks = new Set<EventSink>();

  const emit = (event: EventBody): void => {
    for (const sink of [...sinks]) sink(event);
  };

  const receive = (from: Link, frame: string, meta: FrameMeta | undefined): void => {
    // Nesting is checked on the text before anything is parsed: a frame past the budget is
    // malformed like text that is not JSON (README "Reliability and limits").
    const parsed = meta?.value === undefined ? parseJsonText(frame) : checkJsonValue(meta.value);
    const isJson = parsed.ok;
    const json = parsed.ok ? parsed.value : undefined;
    // The event is built only for someone who keeps it (README "Performance: last measured
    // values"): without a recorder or timeline a frame costs its parse and nothing more.
    if (sinks.size > 0) {
      emit({
        kind: 'message',
        observer: 'pos',
        direction: 'toPos',
        link: from.id,
        ...wireOf(from),
        ...(isJson ? { json } : { text: frame }),
        ...(meta?.http === undefined ? {} : { http: meta.http }),
        ...encryptedOf(from),
      });
    }
    const inbound = classifyInbound(frame, json, isJson);
    for (const fn of [...interceptors]) fn(inbound);
  };

  /**
   * An answer that carried no nexo message becomes a visible row (README "Terminal API wire").
   * It is not a lost link: the terminal answered, so it is there; the request simply got no
   * response, and the session rules' timeout decides what follows (re-login, one retry), as
   * for any request a terminal ignores.
   */
  const refused = (from: Link, refusal: PeerRefusal): void => {
    emit({
      kind: 'security',
      observer: 'pos',
      link: from.id,
      ...wireOf(from),
      reason: refusal.reason,
      detail: refusal.detail,
      ...(refusal.saleId === undefined ? {} : { saleId: refusal.saleId }),
      ...(refusal.serviceId === undefined ? {} : { serviceId: refusal.serviceId }),
      ...(refusal.category === undefined ? {} : { category: refusal.category }),
    });
  };

  const client: Client = {
    get link() {
      return link;
    },
    attach(next) {
      for (const stop of unsubscribe.splice(0)) stop();
      link = next;
      unsubscribe.push(next.onMessage((frame, meta) => receive(next, frame, meta)));
      const offRefusal = next.onPeerRefusal?.((refusal) => refused(next, refusal));
      if (offRefusal !== undefined) unsubscribe.push(offRefusal);
    },
    detach() {
      for (const stop of unsubscribe.splice(0)) stop();
      link = undefined;
    },
    async connect(dialer) {
      const dialed = await dialer();
      if (!dialed.ok) return err(dialed.error);
      client.attach(dialed.value);
      return ok(dialed.value);
    },
    build(spec) {
      const serviceId = options.serviceIds.next();
      const envelope = envelopeOf(
        spec,
        { saleId: options.saleId, poiId: options.poiId, serviceId },
        options,
      );
      // The typed builders make valid frames from what the request checks let through
      // (`session/requests.ts`), so the strict model is not run again on every request:
      // validation belongs to the edges, where a peer's frames and a user's input arrive
      // (DESIGN §5). client.property.test.ts holds every such frame to `encode`'s own output.
      return { serviceId, category: spec.category, envelope, text: JSON.stringify(envelope) };
    },
    transmit(message) {
      if (!link?.isOpen) return false;
      // The built envelope is the frame as sent (its text is its JSON form), so the event
      // carries it as it is rather than a parse of the text.
      if (sinks.size > 0) {
        emit({
          kind: 'message',
          observer: 'pos',
          direction: 'toPoi',
          link: link.id,
          ...wireOf(link),
          json: message.envelope,
          ...encryptedOf(link),
        });
      }
      sendBuilt(link, message.text, message.envelope);
      return true;
    },
    send(spec) {
      const message = client.build(spec);
      client.transmit(message);
      return message.serviceId;
    },
    sendLogin: () => client.send({ category: 'Login' }),
    sendLogout: () => client.send({ category: 'Logout' }),
    sendPayment: (payment) => client.send({ category: 'Payment', ...payment }),
    sendTransactionStatus: (reference) =>
      client.send({
        category: 'TransactionStatus',
        ...(reference
          ? {
              messageReference: {
                serviceId: reference.serviceId,
                category: reference.category ?? 'Payment',
              },
            }
          : {}),
      }),
    sendReversal: (reversal) => client.send({ category: 'Reversal', ...reversal }),
    sendAbort: (abort) =>
      client.send({
        category: 'Abort',
        messageReference: { serviceId: abort.serviceId, category: 'Payment' },
        reason: abort.reason ?? 'MerchantAbort',
      }),
    sendAdmin: (admin) => client.send({ category: 'Admin', kind: admin?.kind ?? 'diagnosis' }),
    intercept(fn) {
      interceptors.add(fn);
      return () => interceptors.delete(fn);
    },
    request(messageOrSpec, { timeoutMs }) {
      const message = 'envelope' in messageOrSpec ? messageOrSpec : client.build(messageOrSpec);
      return new Promise<InboundResponse>((resolve, reject) => {
        const stop = client.intercept((inbound) => {
          if (inbound.kind !== 'response' || inbound.serviceId !== message.serviceId) return;
          stop();
          options.clock.clearTimeout(timer);
          resolve(inbound);
        });
        const timer = options.clock.setTimeout(() => {
          stop();
          reject(new RequestTimeoutError(message.serviceId, message.category, timeoutMs));
        }, timeoutMs);
        client.transmit(message);
      });
    },
    onEvent(fn) {
      sinks.add(fn);
      return () => sinks.delete(fn);
    },
  };
  return client;
}
