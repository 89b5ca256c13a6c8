import type { TraceEvent } from '@shared/trace/view';
import { NO_POS_SESSIONS, foldPosSessions, type PosSessions } from './pos-sessions';

/** The external POSes' sessions as the live run's events tell them (terminal and proxy roles). */
export interface PosSessionsSlice {
  readonly posSessions: PosSessions;
  /** Folds a batch from the event stream into the cards. */
  readonly applyPosSessionEvents: (events: readonly TraceEvent[]) => void;
  /** Starts over (a new run). */
  readonly resetPosSessions: () => void;
}

export type PosSessionsSliceSet = (
  partial: Partial<PosSessionsSlice> | ((state: PosSessionsSlice) => Partial<PosSessionsSlice>),
) => void;

/** Slice creator for the combined store (see `createSessionSlice`). */
export function createPosSessionsSlice(
  set: PosSessionsSliceSet,
  _get?: unknown,
  // zustand passes the store too; accepted so that `createPosSessionsSlice(...args)` type-checks.
  _store?: unknown,
): PosSessionsSlice {
  return {
    posSessions: NO_POS_SESSIONS,
    applyPosSessionEvents(events) {
      if (events.length === 0) return;
      set((state) => {
        const next = foldPosSessions(state.posSessions, events);
        return next === state.posSessions ? {} : { posSessions: next };
      });
    },
    resetPosSessions() {
      set({ posSessions: NO_POS_SESSIONS });
    },
  };
}

export const selectPosSessions = (s: PosSessionsSlice): PosSessions => s.posSessions;
