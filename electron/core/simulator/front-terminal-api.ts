import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Clock, TimerId } from '@shared/time/clock';
import type { EventBody } from '@shared/trace/events';
import {
  MAX_FRAME_BYTES,
  PROTOCOL_VERSION,
  categoryResponse,
  failure,
  formDetails,
  responseBlock,
  type MessageHeader,
  type ResponseEnvelope,
} from '@shared/protocol';
import type { Link } from '../link/link';
import {
  CRYPTO_FAILURE_TEXT,
  isSecured,
  type CryptoFailure,
  type NexoKey,
} from '../link/nexo-crypto';
import { SaleLinks, type SaleLink } from './sale-link';

/**
 * The simulator's Terminal API front (README "Terminal API wire"): Adyen-style POST of a whole
 * nexo envelope to `/nexo` (or `/nexo/`, where the SDK posts), answered synchronously with the
 * final response of that request. Displays and events the payment application sends meanwhile
 * are on the timeline only. The POS's SaleID is its link ({@link SaleLinks}); NexoCrypto is
 * undone here, so the payment logic only ever sees clear messages.
 */

/** The paths a POS posts to. */
export const TERMINAL_API_PATHS: ReadonlySet<string> = new Set(['/nexo', '/nexo/']);

/** How long a request the terminal does not answer is held before 408 (a terminal's own wait). */
export const DEFAULT_HTTP_WAIT_MS = 30_000;

/**
 * The number in "Nexo Service: crypto error (N)", the text Adyen's terminals answer a crypto
 * failure with (HTTP 401). Adyen does not publish what each number means; these are the
 * harness's own, listed in the README, so a POS log names the cause.
 */
export const CRYPTO_ERROR_NUMBER: Readonly<Record<CryptoFailure, number>> = {
  'malformed-trailer': 1,
  'unsupported-crypto-version': 2,
  'unknown-key-identifier': 3,
  'unknown-key-version': 4,
  'bad-nonce': 5,
  'undecryptable-blob': 6,
  'bad-hmac': 9,
};

/** What the front needs to know about protection, read on every request (the window may change it). */
export interface TerminalApiSecurity {
  /** The shared key; absent when none is set (then every encrypted request is refused). */
  readonly key?: NexoKey;
  /** Refuse clear-text requests, as a terminal on a live account does. */
  readonly requireEncryption: boolean;
}

export interface TerminalApiFrontOptions {
  readonly port: number;
  /** The address to bind (loopback unless the user asks otherwise). */
  readonly host: string;
  /** Certificate chain and key: HTTPS. Absent: the same wire over plain HTTP. */
  readonly tls?: { readonly cert: string; readonly key: string };
  readonly clock: Clock;
  readonly waitMs: number;
  readonly security: () => TerminalApiSecurity;
  /** Attaches a sale's new link to the payment application. */
  readonly accept: (link: Link) => void;
  /** Records an event on the simulator's timeline (security rows, malformed requests). */
  readonly record: (event: EventBody) => void;
  /** Link ids are `${idPrefix}-${n}`. */
  readonly idPrefix: string;
}

export interface TerminalApiFront {
  readonly port: number;
  close(): Promise<void>;
}

/** One POST waiting for its answer. */
interface Exchange {
  readonly serviceId: string;
  readonly category: string;
  readonly encrypted: boolean;
  readonly res: ServerResponse;
  timer?: TimerId;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return '';
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent || res.destroyed) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

/** Adyen's error body for a request a terminal refuses before nexo (`{"errors": [...]}`). */
function errorsBody(errors: readonly string[], serviceId?: string): Json {
  return { errors, ...(serviceId === undefined ? {} : { ServiceID: serviceId }) };
}

/** `{MessageCategory, ServiceID}` of an outbound frame, and whether it is a response or a Reject. */
function classifyOutbound(
  envelope: unknown,
): { kind: 'response'; category: string; serviceId: string } | { kind: 'reject' } | undefined {
  if (!isObject(envelope)) return undefined;
  const response = envelope.SaleToPOIResponse;
  if (isObject(response) && isObject(response.MessageHeader)) {
    const { MessageCategory, ServiceID } = response.MessageHeader;
    if (typeof MessageCategory === 'string' && typeof ServiceID === 'string') {
      return { kind: 'response', category: MessageCategory, serviceId: ServiceID };
    }
  }
  const request = envelope.SaleToPOIRequest;
  if (isObject(request) && isObject(request.EventNotification)) {
    if (request.EventNotification.EventToNotify === 'Reject') return { kind: 'reject' };
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<{ text: string } | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_FRAME_BYTES) chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () =>
      resolve(
        size > MAX_FRAME_BYTES ? 'too-large' : { text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
  });
}

/** Starts the front on 127.0.0.1 (port 0 = a free port). */
export function startTerminalApiFront(options: TerminalApiFrontOptions): Promise<TerminalApiFront> {
  const wire = 'terminal-api' as const;
  const pending = new Map<SaleLink, Exchange[]>();
  /** The exchange whose request is being delivered: a Reject sent meanwhile answers it. */
  let delivering: Exchange | undefined;

  const forget = (sale: SaleLink, exchange: Exchange): void => {
    if (exchange.timer !== undefined) options.clock.clearTimeout(exchange.timer);
    const list = pending.get(sale);
    if (!list) return;
    const rest = list.filter((e) => e !== exchange);
    if (rest.length === 0) pending.delete(sale);
    else pending.set(sale, rest);
  };

  const answer = (sale: SaleLink, exchange: Exchange, envelope: Json): void => {
    forget(sale, exchange);
    const security = options.security();
    if (exchange.encrypted && security.key !== undefined) {
      const [rootName, root] = Object.entries(envelope)[0] ?? [];
      const header = isObject(root) ? root.MessageHeader : undefined;
      send(exchange.res, 200, {
        [rootName ?? 'SaleToPOIResponse']: security.key.encrypt(JSON.stringify(envelope), header),
      });
      return;
    }
    send(exchange.res, 200, envelope);
  };

  const links = new SaleLinks({
    wire,
    idPrefix: options.idPrefix,
    accept: options.accept,
    onSent: (sale, text) => {
      let envelope: unknown;
      try {
        envelope = JSON.parse(text);
      } catch {
        return;
      }
      const outbound = classifyOutbound(envelope);
      if (outbound === undefined || !isObject(envelope)) return;
      if (outbound.kind === 'reject') {
        if (delivering !== undefined) answer(sale, delivering, envelope);
        return;
      }
      const waiting = pending
        .get(sale)
        ?.find((e) => e.serviceId === outbound.serviceId && e.category === outbound.category);
      if (waiting !== undefined) answer(sale, waiting, envelope);
    },
    onEnded: (sale) => {
      // A restart or a dropped link: the POS sees its connection reset, as with a terminal.
      for (const exchange of pending.get(sale) ?? []) {
        forget(sale, exchange);
        exchange.res.destroy();
      }
    },
  });

  const security = (
    reason: string,
    detail: string,
    header: Json | undefined,
    sale?: SaleLink,
  ): void => {
    const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const saleId = text(header?.SaleID);
    const serviceId = text(header?.ServiceID);
    const category = text(header?.MessageCategory);
    options.record({
      kind: 'security',
      observer: 'poi',
      ...(sale === undefined ? {} : { link: sale.linkId }),
      wire,
      reason,
      detail,
      ...(saleId === undefined ? {} : { saleId }),
      ...(serviceId === undefined ? {} : { serviceId }),
      ...(category === undefined ? {} : { category }),
    });
  };

  const malformed = (res: ServerResponse, text: string, errors: readonly string[]): void => {
    options.record({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: `${options.idPrefix}-unrouted`,
      text: text.slice(0, 64 * 1024),
      wire,
    });
    send(res, 400, errorsBody(errors));
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.on('error', () => undefined);
    if (!TERMINAL_API_PATHS.has(pathOf(req.url))) {
      send(res, 404, errorsBody([`not found: ${pathOf(req.url)}; POST to /nexo`]));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      send(res, 405, errorsBody(['POST a SaleToPOIRequest to /nexo']));
      return;
    }
    const body = await readBody(req);
    if (body === 'too-large') {
      send(res, 413, errorsBody([`the body is larger than ${String(MAX_FRAME_BYTES)} bytes`]));
      return;
    }
    const { text } = body;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      malformed(res, text, ['At toplevel: not JSON']);
      return;
    }
    const request = isObject(parsed) ? parsed.SaleToPOIRequest : undefined;
    const header = isObject(request) ? request.MessageHeader : undefined;
    if (!isObject(request) || !isObject(header) || typeof header.SaleID !== 'string') {
      malformed(res, text, [
        !isObject(request)
          ? 'At toplevel, field SaleToPOIRequest: Missing'
          : 'At SaleToPOIRequest.MessageHeader, field SaleID: Missing',
      ]);
      return;
    }
    const { key, requireEncryption } = options.security();
    const sale = links.linkOf(header.SaleID);
    let clear = text;
    const encrypted = isSecured(request);
    if (encrypted) {
      const opened = key?.decrypt(request);
      if (opened === undefined || !opened.ok) {
        const failure: CryptoFailure = opened?.error ?? 'unknown-key-identifier';
        const detail =
          key === undefined
            ? 'an encrypted request arrived, but no shared key is set'
            : CRYPTO_FAILURE_TEXT[failure];
        security(failure, detail, header, sale);
        const serviceId = typeof header.ServiceID === 'string' ? header.ServiceID : '-NULL-';
        send(
          res,
          401,
          errorsBody(
            [`Nexo Service: crypto error (${String(CRYPTO_ERROR_NUMBER[failure])})`],
            serviceId,
          ),
        );
        return;
      }
      clear = opened.value;
    } else if (requireEncryption) {
      security(
        'clear-text-refused',
        'a clear-text request where encryption is required',
        header,
        sale,
      );
      send(res, 200, clearTextRefusal(header));
      return;
    }
    sale.encrypted = encrypted;
    const category = typeof header.MessageCategory === 'string' ? header.MessageCategory : '';
    const serviceId = typeof header.ServiceID === 'string' ? header.ServiceID : '';
    // Abort has no response of its own (the aborted payment answers), and neither has a
    // notification: the SDK reads the empty body as "done".
    if (category === 'Abort' || header.MessageType !== 'Request') {
      sale.deliver(clear);
      send(res, 200);
      return;
    }
    const exchange: Exchange = { serviceId, category, encrypted, res };
    pending.set(sale, [...(pending.get(sale) ?? []), exchange]);
    exchange.timer = options.clock.setTimeout(() => {
      // Nothing came (an ignored request, a dropped response): a terminal's HTTP wait ends.
      exchange.timer = undefined;
      forget(sale, exchange);
      send(res, 408);
    }, options.waitMs);
    res.on('close', () => forget(sale, exchange));
    delivering = exchange;
    try {
      sale.deliver(clear);
    } finally {
      delivering = undefined;
    }
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    serve(req, res).catch(() => res.destroy());
  };
  const server =
    options.tls === undefined
      ? createHttpServer(handler)
      : createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, handler);
  // A client that fails the TLS handshake (it does not trust the CA) is its own problem.
  server.on('tlsClientError', () => undefined);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        close: async () => {
          links.closeAll();
          server.closeAllConnections();
          await new Promise<void>((done) => server.close(() => done()));
        },
      });
    });
  });
}

/**
 * A terminal that requires encryption answers a clear request with Failure/MessageFormat and a
 * note saying so (the answer Adyen's terminals give on a live account).
 */
function clearTextRefusal(header: Json): ResponseEnvelope {
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const category = text(header.MessageCategory) || 'Login';
  // The request was never validated (it was refused first): only its routing fields are echoed.
  const requestHeader = {
    ProtocolVersion: text(header.ProtocolVersion) || PROTOCOL_VERSION,
    MessageClass: 'Service',
    MessageCategory: category,
    MessageType: 'Request',
    ServiceID: text(header.ServiceID),
    SaleID: text(header.SaleID),
    POIID: text(header.POIID),
  } as MessageHeader;
  return categoryResponse(requestHeader.MessageCategory, requestHeader, {
    Response: responseBlock(
      failure(
        'MessageFormat',
        formDetails({
          errors: 'clear-text request',
          note: 'this terminal requires payload encryption (NexoCrypto)',
        }),
      ),
    ),
  });
}
