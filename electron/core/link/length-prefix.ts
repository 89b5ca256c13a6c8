/**
 * nexo over TCP framing (README "Wires"; WIRES.md: Market Pay's TCP/IP binding and the nexo
 * transport spec): every message is preceded by 4 bytes holding its length, big-endian, not
 * counting those 4 bytes. The payload is the UTF-8 JSON envelope.
 */

/** Bytes of the length prefix. */
export const PREFIX_BYTES = 4;

/** Frames a message for the wire: the prefix, then the UTF-8 text. */
export function encodeFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const frame = Buffer.allocUnsafe(PREFIX_BYTES + payload.length);
  frame.writeUInt32BE(payload.length, 0);
  payload.copy(frame, PREFIX_BYTES);
  return frame;
}

/** What the decoder found in the bytes it was given. */
export type Decoded =
  | { readonly kind: 'frame'; readonly text: string }
  /**
   * A prefix declared a frame above the limit. The decoder stops there: nothing after it can be
   * framed with confidence, so the stream is over.
   */
  | { readonly kind: 'oversize'; readonly declaredBytes: number };

/**
 * Turns a byte stream cut into arbitrary segments back into whole frames. The declared length is
 * checked as soon as the prefix is complete, before any of the payload is buffered, so a peer
 * cannot make us hold more than `maxFrameBytes` (plus one segment).
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  /** The payload length of the frame being read, once its prefix is complete. */
  private expected: number | undefined;
  private stopped = false;

  constructor(private readonly maxFrameBytes: number) {}

  /** Feeds one segment; returns every frame it completes, in order. */
  push(segment: Buffer): Decoded[] {
    if (this.stopped || segment.length === 0) return [];
    this.chunks.push(segment);
    this.buffered += segment.length;
    const out: Decoded[] = [];
    for (;;) {
      if (this.expected === undefined) {
        if (this.buffered < PREFIX_BYTES) break;
        const declared = this.take(PREFIX_BYTES).readUInt32BE(0);
        if (declared > this.maxFrameBytes) {
          this.stopped = true;
          this.chunks = [];
          this.buffered = 0;
          out.push({ kind: 'oversize', declaredBytes: declared });
          break;
        }
        this.expected = declared;
      }
      if (this.buffered < this.expected) break;
      const payload = this.take(this.expected);
      this.expected = undefined;
      out.push({ kind: 'frame', text: payload.toString('utf8') });
    }
    return out;
  }

  /** Removes and returns the first `count` buffered bytes (the caller checked they are there). */
  private take(count: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const taken = joined.subarray(0, count);
    const rest = joined.subarray(count);
    this.chunks = rest.length === 0 ? [] : [rest];
    this.buffered = rest.length;
    return taken;
  }
}
