/** The session feature's public surface (components, slice, formatting). */
export { SessionPanel, type SessionPanelProps } from './SessionPanel';
export { LiveSessionPanel, type LiveSessionPanelProps } from './LiveSessionPanel';
export { StateMachineDiagram, type StateMachineDiagramProps } from './StateMachineDiagram';
export { SessionStrip, type SessionStripProps } from './SessionStrip';
export { SessionHistory, type SessionHistoryProps } from './SessionHistory';
export {
  EMPTY_HISTORY,
  HISTORY_LIMIT,
  episodeText,
  foldSessionHistory,
  foldSessionHistoryEvents,
  historyUpTo,
  replayHistoryAt,
  type HistoryEpisode,
  type HistoryStep,
  type SessionHistory as SessionHistoryModel,
} from './session-history';
export { reasonWords, stateWords } from './session-words';
export { OpsInFlightList, type OpsInFlightListProps } from './OpsInFlightList';
export {
  createSessionSlice,
  selectSessionClock,
  selectSessionHistory,
  selectSessionOpTimeouts,
  selectSessionProfile,
  selectSessionState,
  selectSessionView,
  type SessionClockAnchor,
  type SessionSlice,
  type SessionSliceSet,
  type SessionStore,
} from './session-slice';
export {
  countdownText,
  formatDuration,
  opTimeoutMs,
  opTimeoutsFromPolicy,
  type OpTimeouts,
} from './session-format';
