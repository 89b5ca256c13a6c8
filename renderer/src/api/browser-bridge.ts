import {
  buildHarnessApi,
  isPushChannel,
  type ApiResult,
  type CallChannel,
  type PushChannel,
} from '@shared/ipc';
import { callSchemas, describeIssues, pushSchemas } from '@shared/ipc/schemas';
import {
  encodeCall,
  parseServerFrame,
  utf8ByteLength,
  type PushFrame,
  type ReplyFrame,
} from '@shared/ipc/api-frames';
import { MAX_FRAME_BYTES } from '@shared/protocol/limits';
import { err } from '@shared/result';
import type { Clock, TimerId } from '@shared/time/clock';
import type { ApiAdapter, ConnectionState } from './adapter';
import { DEFAULT_BACKOFF, reconnectDelay, type BackoffPolicy } from './backoff';

/** Options of {@link createBrowserBridge}. */
export interface BrowserBridgeOptions {
  /** `ws://HOST:PORT/api?token=...` */
  readonly url: string;
  readonly clock: Clock;
  /** Uniform in [0, 1), for reconnect jitter. */
  readonly random: () => number;
  readonly backoff?: BackoffPolicy;
  /** Opens a socket; the page's WebSocket unless a test says otherwise. */
  readonly createSocket?: (url: string) => WebSocket;
  /** Told about frames from the host that break the protocol (they are dropped). */
  readonly onProtocolError?: (message: string) => void;
}

type SocketEvent = 'open' | 'close' | 'retry';

/** The connection's transitions; anything not listed leaves the state as it is. */
const TRANSITIONS: Readonly<
  Record<ConnectionState, Partial<Readonly<Record<SocketEvent, ConnectionState>>>>
> = {
  connecting: { open: 'connected', close: 'lost' },
  connected: { close: 'lost' },
  lost: { retry: 'reconnecting' },
  reconnecting: { open: 'connected', close: 'lost' },
};

interface PendingCall {
  readonly channel: CallChannel;
  readonly resolve: (result: ApiResult<unknown>) => void;
}

const disconnected = (message: string): ApiResult<never> => err({ kind: 'disconnected', message });

/**
 * Browser mode's adapter: the HarnessApi over the host's WebSocket, carrying the page's token.
 * It reconnects with backoff for as long as the page lives; calls made while it is not connected
 * (and calls in flight when it drops) resolve to a `disconnected` error value, never hang.
 * Everything the host sends is validated against the contract before the app sees it.
 */
export function createBrowserBridge(options: BrowserBridgeOptions): ApiAdapter {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const protocolError = options.onProtocolError ?? (() => undefined);
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<PushChannel, Set<(payload: unknown) => void>>();
  let state: ConnectionState = 'connecting';
  let report: (state: ConnectionState) => void = () => undefined;
  let socket: WebSocket | undefined;
  let retryTimer: TimerId | undefined;
  let attempt = 0;
  let nextId = 1;
  let disposed = false;

  const move = (event: SocketEvent): void => {
    const next = TRANSITIONS[state][event];
    if (next === undefined || next === state) return;
    state = next;
    if (state === 'connected') attempt = 0;
    if (state === 'lost') scheduleRetry();
    report(state);
  };

  const scheduleRetry = (): void => {
    const delay = reconnectDelay(attempt++, options.random(), backoff);
    retryTimer = options.clock.setTimeout(() => {
      retryTimer = undefined;
      move('retry');
      open();
    }, delay);
  };

  const failPending = (): void => {
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls)
      call.resolve(disconnected(`${call.channel}: the connection to the harness dropped`));
  };

  const onReply = (frame: ReplyFrame): void => {
    const call = frame.id === null ? undefined : pending.get(frame.id);
    if (call === undefined) {
      protocolError(
        frame.result.ok
          ? `reply to unknown call ${String(frame.id)}`
          : `the host rejected a frame: ${frame.result.error.message}`,
      );
      return;
    }
    pending.delete(frame.id!);
    if (!frame.result.ok) {
      call.resolve(frame.result);
      return;
    }
    const value = callSchemas[call.channel].response.safeParse(frame.result.value);
    call.resolve(
      value.success
        ? { ok: true, value: value.data }
        : err({
            kind: 'internal',
            message: `${call.channel}: the core's answer breaks the contract (${describeIssues(value.error)})`,
          }),
    );
  };

  const onPush = (frame: PushFrame): void => {
    if (!isPushChannel(frame.channel)) {
      protocolError(`push on unknown channel ${frame.channel}`);
      return;
    }
    const payload = pushSchemas[frame.channel].safeParse(frame.payload);
    if (!payload.success) {
      protocolError(`${frame.channel}: ${describeIssues(payload.error)}`);
      return;
    }
    for (const listener of [...(listeners.get(frame.channel) ?? [])]) listener(payload.data);
  };

  const onMessage = (event: MessageEvent): void => {
    if (typeof event.data !== 'string') {
      protocolError('binary frame from the host');
      return;
    }
    const frame = parseServerFrame(event.data);
    if (!frame.ok) protocolError(frame.error);
    else if (frame.value.type === 'reply') onReply(frame.value);
    else onPush(frame.value);
  };

  const open = (): void => {
    if (disposed) return;
    const current = createSocket(options.url);
    socket = current;
    current.addEventListener('open', () => {
      if (socket === current) move('open');
    });
    current.addEventListener('message', (event: MessageEvent) => {
      if (socket === current) onMessage(event);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = undefined;
      failPending();
      move('close');
    });
  };

  const call = (channel: CallChannel, payload: unknown): Promise<ApiResult<unknown>> => {
    if (state !== 'connected' || socket === undefined)
      return Promise.resolve(disconnected(`${channel}: not connected to the harness (${state})`));
    const id = nextId++;
    const text = encodeCall(id, channel, payload);
    if (utf8ByteLength(text) > MAX_FRAME_BYTES)
      return Promise.resolve(
        err({
          kind: 'invalid-request',
          message: `${channel}: request over ${MAX_FRAME_BYTES} bytes`,
        }),
      );
    const current = socket;
    return new Promise((resolve) => {
      pending.set(id, { channel, resolve });
      current.send(text);
    });
  };

  const api = buildHarnessApi({
    call,
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      listeners.set(channel, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  });

  return {
    mode: 'browser',
    api,
    connect(onState) {
      if (disposed || socket !== undefined) return;
      report = onState;
      report(state);
      open();
    },
    dispose() {
      disposed = true;
      report = () => undefined;
      if (retryTimer !== undefined) options.clock.clearTimeout(retryTimer);
      const current = socket;
      socket = undefined;
      failPending();
      current?.close(1000, 'page closed');
    },
  };
}
