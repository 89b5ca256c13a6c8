import { WebSocket, type RawData } from 'ws';
import type { Link, LinkClosed, LinkId } from '../link/link';

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
  return {
    id,
    wire: 'ws',
    get isOpen() {
      return socket.readyState === WebSocket.OPEN;
    },
    send(text: string) {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
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
      const listener = (code: number, reason: Buffer): void =>
        fn({ code, reason: reason.toString('utf8'), abrupt: code === ABNORMAL_CLOSURE });
      socket.once('close', listener);
      return () => socket.off('close', listener);
    },
  };
}
