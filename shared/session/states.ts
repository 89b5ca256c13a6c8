/**
 * The visible states of the reference client's session, shown as they are in the UI, the CLI
 * and traces. `ready` is the one state with an open session; `recovering` also has one, but a
 * payment whose outcome was lost is being settled through TransactionStatus first.
 */
export const SESSION_STATES = [
  'offline',
  'connecting',
  'linked',
  'loggingIn',
  'ready',
  'busyBackoff',
  'recovering',
  'loggedOut',
  'failed',
] as const;

/** One of {@link SESSION_STATES}. */
export type SessionStateId = (typeof SESSION_STATES)[number];

/** States in which a Login Success holds on the current link, so requests may leave. */
export const OPEN_SESSION_STATES: readonly SessionStateId[] = ['ready', 'recovering'];

/** True when requests other than Login may be sent in `state`. */
export function hasOpenSession(state: SessionStateId): boolean {
  return OPEN_SESSION_STATES.includes(state);
}
