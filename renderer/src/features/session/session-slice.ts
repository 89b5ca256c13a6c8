import type { StoreApi } from 'zustand';
import type { TraceEvent } from '@shared/trace/view';
import { INITIAL_SESSION_VIEW, foldSessionEvents, type SessionView } from '@shared/trace/view';
import type { OpTimeouts } from './session-format';
import { EMPTY_HISTORY, foldSessionHistoryEvents, type SessionHistory } from './session-history';

/** Where trace time stood at a moment of the renderer's clock, to run countdowns between events. */
export interface SessionClockAnchor {
  /** Trace `t` of the newest event. */
  readonly t: number;
  /** `performance.now()` when that event was applied. */
  readonly wallMs: number;
}

/** The live session panel's part of the one store. */
export interface SessionSlice {
  readonly sessionView: SessionView;
  /** The client session's transition history with causes, bounded (README "Session history"). */
  readonly sessionHistory: SessionHistory;
  /** The terminal profile in use (trace header or simulator settings). */
  readonly sessionProfile: string | undefined;
  readonly sessionOpTimeouts: OpTimeouts;
  readonly sessionClock: SessionClockAnchor | undefined;
  /** Folds a batch from the event stream into the view. */
  readonly applySessionEvents: (events: readonly TraceEvent[]) => void;
  /** Starts over (a new session or trace), optionally with a first batch. */
  readonly resetSession: (events?: readonly TraceEvent[]) => void;
  readonly setSessionProfile: (profile: string | undefined) => void;
  readonly setSessionOpTimeouts: (timeouts: OpTimeouts) => void;
}

/** The setter a slice needs; zustand's `set` for any store that contains the slice fits it. */
export type SessionSliceSet = (
  partial: Partial<SessionSlice> | ((state: SessionSlice) => Partial<SessionSlice>),
) => void;

/** Any store that contains the slice, read-only (`useHarnessStore` fits). */
export type SessionStore = Pick<
  StoreApi<SessionSlice>,
  'getState' | 'getInitialState' | 'subscribe'
>;

function anchorOf(view: SessionView): SessionClockAnchor | undefined {
  return view.seq === 0 ? undefined : { t: view.t, wallMs: performance.now() };
}

/**
 * Slice creator for the combined store:
 * `create<All>()((set, get) => ({ ...createSessionSlice(set, get), ... }))`.
 */
export function createSessionSlice(
  set: SessionSliceSet,
  _get: () => SessionSlice,
  // zustand passes the store too; accepted so that `createSessionSlice(...args)` type-checks.
  _store?: unknown,
): SessionSlice {
  return {
    sessionView: INITIAL_SESSION_VIEW,
    sessionHistory: EMPTY_HISTORY,
    sessionProfile: undefined,
    sessionOpTimeouts: {},
    sessionClock: undefined,
    applySessionEvents(events) {
      if (events.length === 0) return;
      set((state) => {
        const view = foldSessionEvents(state.sessionView, events);
        return {
          sessionView: view,
          sessionHistory: foldSessionHistoryEvents(state.sessionHistory, events),
          sessionClock: anchorOf(view),
        };
      });
    },
    resetSession(events = []) {
      const view = foldSessionEvents(INITIAL_SESSION_VIEW, events);
      set({
        sessionView: view,
        sessionHistory: foldSessionHistoryEvents(EMPTY_HISTORY, events),
        sessionClock: anchorOf(view),
      });
    },
    setSessionProfile(profile) {
      set({ sessionProfile: profile });
    },
    setSessionOpTimeouts(timeouts) {
      set({ sessionOpTimeouts: timeouts });
    },
  };
}

export const selectSessionView = (s: SessionSlice): SessionView => s.sessionView;
export const selectSessionHistory = (s: SessionSlice): SessionHistory => s.sessionHistory;
export const selectSessionState = (s: SessionSlice): string => s.sessionView.state;
export const selectSessionProfile = (s: SessionSlice): string | undefined => s.sessionProfile;
export const selectSessionOpTimeouts = (s: SessionSlice): OpTimeouts => s.sessionOpTimeouts;
export const selectSessionClock = (s: SessionSlice): SessionClockAnchor | undefined =>
  s.sessionClock;
