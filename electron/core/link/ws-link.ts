import WebSocket from 'ws';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import type { Dialer, Link, LinkClosed, LinkId } from './link';
import { createSendQueueGuard } from './send-queue-guard';

/** What a WebSocket peer reports when the connection vanished without a close frame. */
const ABNORMAL_CLOSURE = 1006;

let nextLink = 1;

/** Adapts an open `ws` socket to {@link Link}. */
class WsLink implements Link {
  readonly wire = 'ws' as const;
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private closed: LinkClosed | undefined;
  /** A payment application that stops reading is cut (README "Reliability and limits"). */
  private readonly guard = createSendQueueGuard(() => this.socket.bufferedAmount);

  constructor(
    readonly id: LinkId,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data) => {
      // One nexo message per text frame; a binary frame is passed on as text so the client
      // can report it as malformed instead of losing it.
      const text = Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.from(data).toString('utf8');
      for (const fn of [...this.messageListeners]) fn(text);
    });
    socket.on('close', (code, reason) => {
      const cut = this.guard.cut;
      this.end(
        cut === undefined
          ? { code, reason: reason.toString('utf8'), abrupt: code === ABNORMAL_CLOSURE }
          : { code: cut.code, reason: cut.reason, abrupt: true, cut: cut.reason },
      );
    });
    // An error is always followed by 'close'; listening keeps it from crashing the process.
    socket.on('error', () => undefined);
  }

  get isOpen(): boolean {
    return this.closed === undefined && this.socket.readyState === WebSocket.OPEN;
  }

  send(text: string): void {
    if (!this.isOpen) return;
    this.socket.send(text);
    if (this.guard.check() !== undefined) this.socket.terminate();
  }

  close(code = 1000, reason = ''): void {
    if (this.closed) return;
    this.socket.close(code, reason);
  }

  terminate(): void {
    if (this.closed) return;
    this.socket.terminate();
  }

  onMessage(fn: (text: string) => void): () => void {
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

  private end(closed: LinkClosed): void {
    if (this.closed) return;
    this.closed = closed;
    for (const fn of [...this.closeListeners]) fn(closed);
    this.closeListeners.clear();
    this.messageListeners.clear();
  }
}

export interface WsDialerOptions {
  /** Prefix of the link ids (`pos-1`, `pos-2`, ...). */
  readonly idPrefix?: string;
  /** Real-time limit of the opening handshake, in ms (ws runs it on Node's own timers). */
  readonly handshakeTimeoutMs?: number;
}

/**
 * Dials the payment application at `url` (e.g. `ws://127.0.0.1:PORT/nexo`); every call opens a
 * new WebSocket link. A refused or failed connection is an error value, never an exception.
 */
export function wsDialer(url: string, options: WsDialerOptions = {}): Dialer {
  const prefix = options.idPrefix ?? 'pos';
  return () =>
    new Promise((resolve) => {
      let socket: WebSocket;
      try {
        socket = new WebSocket(url, {
          // Larger frames close the link (1009): the budget every edge shares.
          maxPayload: MAX_FRAME_BYTES,
          handshakeTimeout: options.handshakeTimeoutMs ?? 10_000,
        });
      } catch (error) {
        // An invalid URL throws synchronously.
        resolve({ ok: false, error: (error as Error).message });
        return;
      }
      let settled = false;
      const fail = (reason: string): void => {
        if (settled) return;
        settled = true;
        resolve({ ok: false, error: reason });
      };
      socket.once('open', () => {
        if (settled) return;
        settled = true;
        resolve({ ok: true, value: new WsLink(`${prefix}-${nextLink++}` as LinkId, socket) });
      });
      socket.once('error', (error) => fail(error.message));
      socket.once('unexpected-response', (_request, response) => {
        fail(`unexpected HTTP ${response.statusCode ?? '?'} from ${url}`);
        socket.terminate();
      });
      socket.once('close', (code) => fail(`closed during the handshake (${code})`));
    });
}
