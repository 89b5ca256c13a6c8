import type { HarnessApi, HarnessEvent } from '@shared/ipc';
import type { HarnessStore } from '../store/harness-store';

type Handlers = {
  readonly [T in HarnessEvent['type']]: (
    event: Extract<HarnessEvent, { type: T }>,
    store: HarnessStore,
  ) => void;
};

/** What each event does to the store; a new event type without an entry fails to compile. */
const HANDLERS: Handlers = {
  hello: (event, store) => store.getState().markStreamLive(event.at),
};

function apply<T extends HarnessEvent['type']>(
  event: Extract<HarnessEvent, { type: T }>,
  store: HarnessStore,
): void {
  HANDLERS[event.type](event, store);
}

/**
 * The one place where the core's event batches enter the renderer: each batch becomes slice
 * actions. Returns the unsubscribe function.
 */
export function connectEventStream(api: HarnessApi, store: HarnessStore): () => void {
  return api.events.onBatch((batch) => {
    for (const event of batch) apply(event, store);
    store.getState().countEvents(batch.length);
  });
}
