import type { SimulatorLifecycle } from '@shared/simulator/control';

/** WebSocket close code 1012 "service restart": what a restarting payment application sends. */
export const CLOSE_SERVICE_RESTART = 1012;
/** WebSocket close code 1001 "going away": the simulator is shutting down. */
export const CLOSE_GOING_AWAY = 1001;

/** The payment application's lifecycle: where it is and which version it runs. */
export interface LifecycleState {
  readonly phase: SimulatorLifecycle;
  readonly version: string;
  /** The version it started with, which `reset` returns to. */
  readonly initialVersion: string;
}

/** What can happen to the lifecycle. `reason` is free text that ends up in the event. */
export type LifecycleInput =
  | { readonly type: 'start' }
  | { readonly type: 'initElapsed' }
  | { readonly type: 'restart'; readonly reason: string }
  | { readonly type: 'update'; readonly reason: string }
  | { readonly type: 'reset' }
  | { readonly type: 'stop' };

/** What the runner must do, in order. */
export type LifecycleEffect =
  | { readonly type: 'cancelInitTimer' }
  | { readonly type: 'startInitTimer' }
  /** Stop the running payment without sending anything (its link is about to go). */
  | { readonly type: 'interruptPayment'; readonly reason: string }
  | { readonly type: 'forgetSessions'; readonly reason: string }
  | { readonly type: 'closeLinks'; readonly code: number; readonly reason: string }
  /** Forget ledger, history, used ServiceIDs and armed faults (a fresh simulator). */
  | { readonly type: 'clearRecords' }
  | {
      readonly type: 'announce';
      readonly from: SimulatorLifecycle;
      readonly to: SimulatorLifecycle;
      readonly reason: string;
    };

export interface LifecycleStep {
  readonly state: LifecycleState;
  readonly effects: readonly LifecycleEffect[];
}

/** The lifecycle before `start`. */
export function initialLifecycle(version: string): LifecycleState {
  return { phase: 'stopped', version, initialVersion: version };
}

/**
 * Bumps the last number of a version (`1.4.2` → `1.4.3`, `2.0-rc1` → `2.0-rc2`); a version
 * without digits gets `.1` appended.
 */
export function bumpVersion(version: string): string {
  const match = /(\d+)(\D*)$/.exec(version);
  if (!match?.[1]) return `${version}.1`;
  const head = version.slice(0, match.index);
  return `${head}${String(Number(match[1]) + 1)}${match[2] ?? ''}`;
}

/** A restart in every flavour: links closed, sessions forgotten, initialising again. */
function reboot(
  state: LifecycleState,
  reason: string,
  next: Partial<LifecycleState>,
  extra: readonly LifecycleEffect[] = [],
): LifecycleStep {
  return {
    state: { ...state, ...next, phase: 'initialising' },
    effects: [
      { type: 'cancelInitTimer' },
      { type: 'interruptPayment', reason },
      { type: 'forgetSessions', reason },
      { type: 'closeLinks', code: CLOSE_SERVICE_RESTART, reason: `service restart (${reason})` },
      ...extra,
      { type: 'startInitTimer' },
      { type: 'announce', from: state.phase, to: 'initialising', reason },
    ],
  };
}

type Transition<I extends LifecycleInput = LifecycleInput> = (
  state: LifecycleState,
  input: I,
) => LifecycleStep;

type TransitionTable = {
  readonly [P in SimulatorLifecycle]: {
    readonly [T in LifecycleInput['type']]?: Transition<Extract<LifecycleInput, { type: T }>>;
  };
};

const running = {
  restart: (s, i) => reboot(s, i.reason, {}),
  update: (s, i) => reboot(s, i.reason, { version: bumpVersion(s.version) }),
  reset: (s) => reboot(s, 'reset', { version: s.initialVersion }, [{ type: 'clearRecords' }]),
  stop: (s) => ({
    state: { ...s, phase: 'stopped' },
    effects: [
      { type: 'cancelInitTimer' },
      { type: 'interruptPayment', reason: 'stop' },
      { type: 'forgetSessions', reason: 'stop' },
      { type: 'closeLinks', code: CLOSE_GOING_AWAY, reason: 'simulator stopped' },
      { type: 'announce', from: s.phase, to: 'stopped', reason: 'stop' },
    ],
  }),
} satisfies TransitionTable['ready'];

/** Every transition; an input not listed for a phase changes nothing (e.g. a late timer). */
const TRANSITIONS: TransitionTable = {
  stopped: {
    start: (s) => ({
      state: { ...s, phase: 'initialising' },
      effects: [
        { type: 'startInitTimer' },
        { type: 'announce', from: 'stopped', to: 'initialising', reason: 'start' },
      ],
    }),
  },
  initialising: {
    ...running,
    initElapsed: (s) => ({
      state: { ...s, phase: 'ready' },
      effects: [{ type: 'announce', from: 'initialising', to: 'ready', reason: 'initialised' }],
    }),
  },
  ready: running,
};

/** The lifecycle's pure step: the next state and the effects the runner carries out. */
export function stepLifecycle(state: LifecycleState, input: LifecycleInput): LifecycleStep {
  const transition = TRANSITIONS[state.phase][input.type] as Transition | undefined;
  return transition ? transition(state, input) : { state, effects: [] };
}
