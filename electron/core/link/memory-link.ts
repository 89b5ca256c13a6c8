import type { FrameMeta, Link, LinkClosed, LinkId } from './link';

/** Normal closure, as WebSocket defines it. */
const NORMAL_CLOSURE = 1000;
/** What a WebSocket peer reports when the connection vanished without a close frame. */
const ABNORMAL_CLOSURE = 1006;

class MemoryEnd implements Link {
  peer!: MemoryEnd;
  private readonly messageListeners = new Set<(text: string, meta?: FrameMeta) => void>();
  private readonly closeListeners = new Set<(closed: LinkClosed) => void>();
  private open = true;

  constructor(readonly id: LinkId) {}

  get isOpen(): boolean {
    return this.open;
  }

  send(text: string): void {
    this.deliver(text, undefined);
  }

  sendValue(text: string, value: unknown): void {
    this.deliver(text, { value });
  }

  private deliver(text: string, meta: FrameMeta | undefined): void {
    if (!this.open) return;
    const peer = this.peer;
    // Delivered on a later microtask, like a network frame: never re-entrant into the sender.
    queueMicrotask(() => {
      if (peer.open) for (const fn of [...peer.messageListeners]) fn(text, meta);
    });
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
    this.closeListeners.add(fn);
    return () => this.closeListeners.delete(fn);
  }

  private end(closed: LinkClosed): void {
    if (!this.open) return;
    this.open = false;
    this.peer.open = false;
    const mine = [...this.closeListeners];
    const theirs = [...this.peer.closeListeners];
    queueMicrotask(() => {
      for (const fn of mine) fn(closed);
      for (const fn of theirs) fn(closed);
    });
  }
}

/** Two connected in-memory link ends, for fast virtual-time runs and tests. */
export function createMemoryLinkPair(id: string): { readonly client: Link; readonly server: Link } {
  const client = new MemoryEnd(id as LinkId);
  const server = new MemoryEnd(id as LinkId);
  client.peer = server;
  server.peer = client;
  return { client, server };
}
