/** The session feature's public surface (components, slice, formatting). */
export { SessionPanel, type SessionPanelProps } from './SessionPanel';
export { LiveSessionPanel, type LiveSessionPanelProps } from './LiveSessionPanel';
export { StateMachineDiagram, type StateMachineDiagramProps } from './StateMachineDiagram';
export { SessionStrip, type SessionStripProps } from './SessionStrip';
export { OpsInFlightList, type OpsInFlightListProps } from './OpsInFlightList';
export {
  createSessionSlice,
  selectSessionClock,
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
