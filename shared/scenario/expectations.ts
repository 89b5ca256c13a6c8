import type { Outcome } from '../session/outcomes';
import type { LedgerEntry } from '../trace/events';
import type { CheckerName, Verdict } from '../trace/checkers/types';
import type { Count, StepOf } from './schema';

/**
 * How the runner judges expectation steps, as pure functions so that the meaning of a
 * scenario file is fixed here, next to its schema, and the same in every runner (CLI, window,
 * Playwright fixture). Each returns the problems found; none means the expectation holds.
 */

/** The ledger counts an `expectLedger` step can name. */
export interface LedgerCounts {
  /** Every entry. */
  readonly entries: number;
  /** Entries approved or partially approved (reversed or not). */
  readonly approvals: number;
  /** Approvals not reversed: what the customer was charged. */
  readonly unreversedApprovals: number;
  /** Entries declined. */
  readonly declines: number;
  /** Entries marked reversed. */
  readonly reversals: number;
}

const COUNT_KEYS = [
  'entries',
  'approvals',
  'unreversedApprovals',
  'declines',
  'reversals',
] as const;

/** Counts the ledger, only the entries of `saleTransactionId` when given. */
export function ledgerCounts(
  entries: readonly LedgerEntry[],
  saleTransactionId?: string,
): LedgerCounts {
  const rows = entries.filter(
    (e) => saleTransactionId === undefined || e.saleTransactionId === saleTransactionId,
  );
  const approved = rows.filter((e) => e.result === 'approved' || e.result === 'partial');
  return {
    entries: rows.length,
    approvals: approved.length,
    unreversedApprovals: approved.filter((e) => !e.reversed).length,
    declines: rows.filter((e) => e.result === 'declined').length,
    reversals: rows.filter((e) => e.reversed).length,
  };
}

/** True when `actual` is the count, or within its bounds. */
export function countMatches(count: Count, actual: number): boolean {
  if (typeof count === 'number') return actual === count;
  return (
    (count.min === undefined || actual >= count.min) &&
    (count.max === undefined || actual <= count.max)
  );
}

function describeCount(count: Count): string {
  if (typeof count === 'number') return String(count);
  if (count.min !== undefined && count.max !== undefined) return `${count.min} to ${count.max}`;
  return count.min !== undefined ? `at least ${count.min}` : `at most ${count.max ?? 0}`;
}

/**
 * Judges an `expectLedger` step against the simulator's ledger. `saleTransactionId` is the
 * step's own, or the one the runner used for the `pay` step named by `sale`.
 */
export function ledgerProblems(
  step: StepOf<'expectLedger'>,
  entries: readonly LedgerEntry[],
  saleTransactionId: string | undefined = step.saleTransactionId,
): string[] {
  const counts = ledgerCounts(entries, saleTransactionId);
  const scope = saleTransactionId === undefined ? 'the ledger' : `sale ${saleTransactionId}`;
  return COUNT_KEYS.flatMap((key) => {
    const count = step[key];
    if (count === undefined || countMatches(count, counts[key])) return [];
    return [`${scope}: ${key} is ${counts[key]}, expected ${describeCount(count)}`];
  });
}

/** The fields of an outcome an `expectOutcome` step can name, read from any outcome kind. */
function fieldsOf(outcome: Outcome): { result?: string; errorCondition?: string; resent: boolean } {
  return {
    ...('result' in outcome && typeof outcome.result === 'string'
      ? { result: outcome.result }
      : {}),
    ...('errorCondition' in outcome && typeof outcome.errorCondition === 'string'
      ? { errorCondition: outcome.errorCondition }
      : {}),
    resent: 'resentAfter' in outcome && outcome.resentAfter !== undefined,
  };
}

/** Judges an `expectOutcome` step against the operation's final outcome. */
export function outcomeProblems(step: StepOf<'expectOutcome'>, outcome: Outcome): string[] {
  const wanted: readonly string[] = Array.isArray(step.outcome) ? step.outcome : [step.outcome];
  const problems: string[] = [];
  const fields = fieldsOf(outcome);
  const why = 'reason' in outcome ? ` (${outcome.reason})` : '';
  if (!wanted.includes(outcome.kind)) {
    problems.push(`${step.of} ended ${outcome.kind}${why}, expected ${wanted.join(' or ')}`);
  }
  if (step.result !== undefined && fields.result !== step.result) {
    problems.push(`${step.of} result is ${fields.result ?? 'none'}, expected ${step.result}`);
  }
  if (step.errorCondition !== undefined && fields.errorCondition !== step.errorCondition) {
    problems.push(
      `${step.of} errorCondition is ${fields.errorCondition ?? 'none'}, expected ${step.errorCondition}`,
    );
  }
  if (step.resent !== undefined && fields.resent !== step.resent) {
    problems.push(
      `${step.of} was ${fields.resent ? '' : 'not '}resent, expected ${step.resent ? '' : 'no '}resend`,
    );
  }
  return problems;
}

/** The answer to a `send` step: its `Response` block, or nothing within the step's timeout. */
export interface SendAnswer {
  readonly result?: string;
  readonly errorCondition?: string;
}

/** Judges an `expectResponse` step; `answer` is undefined when no response came. */
export function responseProblems(
  step: StepOf<'expectResponse'>,
  answer: SendAnswer | undefined,
): string[] {
  if (answer === undefined) {
    return step.none === true ? [] : [`${step.of} got no response`];
  }
  const problems: string[] = [];
  if (step.none === true)
    problems.push(`${step.of} got a response (${answer.result ?? '?'}), expected none`);
  if (step.result !== undefined && answer.result !== step.result) {
    problems.push(`${step.of} answered ${answer.result ?? 'no Result'}, expected ${step.result}`);
  }
  if (step.errorCondition !== undefined && answer.errorCondition !== step.errorCondition) {
    problems.push(
      `${step.of} ErrorCondition is ${answer.errorCondition ?? 'none'}, expected ${step.errorCondition}`,
    );
  }
  return problems;
}

/**
 * Judges an `expectVerdicts` step: every checker in `fail` has a failing verdict; with `pass:
 * "all"` every other checker passes, with a list only those. The runner applies
 * {@link FINAL_VERDICTS} after the last step when a scenario has no `expectVerdicts` step.
 */
export function verdictProblems(
  step: Pick<StepOf<'expectVerdicts'>, 'fail' | 'pass'>,
  verdicts: readonly Verdict[],
): string[] {
  const failing = new Set<CheckerName>(verdicts.filter((v) => !v.pass).map((v) => v.checker));
  const problems: string[] = [];
  for (const name of step.fail) {
    if (!failing.has(name)) problems.push(`${name} passed, expected it to fail`);
  }
  for (const verdict of verdicts) {
    if (verdict.pass || step.fail.includes(verdict.checker)) continue;
    if (step.pass === 'all' || step.pass.includes(verdict.checker)) {
      problems.push(`${verdict.checker} failed: ${verdict.message}`);
    }
  }
  return problems;
}

/** The judgement of a scenario that states none: every checker passes on the whole trace. */
export const FINAL_VERDICTS: Pick<StepOf<'expectVerdicts'>, 'fail' | 'pass'> = {
  fail: [],
  pass: 'all',
};
