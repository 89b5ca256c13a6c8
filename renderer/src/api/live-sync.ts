import type { HarnessApi, HelloEvent, RunInfo } from '@shared/ipc';
import type { TraceEvent } from '@shared/trace/view';
import type { HarnessStore } from '../store/harness-store';

/**
 * Keeps the store's timeline and session view equal to the core's current run, across page
 * loads, reconnects and role switches. A greeting (`hello`) says which run is live and how far
 * it got; the events up to there come from `events:since` in pages, the ones after it from the
 * stream. Stream events that arrive while the backlog loads are held back and applied after it,
 * because rows must be appended in `seq` order.
 */
export interface LiveSync {
  hello(event: HelloEvent): void;
  run(run: RunInfo): void;
  /** The trace events of one batch, in order. */
  trace(events: readonly TraceEvent[]): void;
}

export function createLiveSync(api: HarnessApi, store: HarnessStore): LiveSync {
  let runId: string | undefined;
  /** Bumped by every reset and catch-up: a page that answers an older one is dropped. */
  let generation = 0;
  let appliedSeq = 0;
  let held: TraceEvent[] | undefined;

  const apply = (events: readonly TraceEvent[]) => {
    const fresh = events.filter((e) => e.seq > appliedSeq);
    if (fresh.length === 0) return;
    const s = store.getState();
    s.appendTimelineEvents(fresh);
    s.applySessionEvents(fresh);
    s.applyPosSessionEvents(fresh);
    appliedSeq = fresh.at(-1)?.seq ?? appliedSeq;
  };

  const reset = (id: string) => {
    generation++;
    runId = id;
    appliedSeq = 0;
    held = undefined;
    const s = store.getState();
    s.resetTimeline();
    s.resetSession();
    s.resetPosSessions();
  };

  const release = () => {
    const pending = held ?? [];
    held = undefined;
    apply(pending);
  };

  const catchUp = async (target: number) => {
    const mine = ++generation;
    held = held ?? [];
    while (appliedSeq < target) {
      const page = await api.events.since({ afterSeq: appliedSeq });
      if (mine !== generation) return;
      // Disconnected or refused: show what streams in; the next greeting catches up again.
      if (!page.ok || page.value.runId !== runId) break;
      apply(page.value.events);
      if (!page.value.more || page.value.events.length === 0) break;
    }
    release();
  };

  return {
    hello(event) {
      if (event.runId !== runId) reset(event.runId);
      if (event.lastSeq > appliedSeq) void catchUp(event.lastSeq);
    },
    run(run) {
      if (run.runId !== runId) reset(run.runId);
      const s = store.getState();
      s.setRun(run);
      s.setSessionProfile(run.profile ?? undefined);
    },
    trace(events) {
      if (events.length === 0) return;
      if (held !== undefined) held.push(...events);
      else apply(events);
    },
  };
}
