import type { EventOf, Observer, TraceEvent, TraceHeader } from '../events';
import { operationDeadlineMs } from './deadlines';
import { byPrimaryObserver, defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { failed, judge, listed, passed } from './verdicts';
import { readMessage } from './frame-view';

const NAME = 'final-outcome';

type OpRecord = TraceEvent & EventOf<'op'>;

interface Operation {
  readonly invoke: OpRecord;
  readonly finals: OpRecord[];
  /** `t` of the last progress a payment showed while it ran (its timeout counts inactivity). */
  activityT: number;
}

/** Frames that restart a payment's inactivity timer (DESIGN §7). */
const PROGRESS_CATEGORIES: ReadonlySet<string> = new Set(['Display', 'Event']);

function isProgress(event: TraceEvent, observer: Observer | undefined): boolean {
  if (event.kind !== 'message' || event.observer !== observer || event.direction !== 'toPos') {
    return false;
  }
  const category = readMessage(event).category;
  return category !== undefined && PROGRESS_CATEGORIES.has(category);
}

function describeFinal(op: OpRecord): string {
  return [op.phase, op.outcome, `seq ${op.seq}`].filter((part) => part !== undefined).join(' ');
}

function label(op: OpRecord): string {
  return `${op.name} ${op.op} (seq ${op.seq})`;
}

/**
 * README "The reference client's rules": every operation ends in exactly one final record (ok, fail or info), after
 * its invoke and within its deadline (see `operationDeadlineMs`; an invoke whose `detail`
 * states `deadlineMs` is held to that instead). An operation still running when the trace ends
 * is judged only once its deadline has passed: a trace cut short is not a hang.
 */
function read(header: TraceHeader, observer: Observer | undefined): EventReader<Verdict[]> {
  const operations = new Map<string, Operation>();
  /** Payments without a final record yet: the ones progress frames keep alive. */
  const runningPayments = new Set<Operation>();
  const violations: Verdict[] = [];
  let endT = 0;

  const push = (event: TraceEvent): void => {
    endT = event.t;
    if (isProgress(event, observer)) {
      for (const operation of runningPayments) operation.activityT = event.t;
      return;
    }
    if (event.kind !== 'op') return;
    const known = operations.get(event.op);
    if (event.phase === 'invoke') {
      if (known !== undefined) {
        violations.push(
          failed(
            NAME,
            `operation id ${event.op} was invoked twice: ${label(known.invoke)} and seq ${event.seq}`,
            [known.invoke.seq, event.seq],
          ),
        );
        return;
      }
      const operation: Operation = { invoke: event, finals: [], activityT: event.t };
      operations.set(event.op, operation);
      if (event.name === 'pay') runningPayments.add(operation);
    } else if (known === undefined) {
      violations.push(
        failed(
          NAME,
          `final record ${event.phase} of ${event.name} ${event.op} (seq ${event.seq}) has no invoke before it`,
          [event.seq],
        ),
      );
    } else {
      known.finals.push(event);
      runningPayments.delete(known);
    }
  };

  const judgeOperation = ({ invoke, finals, activityT }: Operation): Verdict[] => {
    const out: Verdict[] = [];
    const stated = invoke.detail?.deadlineMs;
    const deadline =
      typeof stated === 'number' && stated >= 0
        ? stated
        : operationDeadlineMs(invoke.name, header.policy);
    const first = finals[0];
    if (finals.length > 1) {
      out.push(
        failed(
          NAME,
          `${label(invoke)} ended ${finals.length} times (${listed(finals, describeFinal)})`,
          [invoke.seq, ...finals.map((f) => f.seq)],
        ),
      );
    }
    if (first === undefined) {
      if (endT - activityT > deadline) {
        out.push(
          failed(
            NAME,
            `${label(invoke)} never ended: no final record ${endT - invoke.t} ms after its invoke (deadline ${deadline} ms)`,
            [invoke.seq],
          ),
        );
      }
    } else if (first.t - activityT > deadline) {
      out.push(
        failed(
          NAME,
          `${label(invoke)} ended ${first.t - invoke.t} ms after its invoke (seq ${first.seq}), past its deadline of ${deadline} ms`,
          [invoke.seq, first.seq],
        ),
      );
    }
    return out;
  };

  const verdicts = (): Verdict[] => {
    const all = [...violations, ...[...operations.values()].flatMap(judgeOperation)];
    if (operations.size === 0 && all.length === 0) {
      return [
        passed(
          NAME,
          'not applicable: the trace has no operation records (e.g. a terminal-role trace)',
        ),
      ];
    }
    const running = [...operations.values()].filter((o) => o.finals.length === 0).length;
    return judge(
      NAME,
      all,
      `every operation (${operations.size}) ended exactly once within its deadline` +
        (running > 0 ? ` (${running} still running when the trace ended, within deadline)` : ''),
    );
  };

  return { push, read: verdicts };
}

export const finalOutcome = defineChecker({
  name: NAME,
  description:
    'Every operation ends exactly once (ok, fail or info), within a deadline derived from the policy; none hangs.',
  start: (header) => byPrimaryObserver((observer) => read(header, observer)),
});
