import type { EventOf, TraceEvent } from '../events';
import type { Checker, CheckInput, Verdict } from './types';
import { operationDeadlineMs } from './deadlines';
import { failed, judge, passed } from './verdicts';
import { primaryObserver, readMessage } from './frame-view';

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

function isProgress(event: TraceEvent, observer: string | undefined): boolean {
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
function check({ header, events }: CheckInput): Verdict[] {
  const observer = primaryObserver(events);
  const operations = new Map<string, Operation>();
  const violations: Verdict[] = [];
  const endT = events.at(-1)?.t ?? 0;

  for (const event of events) {
    if (isProgress(event, observer)) {
      for (const operation of operations.values()) {
        if (operation.finals.length === 0 && operation.invoke.name === 'pay') {
          operation.activityT = event.t;
        }
      }
      continue;
    }
    if (event.kind !== 'op') continue;
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
        continue;
      }
      operations.set(event.op, { invoke: event, finals: [], activityT: event.t });
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
    }
  }

  for (const { invoke, finals, activityT } of operations.values()) {
    const stated = invoke.detail?.deadlineMs;
    const deadline =
      typeof stated === 'number' && stated >= 0
        ? stated
        : operationDeadlineMs(invoke.name, header.policy);
    const first = finals[0];
    if (finals.length > 1) {
      violations.push(
        failed(
          NAME,
          `${label(invoke)} ended ${finals.length} times (${finals.map(describeFinal).join(', ')})`,
          [invoke.seq, ...finals.map((f) => f.seq)],
        ),
      );
    }
    if (first === undefined) {
      if (endT - activityT > deadline) {
        violations.push(
          failed(
            NAME,
            `${label(invoke)} never ended: no final record ${endT - invoke.t} ms after its invoke (deadline ${deadline} ms)`,
            [invoke.seq],
          ),
        );
      }
    } else if (first.t - activityT > deadline) {
      violations.push(
        failed(
          NAME,
          `${label(invoke)} ended ${first.t - invoke.t} ms after its invoke (seq ${first.seq}), past its deadline of ${deadline} ms`,
          [invoke.seq, first.seq],
        ),
      );
    }
  }

  if (operations.size === 0 && violations.length === 0) {
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
    violations,
    `every operation (${operations.size}) ended exactly once within its deadline` +
      (running > 0 ? ` (${running} still running when the trace ended, within deadline)` : ''),
  );
}

export const finalOutcome: Checker = {
  name: NAME,
  description:
    'Every operation ends exactly once (ok, fail or info), within a deadline derived from the policy; none hangs.',
  check,
};
