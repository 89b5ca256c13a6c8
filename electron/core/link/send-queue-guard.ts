import { MAX_SEND_QUEUE_BYTES } from '@shared/protocol';

/**
 * The close code of a link cut because its peer stopped reading: RFC 6455 "policy violation",
 * the code a server uses when a peer breaks its rules.
 */
export const CLOSE_SEND_QUEUE_FULL = 1008;

/** Why a link was cut by its guard, as its close event reports it. */
export interface QueueCut {
  readonly code: number;
  readonly reason: string;
}

/**
 * Bounds what waits to be sent to one peer (README "Reliability and limits"). Any transport can
 * use it: give it how many bytes are queued right now (`ws`'s `bufferedAmount`, a Node socket's
 * `writableLength`) and call {@link SendQueueGuard.check} after each write; past the limit it
 * answers the cut to make, once.
 */
export interface SendQueueGuard {
  /** The cut to make when the queue is over the limit (first time only), otherwise undefined. */
  check(): QueueCut | undefined;
  /** The cut made, if any: a close listener reports it instead of the transport's code. */
  readonly cut: QueueCut | undefined;
}

export function createSendQueueGuard(
  queuedBytes: () => number,
  limit: number = MAX_SEND_QUEUE_BYTES,
): SendQueueGuard {
  let cut: QueueCut | undefined;
  return {
    check() {
      if (cut !== undefined) return undefined;
      const queued = queuedBytes();
      if (queued <= limit) return undefined;
      cut = {
        code: CLOSE_SEND_QUEUE_FULL,
        reason: `peer not reading: ${String(queued)} bytes waiting to be sent (limit ${String(limit)})`,
      };
      return cut;
    },
    get cut() {
      return cut;
    },
  };
}
