export { SESSION_STATES, OPEN_SESSION_STATES, hasOpenSession, type SessionStateId } from './states';
export {
  SessionPolicy,
  PartialSessionPolicy,
  DEFAULT_POLICY,
  POLICY_KEYS,
  resolvePolicy,
  parsePolicyAssignments,
} from './policy';
export * from './outcomes';
export {
  JournalEntry,
  EXCLUSIVE_OPS,
  initialModel,
  cloneModel,
  timerKey,
  timerOwner,
  sameTimer,
  type Closing,
  type OpId,
  type OpModel,
  type OpRequest,
  type OpStage,
  type MessageRef,
  type RequestKey,
  type RequestSpec,
  type SessionCounters,
  type SessionEffect,
  type SessionInput,
  type SessionModel,
  type Timer,
} from './model';
export { advance, step, type StepResult } from './machine';
export { type SessionSnapshot, type OpSnapshot, snapshotOf } from './snapshot';
