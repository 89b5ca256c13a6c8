import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  POLL_STATUS,
  checkFlatRequest,
  flatHeader,
  flattenEnvelope,
  localApiResourceAt,
  type LocalApiResource,
} from '@shared/link/local-api';
import type { Clock, TimerId } from '@shared/time/clock';
import type { EventBody, HttpExchange } from '@shared/trace/events';
import { MAX_FRAME_BYTES, rejectNotification } from '@shared/protocol';
import type { Link } from '../link/link';
import { SaleLinks, type SaleLink, type SaleLinkEnded } from './sale-link';

/** A JSON object as the Local API's flat messages carry it. */
type JsonObject = Readonly<Record<string, unknown>>;

/** How long a synchronous POST waits for its answer before 408 (`--http-wait-ms`). */
export const DEFAULT_HTTP_WAIT_MS = 30_000;
/** How long "Drop link" refuses the POS afterwards, unless the fault says (`dropMs`). */
export const DEFAULT_DROP_MS = 3_000;
/** Headers that have not finished by then are cut (Node answers 408 and closes). */
export const DEFAULT_HEADER_TIMEOUT_MS = 10_000;
/**
 * Idle connections stay open this long, so a restart or a dropped link reaches an idle POS as a
 * reset of its connection (README "Faults by wire").
 */
const KEEP_ALIVE_MS = 65_000;
/** Past this, a body is not even drained: the connection is cut. */
const DRAIN_LIMIT_BYTES = 16 * MAX_FRAME_BYTES;
/** The `link` of events about requests that never reached a sale's link (a 400). */
const FRONT_LINK = 'local-api-front';

/** What the front needs of the payment application. */
export interface LocalApiTerminal {
  accept(link: Link): void;
  record(event: EventBody): void;
  readonly closed: boolean;
  /** A payment runs: `/payment` answers 403 (one transaction per terminal). */
  paymentRunning(): boolean;
}

export interface LocalApiFrontOptions {
  /** 0 picks a free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  readonly terminal: LocalApiTerminal;
  /** The simulator's clock: the sync wait and the refuse window run in its time. */
  readonly clock: Clock;
  /** The POIID of the Reject a 400 carries. */
  readonly poiId: string;
  readonly waitMs?: number;
  /** Real time, like the socket it guards. */
  readonly headerTimeoutMs?: number;
  /** Link ids are `${idPrefix}-${n}` (default `http`). */
  readonly idPrefix?: string;
}

export interface LocalApiFront {
  readonly port: number;
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  close(): Promise<void>;
}

/** A message queued for the GETs of an async resource. */
interface Queued {
  readonly flat: JsonObject;
  readonly final: boolean;
}

/** The one operation of an async resource (Market Pay: one transaction per endpoint). */
interface AsyncExchange {
  readonly saleId: string;
  readonly serviceId: string;
  readonly queue: Queued[];
  /** The final message went out, or the sale's link ended: GETs answer 423. */
  ended: boolean;
}

/** A synchronous POST waiting for its response. */
interface Waiter {
  readonly saleId: string;
  readonly serviceId: string;
  readonly res: ServerResponse;
  readonly timer: TimerId;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

function pathOf(url: string | undefined): string {
  try {
    return new URL(url ?? '/', 'http://127.0.0.1').pathname;
  } catch {
    return '';
  }
}

function write(res: ServerResponse, answer: Answer): void {
  if (res.headersSent || res.destroyed) return;
  const text = answer.body === undefined ? '' : JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    ...(text === '' ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...answer.headers,
  });
  res.end(text);
}

/** Reads a body up to `limit` bytes; a longer one is drained and reported as too large. */
function readBody(
  req: IncomingMessage,
  limit: number,
): Promise<{ kind: 'body'; text: string } | { kind: 'tooLarge' } | { kind: 'gone' }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) req.socket.destroy();
    });
    req.on('end', () =>
      resolve(
        size > limit
          ? { kind: 'tooLarge' }
          : { kind: 'body', text: Buffer.concat(chunks).toString('utf8') },
      ),
    );
    req.on('error', () => resolve({ kind: 'gone' }));
    req.on('close', () => resolve({ kind: 'gone' }));
  });
}

/**
 * Market Pay's Local API over HTTP in front of the simulator (README "Local API over HTTP"):
 * flat JSON per resource, sync resources answered in the POST, async ones by GET polling. Each
 * POS's SaleID gets one virtual link ({@link SaleLinks}), so sessions, faults and the payment
 * logic are those of every other wire.
 */
export function startLocalApiFront(options: LocalApiFrontOptions): Promise<LocalApiFront> {
  const { terminal, clock } = options;
  const waitMs = options.waitMs ?? DEFAULT_HTTP_WAIT_MS;
  const headerTimeoutMs = options.headerTimeoutMs ?? DEFAULT_HEADER_TIMEOUT_MS;
  const exchanges = new Map<string, AsyncExchange>();
  const waiters = new Set<Waiter>();
  const socketsOfSale = new Map<string, Set<Socket>>();
  const refusedUntil = new Map<string, number>();
  let rejects = 0;

  const isRefused = (saleId: string): boolean => {
    const until = refusedUntil.get(saleId);
    if (until === undefined) return false;
    if (clock.now() < until) return true;
    refusedUntil.delete(saleId);
    return false;
  };

  /** Remembers which sale a connection serves, so a drop of that sale can cut it. */
  const attribute = (socket: Socket, saleId: string): void => {
    let set = socketsOfSale.get(saleId);
    if (!set) {
      set = new Set();
      socketsOfSale.set(saleId, set);
    }
    if (set.has(socket)) return;
    set.add(socket);
    socket.once('close', () => set.delete(socket));
  };

  const finish = (waiter: Waiter, answer: Answer): void => {
    if (!waiters.delete(waiter)) return;
    clock.clearTimeout(waiter.timer);
    write(waiter.res, answer);
  };

  /** Where a frame the payment application sent to a sale goes: a waiting POST or a queue. */
  const route = (sale: SaleLink, text: string): void => {
    const json = JSON.parse(text) as unknown;
    const flat = flattenEnvelope(json);
    if (!flat.ok) return;
    const header = flatHeader(flat.value);
    const serviceId = header?.ServiceID;
    const isResponse = header?.MessageType === 'Response';
    if (isResponse) {
      for (const waiter of waiters) {
        if (waiter.saleId === sale.saleId && waiter.serviceId === serviceId) {
          finish(waiter, { status: 200, body: flat.value });
          return;
        }
      }
    }
    for (const exchange of exchanges.values()) {
      if (exchange.ended || exchange.saleId !== sale.saleId) continue;
      if (exchange.serviceId !== serviceId) continue;
      exchange.queue.push({ flat: flat.value, final: isResponse });
      return;
    }
    // A Reject names no ServiceID; it answers the sale's oldest waiting POST.
    const event = flat.value.EventNotification as JsonObject | undefined;
    if (event?.EventToNotify === 'Reject') {
      const waiter = [...waiters].find((w) => w.saleId === sale.saleId);
      if (waiter) finish(waiter, { status: 400, body: flat.value });
    }
    // Anything else has no exchange to carry it over HTTP (README "Local API over HTTP").
  };

  /** The sale's link closed (restart) or was cut (drop link): its exchanges and connections end. */
  const ended = (sale: SaleLink, how: SaleLinkEnded): void => {
    for (const exchange of exchanges.values()) {
      if (exchange.saleId === sale.saleId) exchange.ended = true;
    }
    for (const waiter of [...waiters]) {
      if (waiter.saleId !== sale.saleId) continue;
      waiters.delete(waiter);
      clock.clearTimeout(waiter.timer);
      waiter.res.socket?.resetAndDestroy();
    }
    for (const socket of socketsOfSale.get(sale.saleId) ?? []) socket.resetAndDestroy();
    socketsOfSale.delete(sale.saleId);
    if (how.abrupt) {
      refusedUntil.set(sale.saleId, clock.now() + (how.refuseMs ?? DEFAULT_DROP_MS));
    }
  };

  const sales = new SaleLinks({
    wire: 'local-api',
    idPrefix: options.idPrefix ?? 'http',
    accept: (link) => terminal.accept(link),
    onSent: route,
    onEnded: ended,
  });

  /** A body that is no flat nexo request for the resource: 400 with a Reject, traced. */
  const reject = (
    res: ServerResponse,
    resource: LocalApiResource,
    text: string,
    json: unknown,
    reason: string,
  ): void => {
    const http = { method: 'POST', resource: resource.path, status: 400 };
    terminal.record({
      kind: 'message',
      observer: 'poi',
      direction: 'toPoi',
      link: FRONT_LINK,
      wire: 'local-api',
      ...(json === undefined ? { text: text.slice(0, 64 * 1024) } : { json }),
      http,
    });
    const header =
      json && typeof json === 'object' ? (json as JsonObject).MessageHeader : undefined;
    const saleId =
      header && typeof header === 'object' && typeof (header as JsonObject).SaleID === 'string'
        ? ((header as JsonObject).SaleID as string)
        : 'N/A';
    rejects += 1;
    const envelope = rejectNotification({
      saleId,
      poiId: options.poiId,
      deviceId: `R${String(rejects)}`,
      rejectedText: text,
      reason,
      timeStamp: new Date(clock.wallNow()).toISOString(),
    });
    terminal.record({
      kind: 'message',
      observer: 'poi',
      direction: 'toPos',
      link: FRONT_LINK,
      wire: 'local-api',
      json: envelope,
      http,
    });
    const flat = flattenEnvelope(envelope);
    write(res, {
      status: 400,
      body: flat.ok ? { ...flat.value, error: reason } : { error: reason },
    });
  };

  const poll = (req: IncomingMessage, res: ServerResponse, resource: LocalApiResource): void => {
    const exchange = exchanges.get(resource.path);
    if (exchange) {
      if (isRefused(exchange.saleId)) {
        req.socket.resetAndDestroy();
        return;
      }
      attribute(req.socket, exchange.saleId);
    }
    if (!exchange || exchange.ended) {
      write(res, {
        status: POLL_STATUS.noOperation,
        body: { error: `no active operation on ${resource.path}` },
      });
      return;
    }
    const next = exchange.queue.shift();
    if (!next) {
      write(res, { status: POLL_STATUS.nothingYet });
      return;
    }
    if (next.final) exchange.ended = true;
    const status = next.final
      ? POLL_STATUS.final
      : exchange.queue.length > 0
        ? POLL_STATUS.moreQueued
        : POLL_STATUS.intermediate;
    write(res, { status, body: next.flat });
  };

  const post = async (
    req: IncomingMessage,
    res: ServerResponse,
    resource: LocalApiResource,
  ): Promise<void> => {
    const body = await readBody(req, MAX_FRAME_BYTES);
    if (body.kind === 'gone') return;
    if (body.kind === 'tooLarge') {
      write(res, {
        status: 413,
        body: { error: `the body is larger than ${String(MAX_FRAME_BYTES)} bytes` },
      });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(body.text);
    } catch (error) {
      // JSON.parse throws SyntaxError for bad text and RangeError for absurd nesting.
      const detail = error instanceof Error ? error.message : String(error);
      reject(res, resource, body.text, undefined, `not JSON: ${detail}`);
      return;
    }
    const checked = checkFlatRequest(json, resource);
    if (!checked.ok) {
      reject(res, resource, body.text, json, checked.error);
      return;
    }
    const { saleId, serviceId } = checked.value;
    if (isRefused(saleId)) {
      req.socket.resetAndDestroy();
      return;
    }
    attribute(req.socket, saleId);
    const envelope = JSON.stringify({ SaleToPOIRequest: json });
    const http = (status?: number): { http: HttpExchange } => ({
      http: {
        method: 'POST',
        resource: resource.path,
        ...(status === undefined ? {} : { status }),
      },
    });
    switch (resource.mode) {
      case 'sync': {
        const sale = sales.linkOf(saleId);
        const waiter: Waiter = {
          saleId,
          serviceId,
          res,
          timer: clock.setTimeout(() => {
            finish(waiter, {
              status: 408,
              body: { error: `no answer within ${String(waitMs)} ms` },
            });
          }, waitMs),
        };
        waiters.add(waiter);
        res.once('close', () => {
          if (waiters.delete(waiter)) clock.clearTimeout(waiter.timer);
        });
        sale.deliver(envelope, http());
        return;
      }
      case 'accepted':
        write(res, { status: 202 });
        sales.linkOf(saleId).deliver(envelope, http(202));
        return;
      case 'async': {
        if (resource.path === '/payment' && terminal.paymentRunning()) {
          write(res, {
            status: 403,
            body: { error: `a transaction is already in progress on ${resource.path}` },
          });
          return;
        }
        exchanges.set(resource.path, { saleId, serviceId, queue: [], ended: false });
        write(res, { status: 202 });
        sales.linkOf(saleId).deliver(envelope, http(202));
        return;
      }
    }
  };

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    const path = pathOf(req.url);
    const resource = localApiResourceAt(path);
    const method = req.method ?? 'GET';
    const allowed = resource?.mode === 'async' ? ['POST', 'GET'] : ['POST'];
    const answerNow = (answer: Answer): void => {
      // Drain whatever body came, so the connection can carry the next request.
      req.resume();
      req.once('end', () => write(res, answer));
    };
    if (!resource) {
      answerNow({ status: 404, body: { error: `no Local API resource ${path}` } });
      return;
    }
    if (!allowed.includes(method)) {
      answerNow({
        status: 405,
        body: { error: `${path} takes ${allowed.join(' or ')}` },
        headers: { Allow: allowed.join(', ') },
      });
      return;
    }
    if (method === 'GET') {
      req.resume();
      poll(req, res, resource);
      return;
    }
    void post(req, res, resource);
  };

  const server = createServer(
    {
      headersTimeout: headerTimeoutMs,
      keepAliveTimeout: KEEP_ALIVE_MS,
      requestTimeout: Math.max(headerTimeoutMs, 60_000),
      connectionsCheckingInterval: Math.min(1_000, Math.max(10, headerTimeoutMs / 4)),
    },
    serve,
  );
  server.on('connection', (socket: Socket) => {
    socket.on('error', () => socket.destroy());
    // The payment application is down: nothing answers on its port.
    if (terminal.closed) socket.resetAndDestroy();
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return;
    // Headers that never finished (the header timeout) get 408, anything else unparsable 400.
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      const { port } = server.address() as AddressInfo;
      resolve({
        port,
        url: `http://127.0.0.1:${String(port)}`,
        close: () => shutDown(server, sales, waiters, clock),
      });
    });
  });
}

async function shutDown(
  server: Server,
  sales: SaleLinks,
  waiters: Set<Waiter>,
  clock: Clock,
): Promise<void> {
  for (const waiter of waiters) clock.clearTimeout(waiter.timer);
  waiters.clear();
  sales.closeAll();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
