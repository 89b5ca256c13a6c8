import type { TerminalApiOptions } from '../link/dial';
import type { Wire } from '@shared/link/endpoint';
import type { StepKind } from '@shared/scenario';
import type { Verdict } from '@shared/trace/checkers';
import type { LedgerEntry } from '@shared/trace/events';
import type { SessionManager, SessionManagerOptions } from '../session';

/** Virtual time (VirtualClock, in-memory link, much faster) or real time (RealClock, WebSocket). */
export type TimeMode = 'virtual' | 'real';

/**
 * Makes the POS the scenario drives. The default is the reference session manager; tests pass
 * a deliberately broken one to prove that the checkers and the fuzzer catch it.
 */
export type ManagerFactory = (options: SessionManagerOptions) => SessionManager;

/** NexoCrypto and TLS for a scenario run over the Terminal API wire. */
export interface PeerTerminalApi extends TerminalApiOptions {
  /** Where the embedded simulator keeps its TLS identity (default: a folder in the OS temp dir). */
  readonly dataDir?: string;
}

/** How to run one scenario. */
export interface RunOptions {
  readonly timeMode: TimeMode;
  /**
   * An external payment application (`ws://...`). Real time only. Steps that need the embedded
   * simulator (simulator faults, ledger expectations) fail with a clear message.
   */
  readonly endpoint?: string;
  /**
   * The wire to reach the embedded simulator over in real time (default `ws`); an external
   * endpoint names its own wire, and virtual time runs in memory.
   */
  readonly wire?: Wire;
  /**
   * The Terminal API wire's key and trust (README "Terminal API wire"): the embedded simulator
   * and the reference client share the key; an external endpoint is checked against `caFile`.
   */
  readonly terminalApi?: PeerTerminalApi;
  /** Writes the run's trace to `<traceDir>/<traceName>.jsonl` (the folder is created). */
  readonly traceDir?: string;
  /** File name of the trace without `.jsonl`; default the scenario's name. */
  readonly traceName?: string;
  /** Seeds the client's jitter and the simulator's ids; the same seed gives the same run. Default 1. */
  readonly seed?: number;
  /** The POS under test; default the reference session manager. */
  readonly createManager?: ManagerFactory;
}

export type StepStatus = 'passed' | 'failed' | 'skipped';

/** What happened to one step. */
export interface StepResult {
  /** Position in the scenario's `steps`, from 0 (as in error paths such as `steps[3]`). */
  readonly index: number;
  readonly kind: StepKind;
  readonly id?: string;
  /** One line, e.g. `pay 12.50 [p1]`. */
  readonly description: string;
  readonly status: StepStatus;
  /** Why it failed or was skipped; for a passed operation step, its outcome. */
  readonly message?: string;
  /** Scenario time (ms since the run started) when the step began, and how long it took. */
  readonly at: number;
  readonly ms: number;
}

/** Everything a scenario run produced. */
export interface ScenarioResult {
  readonly name: string;
  readonly title: string;
  /** True when every step passed (and, without an `expectVerdicts` step, every checker passed). */
  readonly pass: boolean;
  /** One line per problem, first one first (empty when the scenario passed). */
  readonly failures: readonly string[];
  readonly steps: readonly StepResult[];
  /** Every checker's verdicts on the whole trace of the run. */
  readonly verdicts: readonly Verdict[];
  /** The embedded simulator's ledger at the end (absent against an external endpoint). */
  readonly ledger?: readonly LedgerEntry[];
  readonly trace: {
    /** Where the trace was written, when a trace folder was given. */
    readonly path?: string;
    /** The whole trace as JSON Lines. */
    readonly text: string;
    readonly events: number;
  };
  readonly timeMode: TimeMode;
  readonly peer: 'embedded' | 'external';
  readonly seed: number;
  /** Scenario time the run took (virtual or real), in ms. */
  readonly durationMs: number;
  /** Wall time the run took on this machine, in ms. */
  readonly wallMs: number;
}
