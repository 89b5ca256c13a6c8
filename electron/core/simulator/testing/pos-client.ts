import { WebSocket } from 'ws';
import { decode } from '@shared/protocol';
import type { Dialer, Link, LinkClosed } from '../../link/link';

/** One frame the simulator sent, parsed, with shortcuts into its header and body. */
export interface Frame {
  readonly text: string;
  readonly json: unknown;
  readonly wrapper: string;
  readonly messageClass: string;
  readonly category: string;
  readonly type: string;
  readonly serviceId: string | undefined;
  readonly bodyName: string;
  /** A value at a dotted path inside the message, e.g. `PaymentResponse.Response.Result`. */
  get(path: string): unknown;
  /** Response.Result of a response body. */
  readonly result: unknown;
  /** Response.ErrorCondition of a response body. */
  readonly errorCondition: unknown;
}

/** Reads a dotted path (`a.b.0.c`) from a JSON value. */
export function at(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

function parseFrame(text: string): Frame {
  const json: unknown = JSON.parse(text);
  const wrapper = typeof json === 'object' && json !== null ? (Object.keys(json)[0] ?? '') : '';
  const message = at(json, wrapper);
  const header = (n: string): string => String(at(message, `MessageHeader.${n}`));
  const category = header('MessageCategory');
  const type = header('MessageType');
  const bodyName = `${category}${type}`;
  const serviceId = at(message, 'MessageHeader.ServiceID');
  return {
    text,
    json,
    wrapper,
    messageClass: header('MessageClass'),
    category,
    type,
    serviceId: typeof serviceId === 'string' ? serviceId : undefined,
    bodyName,
    get: (path) => at(message, path),
    result: at(message, `${bodyName}.Response.Result`),
    errorCondition: at(message, `${bodyName}.Response.ErrorCondition`),
  };
}

export type FramePredicate = (frame: Frame) => boolean;

/** Frame predicates the tests read well with. */
export const is = {
  response:
    (category: string, serviceId?: string): FramePredicate =>
    (f) =>
      f.type === 'Response' &&
      f.category === category &&
      (serviceId === undefined || f.serviceId === serviceId),
  display:
    (text?: string): FramePredicate =>
    (f) =>
      f.category === 'Display' &&
      (text === undefined ||
        f.get('DisplayRequest.DisplayOutput.0.OutputContent.OutputText.0.Text') === text),
  event:
    (eventToNotify?: string): FramePredicate =>
    (f) =>
      f.category === 'Event' &&
      (eventToNotify === undefined || f.get('EventNotification.EventToNotify') === eventToNotify),
};

/**
 * The frames one POS received, in order, with a cursor: `next()` takes the very next frame
 * (so a test can prove nothing else came first), `until(p)` skips to the first frame matching.
 * Every frame is also decoded by the protocol core; `problems` lists any it refused.
 */
export class FrameQueue {
  readonly all: Frame[] = [];
  readonly problems: string[] = [];
  private cursor = 0;
  private waiter: (() => void) | undefined;

  push(text: string): void {
    const decoded = decode(text);
    if (!decoded.ok)
      this.problems.push(`${decoded.error.path}: ${decoded.error.reason} in ${text}`);
    this.all.push(parseFrame(text));
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** The next frame, whatever it is. */
  async next(): Promise<Frame> {
    for (;;) {
      const frame = this.all[this.cursor];
      if (frame) {
        this.cursor += 1;
        return frame;
      }
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** The first frame from the cursor on that matches (frames skipped on the way are passed). */
  async until(predicate: FramePredicate): Promise<Frame> {
    for (;;) {
      const frame = await this.next();
      if (predicate(frame)) return frame;
    }
  }

  /** Frames received but not yet taken. */
  pending(): Frame[] {
    return this.all.slice(this.cursor);
  }
}

/** A test POS on one link: send JSON or raw text, read frames, see the close. */
export interface TestPos {
  readonly frames: FrameQueue;
  send(message: unknown): void;
  sendText(text: string): void;
  /** Sends raw bytes as a text or binary frame (over WebSocket; memory links carry text only). */
  sendBytes(bytes: Buffer, binary: boolean): void;
  /** Resolves with the close the POS saw. */
  readonly closed: Promise<LinkClosed>;
  close(): void;
  readonly isOpen: boolean;
}

/** Connects a POS over a real WebSocket. */
export function connectPos(url: string): Promise<TestPos> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const frames = new FrameQueue();
    const closed = new Promise<LinkClosed>((resolveClosed) => {
      socket.on('close', (code, reason) =>
        resolveClosed({ code, reason: reason.toString(), abrupt: code === 1006 }),
      );
    });
    socket.on('message', (data: Buffer) => frames.push(data.toString('utf8')));
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        frames,
        send: (message) => socket.send(JSON.stringify(message)),
        sendText: (text) => socket.send(text),
        sendBytes: (bytes, binary) => socket.send(bytes, { binary }),
        closed,
        close: () => socket.close(),
        get isOpen() {
          return socket.readyState === WebSocket.OPEN;
        },
      }),
    );
  });
}

/** Connects a POS through an in-memory dialer. */
export async function dialPos(dialer: Dialer): Promise<TestPos> {
  const dialed = await dialer();
  if (!dialed.ok) throw new Error(dialed.error);
  const link: Link = dialed.value;
  const frames = new FrameQueue();
  link.onMessage((text) => frames.push(text));
  const closed = new Promise<LinkClosed>((resolve) => link.onClose(resolve));
  return {
    frames,
    send: (message) => link.send(JSON.stringify(message)),
    sendText: (text) => link.send(text),
    sendBytes: (bytes) => link.send(bytes.toString('utf8')),
    closed,
    close: () => link.close(),
    get isOpen() {
      return link.isOpen;
    },
  };
}
