/** Identifies one connection between a POS and a payment application. */
export type LinkId = string & { readonly __brand: 'LinkId' };

/** How a link ended: `abrupt` when it was cut without a close frame (a dropped link). */
export interface LinkClosed {
  readonly code: number;
  readonly reason: string;
  readonly abrupt: boolean;
}

/**
 * One end of a bidirectional text-frame connection: a WebSocket in the app and the CLI, an
 * in-memory pair in fast virtual-time runs. Both ends of the harness (client and simulator) speak
 * only this, so neither knows which transport carries it.
 */
export interface Link {
  readonly id: LinkId;
  /** Sends one text frame. Ignored once the link is closed. */
  send(text: string): void;
  /** Closes gracefully with a close code. */
  close(code?: number, reason?: string): void;
  /** Cuts the link without a close frame, as when a cable or an IPC channel drops. */
  terminate(): void;
  /** Subscribes to inbound frames; returns the unsubscribe function. */
  onMessage(fn: (text: string) => void): () => void;
  /** Subscribes to the end of the link (fires once); returns the unsubscribe function. */
  onClose(fn: (closed: LinkClosed) => void): () => void;
  readonly isOpen: boolean;
}

/** Opens a new link to the payment application; an expected failure is a value. */
export type Dialer = () => Promise<{ ok: true; value: Link } | { ok: false; error: string }>;
