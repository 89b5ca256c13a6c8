import { useCallback } from 'react';
import { useStore } from 'zustand';
import type { PosSessions } from './pos-sessions';
import { SessionPanel } from './SessionPanel';
import {
  selectSessionClock,
  selectSessionHistory,
  selectSessionOpTimeouts,
  selectSessionProfile,
  selectSessionView,
  type SessionStore,
} from './session-slice';

export interface LiveSessionPanelProps {
  /** The one store (`useHarnessStore` fits: it contains the session slice). */
  readonly store: SessionStore;
  /**
   * The session manager's own state, for when the trace does not carry transitions (recording
   * paused): it wins over the state folded from events. Omit it to show the events' state.
   */
  readonly liveState?: string;
  /** The region's name (see {@link SessionPanel}). */
  readonly label?: string;
  /** Selects an event on the live timeline (a history episode's cause). */
  readonly onShowEvent?: (seq: number) => void;
  /** The run's role and the external POSes' sessions (see {@link SessionPanel}). */
  readonly role?: string;
  readonly posSessions?: PosSessions;
}

/** The session panel bound to the store; countdowns run from the newest event's trace time. */
export function LiveSessionPanel({
  store,
  liveState,
  label,
  onShowEvent,
  role,
  posSessions,
}: LiveSessionPanelProps) {
  const view = useStore(store, selectSessionView);
  const history = useStore(store, selectSessionHistory);
  const profile = useStore(store, selectSessionProfile);
  const timeouts = useStore(store, selectSessionOpTimeouts);
  const anchor = useStore(store, selectSessionClock);
  // Trace time advances like the renderer's clock between events (both are real milliseconds).
  const now = useCallback(
    () => (anchor === undefined ? 0 : anchor.t + (performance.now() - anchor.wallMs)),
    [anchor],
  );
  const shown =
    liveState === undefined || liveState === view.state ? view : { ...view, state: liveState };
  return (
    <SessionPanel
      view={shown}
      profile={profile}
      timeouts={timeouts}
      now={now}
      label={label}
      history={history}
      onShowEvent={onShowEvent}
      role={role}
      posSessions={posSessions}
    />
  );
}
