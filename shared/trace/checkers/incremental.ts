import type { Observer, TraceEvent, TraceHeader } from '../events';
import type { Checker, CheckerName, CheckerRun, CheckInput, Verdict } from './types';

/**
 * The pieces every incremental checker is built from. A checker reads a trace one event at a
 * time; where a rule depends on something only the whole trace can tell (whose copy of the
 * frames to read, whether the client recorded its timers), the reader runs one branch per
 * possible answer from the first event and drops the branches the trace rules out. That keeps
 * `verdicts()` at any point exactly equal to a whole-trace judgement of the events so far.
 */

/** Something that reads events in order and can say, at any point, what it makes of them. */
export interface EventReader<T> {
  push(event: TraceEvent): void;
  /** What the reader makes of the events so far; asking changes nothing. */
  read(): T;
}

/** A checker whose whole-trace `check` is the fold of its incremental `start`. */
export function defineChecker(definition: {
  readonly name: CheckerName;
  readonly description: string;
  readonly start: (header: TraceHeader) => EventReader<Verdict[]>;
}): Checker {
  const start = (header: TraceHeader): CheckerRun => {
    const reader = definition.start(header);
    return { push: (event) => reader.push(event), verdicts: () => reader.read() };
  };
  return {
    name: definition.name,
    description: definition.description,
    start,
    check: (input) => foldVerdicts(start(input.header), input),
  };
}

/** Reads every event of `input` into `run` and returns its verdicts. */
export function foldVerdicts(run: CheckerRun, input: CheckInput): Verdict[] {
  for (const event of input.events) run.push(event);
  return run.verdicts();
}

/**
 * Reads the frames of the trace's primary observer (see `primaryObserver` in `wire.ts`: the
 * POS's copy when the trace has any, else the POI's, else none) without knowing it in advance:
 * one branch per candidate until the first frames decide. A POS frame settles it for good; a POI
 * frame rules out "none". Branches left behind are dropped, so a long trace pays for one.
 */
export function byPrimaryObserver<T>(
  start: (observer: Observer | undefined) => EventReader<T>,
): EventReader<T> {
  const pos = start('pos');
  let poi: EventReader<T> | undefined = start('poi');
  let none: EventReader<T> | undefined = start(undefined);
  let primary: Observer | undefined;
  return {
    push(event) {
      if (event.kind === 'message' && primary !== 'pos') {
        // As in `primaryObserver`: any frame not the POS's (the POI's, or the proxy's own copy on
        // its terminal leg) makes the POI's copy the primary one until a POS frame appears.
        primary = event.observer === 'pos' ? 'pos' : 'poi';
        none = undefined;
        if (primary === 'pos') poi = undefined;
      }
      pos.push(event);
      poi?.push(event);
      none?.push(event);
    },
    read() {
      const chosen = primary === 'pos' ? pos : primary === 'poi' ? poi : none;
      // The branch of the current answer is never dropped (see `push`).
      if (chosen === undefined) throw new Error('the primary observer branch was dropped');
      return chosen.read();
    },
  };
}

/**
 * Reads a trace whose judgement changes once an event matching `sign` appears anywhere in it
 * (before or after the events it affects): `without` is the judgement while none has been seen,
 * `withSign` the judgement of a trace that has one. Both read from the first event; the first
 * sign drops `without`.
 */
export function untilFirst<T>(
  sign: (event: TraceEvent) => boolean,
  without: EventReader<T>,
  withSign: EventReader<T>,
): EventReader<T> {
  let before: EventReader<T> | undefined = without;
  return {
    push(event) {
      if (before !== undefined && sign(event)) before = undefined;
      before?.push(event);
      withSign.push(event);
    },
    read: () => (before ?? withSign).read(),
  };
}
