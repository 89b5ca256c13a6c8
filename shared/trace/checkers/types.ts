import type { TraceEvent, TraceHeader } from '../events';

/** The checkers, by the names verdicts, scenarios and the CLI use. */
export const CHECKER_NAMES = [
  'login-before-requests',
  'relogin-after-invalidation',
  'busy-backoff',
  'final-outcome',
  'status-before-payment-retry',
  'no-double-charge',
  'single-retry',
  'unique-service-ids',
] as const;

/** One of {@link CHECKER_NAMES}. */
export type CheckerName = (typeof CHECKER_NAMES)[number];

/** What a checker reads: a trace's header (profile, policy) and its events in seq order. */
export interface CheckInput {
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
}

/**
 * One judgement about a trace. A passing checker returns exactly one verdict (its message says
 * what it looked at, or why the rule does not apply to this trace); a failing checker returns
 * one verdict per violation, each naming the events (by `seq`) that prove it.
 */
export interface Verdict {
  readonly checker: CheckerName;
  readonly pass: boolean;
  readonly message: string;
  /** Seqs of the events that show the violation (or the evidence a pass rests on), ascending. */
  readonly events: readonly number[];
  /**
   * The event the verdict is about, when it is not the first of `events`: the request a
   * violation names rather than the link or invalidation that set the scene. What a click on
   * the verdict selects (see {@link verdictFocus}).
   */
  readonly focus?: number;
}

/** The event a verdict is about: its `focus`, else its first event; undefined when it has none. */
export function verdictFocus(verdict: Pick<Verdict, 'events' | 'focus'>): number | undefined {
  return verdict.focus ?? verdict.events[0];
}

/**
 * One checker reading one trace, an event at a time: it keeps only its own small state, so
 * judging a growing trace costs what the new events cost (live verdicts, scenario steps,
 * streamed files), never a re-read of the whole trace.
 */
export interface CheckerRun {
  /** Reads the next event (events come in seq order). */
  push(event: TraceEvent): void;
  /**
   * The verdicts on the events read so far, exactly what {@link Checker.check} returns for
   * them. Reading more events afterwards is allowed: asking changes nothing.
   */
  verdicts(): Verdict[];
}

/** A pure rule over a trace. */
export interface Checker {
  readonly name: CheckerName;
  /** One sentence: what the rule demands, for help texts and the scenarios panel. */
  readonly description: string;
  /** Starts judging a trace with this header. */
  readonly start: (header: TraceHeader) => CheckerRun;
  /** The whole-trace judgement: a fold of {@link start} over the events. */
  readonly check: (input: CheckInput) => Verdict[];
}
