import type { WebSocket } from 'ws';
import { encodePush, encodeReply, parseCallFrame } from '@shared/ipc/api-frames';
import type { HarnessCore } from '../core/harness';
import { createSendQueueGuard } from '../core/link/send-queue-guard';
import { dispatchCall } from '../core/harness/dispatch';
import type { WebHostLog } from './log';

/** ws's close code for a message over `maxPayload` (RFC 6455 "message too big"). */
const MESSAGE_TOO_BIG = 1009;

/**
 * Serves the HarnessApi on one accepted WebSocket: every text frame is a call answered by a
 * reply; every event batch of the core is a push. A bad frame costs its sender an error reply
 * (or, over the size limit, its socket) and nothing else: the host and other sockets carry on.
 */
export function serveApiSocket(
  socket: WebSocket,
  core: HarnessCore,
  remote: string,
  log: WebHostLog,
): void {
  const reject = (reason: string, closed: boolean): void =>
    log({ event: 'frame-rejected', reason, remote, closed });

  // A page that stops reading (a frozen tab) is cut instead of queueing pushes without bound.
  const guard = createSendQueueGuard(() => socket.bufferedAmount);
  const send = (text: string): void => {
    if (socket.readyState !== socket.OPEN) return;
    socket.send(text);
    const cut = guard.check();
    if (cut === undefined) return;
    log({ event: 'cut', reason: cut.reason, remote });
    socket.terminate();
  };

  const unsubscribe = core.subscribeEvents((batch) => {
    send(encodePush('events:batch', batch));
  });

  socket.on('message', (data, isBinary) => {
    if (isBinary) {
      reject('binary frame', false);
      send(
        encodeReply(null, {
          ok: false,
          error: { kind: 'invalid-request', message: 'frames must be text (JSON)' },
        }),
      );
      return;
    }
    const frame = parseCallFrame(rawText(data));
    if (!frame.ok) {
      reject(frame.error.error.message, false);
      send(encodeReply(frame.error.id, { ok: false, error: frame.error.error }));
      return;
    }
    const { id, channel, payload } = frame.value;
    void dispatchCall(core.calls, channel, payload, (ch, error) =>
      log({
        event: 'bug',
        reason: `${ch}: ${error instanceof Error ? error.stack : String(error)}`,
      }),
    ).then((result) => {
      if (!result.ok && result.error.kind === 'invalid-request')
        reject(result.error.message, false);
      send(encodeReply(id, result));
    });
  });

  // ws reports an oversized frame here and then closes the socket with 1009; without this
  // listener the error would be unhandled and take the whole process down.
  socket.on('error', (error) => {
    const code = (error as Error & { code?: string }).code;
    reject(
      code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        ? `frame over the size limit (closed with ${MESSAGE_TOO_BIG})`
        : error.message,
      true,
    );
  });

  socket.on('close', unsubscribe);
}

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}
