import { Agent, request as httpRequest, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Endpoint } from '@shared/link/endpoint';
import {
  POLL_STATUS,
  flatHeader,
  flattenEnvelope,
  localApiResourceFor,
  wrapFlat,
  type LocalApiResource,
} from '@shared/link/local-api';
import type { Clock, TimerId } from '@shared/time/clock';
import type { HttpExchange } from '@shared/trace/events';
import { RealClock } from '../time/real-clock';
import type { Dialer, FrameMeta, Link, LinkClosed, LinkId } from './link';

/** What a peer reports when the link vanished (a refused or reset connection). */
const ABNORMAL_CLOSURE = 1006;
const NORMAL_CLOSURE = 1000;
/** Largest answer body read (the frame limit with headroom, as on the WebSocket link). */
const MAX_ANSWER_BYTES = 2 * 1024 * 1024;

export interface LocalApiDialerOptions {
  /** Prefix of the link ids (`pos-1`, `pos-2`, ...). */
  readonly idPrefix?: string;
  /** The pause before the next GET after 201 or 204 (206 polls again at once). Default 250 ms. */
  readonly pollIntervalMs?: number;
  /** A resource whose exchange has not ended by then is no longer polled. Default 10 minutes. */
  readonly pollGiveUpMs?: number;
  /** Runs the polling pauses (default: real time). */
  readonly clock?: Clock;
  /** Real-time limit of the reachability check when dialing, in ms. */
  readonly connectTimeoutMs?: number;
}

/** POST answered "a transaction is already in progress on this resource". */
const IN_PROGRESS = 403;

let nextLink = 1;

/** The Failure/Busy response a 403 stands for, addressed as the request was. */
function busyAnswer(requestText: string, replyText: string): Readonly<Record<string, unknown>> {
  const request = safeParse(requestText) as Readonly<Record<string, unknown>>;
  const header = flatHeader(request) ?? {};
  const category = String(header.MessageCategory);
  const reason = (safeParse(replyText) as { error?: unknown } | undefined)?.error;
  return {
    MessageHeader: { ...header, MessageType: 'Response' },
    [`${category}Response`]: {
      Response: {
        Result: 'Failure',
        ErrorCondition: 'Busy',
        AdditionalResponse: `HTTP 403${typeof reason === 'string' ? `: ${reason}` : ''}`,
      },
    },
  };
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

/** A network failure of one exchange: the link is lost (README "Faults by wire"). */
class LinkLost extends Error {}

/**
 * The reference client's side of Market Pay's Local API (README "Local API over HTTP"): each
 * request envelope becomes a POST of its flat message to its resource; a synchronous answer, and
 * every message a GET of an async resource returns, comes back as one inbound envelope, so the
 * client and its session manager see the same stream as on every other wire. A refused or reset
 * connection ends the link abruptly, like a dropped socket.
 */
class LocalApiLink implements Link {
  readonly wire = 'local-api' as const;
  private readonly messageListeners = new Set<(text: string, meta?: FrameMeta) => void>();
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private closed: LinkClosed | undefined;
  private readonly agent = new Agent({ keepAlive: true });
  /** The poll loop of each async resource; a new POST there replaces it. */
  private readonly polls = new Map<string, { generation: number; timer?: TimerId }>();
  private generation = 0;
  private readonly watched = new WeakSet<Socket>();
  private readonly prefix: string;

  constructor(
    readonly id: LinkId,
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
    private readonly pollIntervalMs: number,
    private readonly pollGiveUpMs: number,
  ) {
    this.prefix = endpoint.path.replace(/\/+$/, '');
  }

  get isOpen(): boolean {
    return this.closed === undefined;
  }

  send(text: string): void {
    if (!this.isOpen) return;
    const flat = flattenEnvelope(safeParse(text));
    const category = flat.ok ? flatHeader(flat.value)?.MessageCategory : undefined;
    const resource = typeof category === 'string' ? localApiResourceFor(category) : undefined;
    // A message the Local API has no resource for cannot travel on this wire.
    if (!flat.ok || !resource) return;
    void this.post(resource, JSON.stringify(flat.value)).catch((error: unknown) =>
      this.lost(error),
    );
  }

  close(code = NORMAL_CLOSURE, reason = ''): void {
    this.end({ code, reason, abrupt: false });
  }

  terminate(): void {
    this.end({ code: ABNORMAL_CLOSURE, reason: '', abrupt: true });
  }

  onMessage(fn: (text: string, meta?: FrameMeta) => void): () => void {
    this.messageListeners.add(fn);
    return () => this.messageListeners.delete(fn);
  }

  onClose(fn: (closed: LinkClosed) => void): () => void {
    if (this.closed) {
      const closed = this.closed;
      queueMicrotask(() => fn(closed));
      return () => undefined;
    }
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  private async post(resource: LocalApiResource, body: string): Promise<void> {
    const path = resource.path;
    const reply = await this.exchange('POST', path, body);
    if (!this.isOpen) return;
    if (resource.mode === 'async' && reply.status === 202) {
      // The terminal took a new transaction there: polling now collects that one.
      this.stopPolling(path);
      this.poll(path, this.startPolling(path), this.clock.now());
      return;
    }
    if (reply.status === IN_PROGRESS) {
      // Market Pay's 403 says what nexo's Failure/Busy says: another transaction runs there.
      this.deliverFlat(busyAnswer(body, reply.body), {
        method: 'POST',
        resource: path,
        status: reply.status,
      });
      return;
    }
    // The sync answer (200), or a Reject (400): whatever nexo message came back is inbound.
    this.deliverBody(reply, { method: 'POST', resource: path, status: reply.status });
  }

  private startPolling(path: string): number {
    this.generation += 1;
    this.polls.set(path, { generation: this.generation });
    return this.generation;
  }

  private stopPolling(path: string): void {
    const current = this.polls.get(path);
    if (current?.timer !== undefined) this.clock.clearTimeout(current.timer);
    this.polls.delete(path);
  }

  private polling(path: string, generation: number): boolean {
    return this.isOpen && this.polls.get(path)?.generation === generation;
  }

  /** One GET of the poll loop; Market Pay's table says what comes next. */
  private poll(path: string, generation: number, startedAt: number): void {
    if (!this.polling(path, generation)) return;
    if (this.clock.now() - startedAt >= this.pollGiveUpMs) {
      this.polls.delete(path);
      return;
    }
    const again = (delayMs: number): void => {
      if (!this.polling(path, generation)) return;
      if (delayMs === 0) {
        this.poll(path, generation, startedAt);
        return;
      }
      const timer = this.clock.setTimeout(() => this.poll(path, generation, startedAt), delayMs);
      this.polls.set(path, { generation, timer });
    };
    this.exchange('GET', path)
      .then((reply) => {
        if (!this.polling(path, generation)) return;
        const http = { method: 'GET', resource: path, status: reply.status };
        switch (reply.status) {
          case POLL_STATUS.final:
            this.polls.delete(path);
            this.deliverBody(reply, http);
            return;
          case POLL_STATUS.moreQueued:
            this.deliverBody(reply, http);
            again(0);
            return;
          case POLL_STATUS.intermediate:
            this.deliverBody(reply, http);
            again(this.pollIntervalMs);
            return;
          case POLL_STATUS.noOperation:
            this.polls.delete(path);
            return;
          default:
            // 204 nothing yet; 408 or 500 are the terminal's trouble, not the end of the exchange.
            again(this.pollIntervalMs);
        }
      })
      .catch((error: unknown) => this.lost(error));
  }

  private deliverBody(reply: Reply, http: HttpExchange): void {
    if (reply.body === '') return;
    const json = safeParse(reply.body);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) return;
    const flat = json as Readonly<Record<string, unknown>>;
    if (!flatHeader(flat)) return;
    // The Local API's own `error` member beside a Reject is not part of the nexo message.
    const { error: _error, ...message } = flat;
    this.deliverFlat(message, http);
  }

  private deliverFlat(flat: Readonly<Record<string, unknown>>, http: HttpExchange): void {
    const text = JSON.stringify(wrapFlat(flat));
    for (const fn of [...this.messageListeners]) fn(text, { http });
  }

  /**
   * The terminal resets a POS's idle keep-alive connections when it restarts or drops that POS
   * (README "Faults by wire"): a reset, unlike a graceful close, means the link is gone.
   */
  private watch(socket: Socket): void {
    if (this.watched.has(socket)) return;
    this.watched.add(socket);
    socket.once('close', (hadError) => {
      if (hadError) this.lost(new Error('connection reset by the terminal'));
    });
  }

  private exchange(method: 'GET' | 'POST', path: string, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = httpRequest(
        {
          host: this.endpoint.host,
          port: this.endpoint.port,
          method,
          path: `${this.prefix}${path}${this.endpoint.search}`,
          agent: this.agent,
          headers:
            body === undefined
              ? {}
              : {
                  'Content-Type': 'application/json; charset=utf-8',
                  'Content-Length': String(Buffer.byteLength(body)),
                },
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
          });
          response.on('error', (error) => reject(new LinkLost(error.message)));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      request.on('error', (error) => reject(new LinkLost(error.message)));
      request.on('socket', (socket) => this.watch(socket));
      request.end(body);
    });
  }

  private lost(error: unknown): void {
    if (!this.isOpen) return;
    const reason = error instanceof Error ? error.message : String(error);
    this.end({ code: ABNORMAL_CLOSURE, reason, abrupt: true });
  }

  private end(closed: LinkClosed): void {
    if (this.closed) return;
    this.closed = closed;
    for (const path of [...this.polls.keys()]) this.stopPolling(path);
    this.agent.destroy();
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    this.messageListeners.clear();
    for (const fn of listeners) fn(closed);
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Dials a Local API terminal at `endpoint` (`http://HOST:PORT[/prefix]`). HTTP has no lasting
 * connection, so dialing checks that the port takes a connection (refused = an error value, as
 * for a socket) and every call returns a new link.
 */
export function localApiDialer(endpoint: Endpoint, options: LocalApiDialerOptions = {}): Dialer {
  const prefix = options.idPrefix ?? 'pos';
  const clock = options.clock ?? new RealClock();
  return () =>
    new Promise((resolve) => {
      const socket = connect({ host: endpoint.host, port: endpoint.port });
      socket.setTimeout(options.connectTimeoutMs ?? 10_000, () =>
        socket.destroy(new Error(`no answer from ${endpoint.url}`)),
      );
      socket.once('connect', () => {
        socket.destroy();
        resolve({
          ok: true,
          value: new LocalApiLink(
            `${prefix}-${String(nextLink++)}` as LinkId,
            endpoint,
            clock,
            options.pollIntervalMs ?? 250,
            options.pollGiveUpMs ?? 600_000,
          ),
        });
      });
      socket.once('error', (error) => resolve({ ok: false, error: error.message }));
    });
}
