import type { Wire } from '@shared/link/endpoint';
import type { HttpExchange } from '@shared/trace/events';

/** What a link knows about how one frame travelled (the HTTP exchange that carried it). */
export interface FrameMeta {
  readonly http?: HttpExchange;
  /**
   * The frame's JSON value as its sender built it (the text is its `JSON.stringify`), handed
   * over by the in-memory link so the receiver checks it instead of parsing the text again
   * (README "Performance: last measured values"). Shared with the sender: nobody changes it.
   */
  readonly value?: unknown;
}

/** How a link is cut: an HTTP front also refuses the peer for `refuseMs` (README "Faults by wire"). */
export interface TerminateOptions {
  readonly refuseMs?: number;
}

/** Identifies one connection between a POS and a payment application. */
export type LinkId = string & { readonly __brand: 'LinkId' };

/** How a link ended: `abrupt` when it was cut without a close frame (a dropped link). */
export interface LinkClosed {
  readonly code: number;
  readonly reason: string;
  readonly abrupt: boolean;
  /** Set when this side cut the link itself, e.g. a peer past its send queue: why. */
  readonly cut?: string;
}

/**
 * A frame the transport would not read: its declared length is over the frame limit, so the
 * stream can no longer be trusted (README "Wires"). The link closes right after its listeners ran,
 * so what they send (a Reject) still goes out first.
 */
export interface FrameRefusal {
  readonly declaredBytes: number;
  readonly limitBytes: number;
}

/**
 * The peer answered a frame with something that is no nexo message: an HTTP error status, a
 * refused TLS certificate, an encrypted answer that does not open (README "Terminal API wire").
 * Without it such an answer would pass unseen until the session rules' timeout.
 */
export interface PeerRefusal {
  /** Machine name: `http-401`, `http-500`, `tls-certificate`, `answer-not-decrypted`. */
  readonly reason: string;
  /** The sentence the timeline shows, e.g. `terminal answered HTTP 401 Unauthorized: …`. */
  readonly detail: string;
  /** The refused request, when the link knows which one it was. */
  readonly serviceId?: string;
  readonly category?: string;
  readonly saleId?: string;
}

/**
 * One end of a bidirectional connection that carries whole nexo envelopes as JSON text: a
 * WebSocket, a TCP socket with length-prefixed frames, an HTTP wire adapted to the same shape, an
 * in-memory pair in fast virtual-time runs. Both ends of the harness (client and simulator) speak
 * only this, so neither knows which transport carries it (DESIGN §5).
 */
export interface Link {
  readonly id: LinkId;
  /** The wire that carries it, recorded on its trace events; absent for in-memory links. */
  readonly wire?: Wire;
  /**
   * True while its frames travel under NexoCrypto (README "Terminal API wire"): the frames it
   * hands over and takes are the clear messages, and trace events say they were encrypted.
   */
  readonly encrypted?: boolean;
  /** Sends one text frame. Ignored once the link is closed. */
  send(text: string): void;
  /**
   * Sends a frame built as `value` whose text is `JSON.stringify(value)`, handing the value
   * over with it; only links that carry frames in memory have it (see {@link sendBuilt}).
   */
  sendValue?(text: string, value: unknown): void;
  /** Closes gracefully with a close code. */
  close(code?: number, reason?: string): void;
  /** Cuts the link without a close frame, as when a cable or an IPC channel drops. */
  terminate(options?: TerminateOptions): void;
  /** Subscribes to inbound frames; returns the unsubscribe function. */
  onMessage(fn: (text: string, meta?: FrameMeta) => void): () => void;
  /** Subscribes to the end of the link (fires once); returns the unsubscribe function. */
  onClose(fn: (closed: LinkClosed) => void): () => void;
  readonly isOpen: boolean;
  /**
   * Subscribes to frames the transport refused unread (only stream wires have them); returns
   * the unsubscribe function.
   */
  onRefusal?(fn: (refusal: FrameRefusal) => void): () => void;
  /**
   * Subscribes to answers of the peer that carried no nexo message (only request/answer wires
   * have them); returns the unsubscribe function.
   */
  onPeerRefusal?(fn: (refusal: PeerRefusal) => void): () => void;
}

/** Opens a new link to the payment application; an expected failure is a value. */
export type Dialer = () => Promise<{ ok: true; value: Link } | { ok: false; error: string }>;

/**
 * Sends a frame its sender built as `value` (`text` being its JSON): in memory the value goes
 * along so the peer does not parse the text back; on every other link only the text travels.
 */
export function sendBuilt(link: Link, text: string, value: unknown): void {
  if (link.sendValue === undefined) link.send(text);
  else link.sendValue(text, value);
}

/** The `wire` field of a link's trace events: present when the link knows its wire. */
export function wireOf(link: Link): { wire?: Wire } {
  return link.wire === undefined ? {} : { wire: link.wire };
}

/** The `encrypted` field of a link's message events: present while it runs under NexoCrypto. */
export function encryptedOf(link: Link): { encrypted?: true } {
  return link.encrypted === true ? { encrypted: true } : {};
}
