import type { HarnessApi, HarnessEvent } from '@shared/ipc';
import type { TraceEvent } from '@shared/trace/view';
import { opTimeoutsFromPolicy } from '../features/session';
import type { HarnessStore } from '../store/harness-store';
import { createLedgerRefresher, type LedgerRefresher } from './ledger-refresher';
import { createLiveSync, type LiveSync } from './live-sync';

/** What one batch's handlers share. */
interface BatchContext {
  readonly store: HarnessStore;
  readonly sync: LiveSync;
  readonly ledger: LedgerRefresher;
  /** The batch's trace events, applied together at its end (one store update per batch). */
  readonly trace: TraceEvent[];
}

type Handlers = {
  readonly [T in HarnessEvent['type']]: (
    event: Extract<HarnessEvent, { type: T }>,
    ctx: BatchContext,
  ) => void;
};

/** What each event does to the store; a new event type without an entry fails to compile. */
const HANDLERS: Handlers = {
  hello: (event, ctx) => {
    ctx.store.getState().markStreamLive(event.at);
    ctx.sync.hello(event);
  },
  run: (event, ctx) => ctx.sync.run(event.run),
  trace: (event, ctx) => {
    ctx.trace.push(event.event);
    if (event.event.kind === 'ledger') ctx.ledger.refresh();
  },
  session: (event, ctx) => {
    const s = ctx.store.getState();
    const before = s.sessionInfo?.policy;
    s.setSessionInfo(event.session);
    if (before !== event.session.policy)
      s.setSessionOpTimeouts(opTimeoutsFromPolicy(event.session.policy));
  },
  simulator: (event, ctx) => {
    const s = ctx.store.getState();
    s.setSimulatorInfo(event.simulator);
    const size = event.simulator.simulator?.ledgerSize;
    if (size !== undefined && size !== s.ledger?.length) ctx.ledger.refresh();
  },
  faults: (event, ctx) => ctx.store.getState().setFaults(event.faults),
  recording: (event, ctx) => ctx.store.getState().setRecording(event.recording, event.skipped),
  scenarios: (event, ctx) => ctx.store.getState().applyScenarioProgress(event.progress),
  verdicts: (event, ctx) => ctx.store.getState().setLiveVerdicts(event.verdicts),
};

function apply<T extends HarnessEvent['type']>(
  event: Extract<HarnessEvent, { type: T }>,
  ctx: BatchContext,
): void {
  HANDLERS[event.type](event, ctx);
}

/**
 * The one place where the core's event batches enter the renderer: each batch becomes slice
 * actions (trace events of a batch in one go, after the batch's other events). Returns the
 * unsubscribe function.
 */
export function connectEventStream(api: HarnessApi, store: HarnessStore): () => void {
  const sync = createLiveSync(api, store);
  const ledger = createLedgerRefresher(api, store);
  return api.events.onBatch((batch) => {
    const ctx: BatchContext = { store, sync, ledger, trace: [] };
    for (const event of batch) {
      // A trace event after a run event belongs to the new run: flush the old run's first.
      if (event.type === 'run' && ctx.trace.length > 0) sync.trace(ctx.trace.splice(0));
      apply(event, ctx);
    }
    sync.trace(ctx.trace);
    store.getState().countEvents(batch.length);
  });
}
