import type { AppInfo, CallHandlers, HarnessEvent, HarnessMode, Unsubscribe } from '@shared/ipc';
import { ok } from '@shared/result';
import type { Clock } from '@shared/time/clock';
import { createEventBus, DEFAULT_BATCH_WINDOW_MS, type BatchListener } from './harness/event-bus';
import { RealClock } from './time/real-clock';
import { HARNESS_VERSION, PRODUCT_NAME } from './version';

/** Options of {@link createHarnessCore}. */
export interface HarnessCoreOptions {
  /** How the renderer reaches this core (reported by `app:info`). */
  readonly mode: HarnessMode;
  /** Defaults to the real clock; tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** Batch window of the event stream, ms. */
  readonly batchWindowMs?: number;
}

/**
 * The harness core as the transports see it: the handler of every call of the HarnessApi and the
 * batched event stream. It imports no Electron, so the Electron main process, the browser-mode
 * host, the CLI and tests all run this same object.
 */
export interface HarnessCore {
  readonly calls: CallHandlers;
  /** Subscribes one renderer connection; its first batch holds a `hello` event. */
  subscribeEvents(listener: BatchListener<HarnessEvent>): Unsubscribe;
  /** Publishes an event to every subscriber (batched). */
  publish(event: HarnessEvent): void;
  /** Stops timers and drops subscribers. */
  close(): void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Creates the core. */
export function createHarnessCore(options: HarnessCoreOptions): HarnessCore {
  const clock = options.clock ?? new RealClock();
  const events = createEventBus<HarnessEvent>(
    clock,
    options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS,
  );
  const info: AppInfo = {
    productName: PRODUCT_NAME,
    version: HARNESS_VERSION,
    startedAt: iso(clock.wallNow()),
    mode: options.mode,
  };

  const calls: CallHandlers = {
    'app:info': () => Promise.resolve(ok(info)),
  };

  return {
    calls,
    subscribeEvents: (listener) =>
      events.subscribe(listener, [{ type: 'hello', at: iso(clock.wallNow()) }]),
    publish: (event) => events.publish(event),
    close: () => events.close(),
  };
}
