import { connect, type Socket } from 'node:net';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import type { Dialer, FrameRefusal, Link, LinkClosed, LinkId } from './link';
import { FrameDecoder, encodeFrame } from './length-prefix';
import { createSendQueueGuard } from './send-queue-guard';

/** Close codes in the WebSocket vocabulary the rest of the harness already reads. */
const NORMAL_CLOSURE = 1000;
const ABNORMAL_CLOSURE = 1006;
const MESSAGE_TOO_BIG = 1009;

/**
 * nexo over TCP as a {@link Link}: length-prefixed frames (`length-prefix.ts`) on one socket, for
 * the client's dialer and the simulator's TCP front alike. TCP has no close frame: `close` sends
 * a FIN, `terminate` a reset (RST), as a pulled cable does.
 */
export class TcpLink implements Link {
  readonly wire = 'tcp' as const;
  private readonly messageListeners = new Set<(text: string) => void>();
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private readonly refusalListeners = new Set<(refusal: FrameRefusal) => void>();
  private readonly decoder: FrameDecoder;
  private closed: LinkClosed | undefined;
  /** How this side ended it, reported when the socket has closed. */
  private ending: LinkClosed | undefined;
  private failed = false;
  private readonly guard = createSendQueueGuard(() => this.socket.writableLength);

  constructor(
    readonly id: LinkId,
    private readonly socket: Socket,
    private readonly maxFrameBytes = MAX_FRAME_BYTES,
  ) {
    this.decoder = new FrameDecoder(maxFrameBytes);
    socket.setNoDelay(true);
    socket.on('data', (segment: Buffer) => this.onData(segment));
    // An error (a reset by the peer, a write after it left) is always followed by 'close';
    // listening keeps it from crashing the process.
    socket.on('error', () => {
      this.failed = true;
    });
    socket.on('close', () => {
      const abrupt = this.failed && this.ending === undefined;
      this.end(
        this.ending ?? {
          code: abrupt ? ABNORMAL_CLOSURE : NORMAL_CLOSURE,
          reason: abrupt ? 'connection reset' : '',
          abrupt,
        },
      );
    });
  }

  get isOpen(): boolean {
    return this.closed === undefined && this.ending === undefined && !this.socket.destroyed;
  }

  send(text: string): void {
    if (!this.isOpen) return;
    this.socket.write(encodeFrame(text));
    // A peer that stops reading is cut instead of queueing without bound (README "Reliability
    // and limits").
    const cut = this.guard.check();
    if (cut === undefined) return;
    this.ending = { code: cut.code, reason: cut.reason, abrupt: true, cut: cut.reason };
    this.socket.destroy();
  }

  close(code = NORMAL_CLOSURE, reason = ''): void {
    if (!this.isOpen) return;
    this.ending = { code, reason, abrupt: false };
    this.socket.end();
  }

  terminate(): void {
    if (this.closed) return;
    this.ending = { code: ABNORMAL_CLOSURE, reason: 'connection reset', abrupt: true };
    this.socket.resetAndDestroy();
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

  onRefusal(fn: (refusal: FrameRefusal) => void): () => void {
    this.refusalListeners.add(fn);
    return () => this.refusalListeners.delete(fn);
  }

  private onData(segment: Buffer): void {
    for (const decoded of this.decoder.push(segment)) {
      if (this.closed) return;
      if (decoded.kind === 'frame') {
        for (const fn of [...this.messageListeners]) fn(decoded.text);
        continue;
      }
      // The stream cannot be framed any more: tell the listeners (the simulator answers with a
      // Reject, which is written before the FIN), then close.
      const refusal = { declaredBytes: decoded.declaredBytes, limitBytes: this.maxFrameBytes };
      for (const fn of [...this.refusalListeners]) fn(refusal);
      this.close(
        MESSAGE_TOO_BIG,
        `frame of ${String(decoded.declaredBytes)} bytes over the ${String(this.maxFrameBytes)}-byte limit`,
      );
    }
  }

  private end(closed: LinkClosed): void {
    if (this.closed) return;
    this.closed = closed;
    for (const fn of [...this.closeListeners]) fn(closed);
    this.closeListeners.clear();
    this.messageListeners.clear();
    this.refusalListeners.clear();
  }
}

export interface TcpDialerOptions {
  /** Prefix of the link ids (`pos-1`, `pos-2`, ...). */
  readonly idPrefix?: string;
  /** Real-time limit of the TCP connect, in ms. */
  readonly connectTimeoutMs?: number;
}

let nextLink = 1;

/**
 * Dials nexo over TCP at `host:port`; every call opens a new socket. A refused, reset or timed
 * out connection is an error value, never an exception.
 */
export function tcpDialer(host: string, port: number, options: TcpDialerOptions = {}): Dialer {
  const prefix = options.idPrefix ?? 'pos';
  const timeoutMs = options.connectTimeoutMs ?? 10_000;
  return () =>
    new Promise((resolve) => {
      const socket = connect({ host, port });
      const fail = (reason: string): void => {
        socket.destroy();
        resolve({ ok: false, error: reason });
      };
      // Socket timeouts run on Node's own timers: the connect limit is transport plumbing.
      socket.setTimeout(timeoutMs, () => fail(`no TCP connection to ${host}:${String(port)}`));
      socket.once('error', (error) => fail(error.message));
      socket.once('connect', () => {
        socket.setTimeout(0);
        socket.removeAllListeners('error');
        socket.removeAllListeners('timeout');
        resolve({
          ok: true,
          value: new TcpLink(`${prefix}-${String(nextLink++)}` as LinkId, socket),
        });
      });
    });
}
