import { WebSocket, type RawData } from 'ws';
import type { Link, LinkClosed, LinkId } from '../link/link';
import { createSendQueueGuard } from '../link/send-queue-guard';

/** What a peer reports when the connection vanished without a close frame. */
const ABNORMAL_CLOSURE = 1006;

function toText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/**
 * Adapts an accepted `ws` socket to a `Link`. Binary frames are read as UTF-8 text like any
 * other frame (the simulator then answers them as it answers any text), so a peer that sends
 * binary gets a Reject rather than a dead link.
 */
export function wsServerLink(id: LinkId, socket: WebSocket): Link {
  // ws emits 'error' (then 'close') for protocol violations such as a frame above maxPayload;
  // an EventEmitter without an 'error' listener would throw and take the process down.
  socket.on('error', () => undefined);
  // A peer that stops reading is cut instead of queueing without bound (README "Reliability
  // and limits"); the close is reported with the guard's code and reason, not ws's 1006.
  const guard = createSendQueueGuard(() => socket.bufferedAmount);
  return {
    id,
    wire: 'ws',
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    send(text: string) {
      if (socket.readyState !== WebSocket.OPEN) return;
      socket.send(text);
      if (guard.check() !== undefined) socket.terminate();
    },
    close(code = 1000, reason = '') {
      socket.close(code, reason);
    },
    terminate() {
      socket.terminate();
    },
    onMessage(fn: (text: string) => void) {
      const listener = (data: RawData): void => fn(toText(data));
      socket.on('message', listener);
      return () => socket.off('message', listener);
    },
    onClose(fn: (closed: LinkClosed) => void) {
      const listener = (code: number, reason: Buffer): void => {
        const cut = guard.cut;
        fn(
          cut === undefined
            ? { code, reason: reason.toString('utf8'), abrupt: code === ABNORMAL_CLOSURE }
            : { code: cut.code, reason: cut.reason, abrupt: true, cut: cut.reason },
        );
      };
      socket.once('close', listener);
      return () => socket.off('close', listener);
    },
  };
}
