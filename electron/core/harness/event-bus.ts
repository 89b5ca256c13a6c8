import type { Clock, TimerId } from '@shared/time/clock';
import type { Unsubscribe } from '@shared/ipc';

/** Receives one batch of events (never empty). */
export type BatchListener<E> = (batch: readonly E[]) => void;

/**
 * The core's event stream: events published within one batch window reach every subscriber
 * together, as one array, so a burst of wire messages costs one IPC/WebSocket message per window
 * instead of one per event (flushed at most ~30 times a second).
 */
export interface EventBus<E> {
  /** Queues an event for every current subscriber. */
  publish(event: E): void;
  /**
   * Adds a subscriber. `greeting` is queued for this subscriber only, ahead of anything published
   * later, and delivered with the next flush (never synchronously inside `subscribe`).
   */
  subscribe(listener: BatchListener<E>, greeting?: readonly E[]): Unsubscribe;
  /** Drops every subscriber and the pending flush. */
  close(): void;
}

/** Default batch window: at most ~30 flushes a second. */
export const DEFAULT_BATCH_WINDOW_MS = 33;

export function createEventBus<E>(
  clock: Clock,
  windowMs: number = DEFAULT_BATCH_WINDOW_MS,
): EventBus<E> {
  const queues = new Map<symbol, { listener: BatchListener<E>; queue: E[] }>();
  let timer: TimerId | undefined;

  const flush = (): void => {
    timer = undefined;
    for (const subscriber of [...queues.values()]) {
      if (subscriber.queue.length === 0) continue;
      const batch = subscriber.queue;
      subscriber.queue = [];
      subscriber.listener(batch);
    }
  };

  const schedule = (): void => {
    timer ??= clock.setTimeout(flush, windowMs);
  };

  return {
    publish(event) {
      if (queues.size === 0) return;
      for (const subscriber of queues.values()) subscriber.queue.push(event);
      schedule();
    },
    subscribe(listener, greeting = []) {
      const key = Symbol('subscriber');
      queues.set(key, { listener, queue: [...greeting] });
      if (greeting.length > 0) schedule();
      return () => {
        queues.delete(key);
      };
    },
    close() {
      queues.clear();
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
