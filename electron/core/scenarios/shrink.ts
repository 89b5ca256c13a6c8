import type { ScenarioResult } from './types';
import type { Schedule, ScheduleStep } from './fuzz-schedule';

/**
 * What a failure is about: the checkers that failed and the kinds of steps that failed. A
 * smaller schedule counts as "still failing" only when it fails in at least one of the same ways,
 * so shrinking cannot wander off to a different bug.
 */
export function failureSignature(result: ScenarioResult): ReadonlySet<string> {
  const signature = new Set<string>();
  for (const verdict of result.verdicts) if (!verdict.pass) signature.add(verdict.checker);
  for (const step of result.steps) {
    // expectVerdicts fails because of checkers, which are already in the set.
    if (step.status === 'failed' && step.kind !== 'expectVerdicts')
      signature.add(`step:${step.kind}`);
  }
  if (signature.size === 0 && !result.pass) signature.add('run');
  return signature;
}

function overlaps(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const item of a) if (b.has(item)) return true;
  return false;
}

/** Smaller versions of one action: shorter waits and delays, fewer BUSY answers. */
function simpler(step: ScheduleStep): ScheduleStep[] {
  if (step.kind === 'wait') {
    return [0, 50, 300, 1000].filter((ms) => ms < step.ms).map((ms) => ({ ...step, ms }));
  }
  if (step.kind === 'fault' && step.fault === 'delayResponses' && typeof step.ms === 'number') {
    const ms = step.ms;
    return [0, 500, 2500].filter((m) => m < ms).map((m) => ({ ...step, ms: m }));
  }
  if (step.kind === 'fault' && step.fault === 'busyNextLogins' && typeof step.count === 'number') {
    const count = step.count;
    return [1, 2].filter((c) => c < count).map((c) => ({ ...step, count: c }));
  }
  return [];
}

/** Runs one schedule (in virtual time, with the run's seed). */
export type RunSchedule = (schedule: Schedule) => Promise<ScenarioResult>;

/** The smallest failing schedule found, its result, and how many schedules were tried. */
export interface Shrunk {
  readonly schedule: Schedule;
  readonly result: ScenarioResult;
  readonly tries: number;
}

/**
 * Shrinks a failing schedule: first drops chunks of actions (halves, quarters, ... single
 * steps), then shortens waits and delays, then makes the simulator quick, keeping each change
 * that still fails in one of the same ways. At most `budget` schedules are run.
 */
export async function shrinkSchedule(
  failing: Schedule,
  result: ScenarioResult,
  run: RunSchedule,
  budget: number,
): Promise<Shrunk> {
  const target = failureSignature(result);
  let best = failing;
  let bestResult = result;
  let tries = 0;

  const attempt = async (candidate: Schedule): Promise<boolean> => {
    if (tries >= budget) return false;
    tries += 1;
    const outcome = await run(candidate);
    if (outcome.pass || !overlaps(failureSignature(outcome), target)) return false;
    best = candidate;
    bestResult = outcome;
    return true;
  };

  for (let size = Math.ceil(best.actions.length / 2); size >= 1; size = Math.floor(size / 2)) {
    let start = 0;
    while (start < best.actions.length && tries < budget) {
      const actions = [...best.actions.slice(0, start), ...best.actions.slice(start + size)];
      // On success the next chunk has moved into `start`: try again there.
      if (!(await attempt({ ...best, actions }))) start += size;
    }
  }

  for (let index = 0; index < best.actions.length; index++) {
    const current = best.actions[index];
    if (current === undefined) continue;
    for (const smaller of simpler(current)) {
      const actions = best.actions.map((step, i) => (i === index ? smaller : step));
      if (await attempt({ ...best, actions })) break;
    }
  }

  const quick = { ...best.simulator, initMs: 0, cardMs: 200, authMs: 200 };
  if (JSON.stringify(quick) !== JSON.stringify(best.simulator)) {
    await attempt({ ...best, simulator: quick });
  }
  return { schedule: best, result: bestResult, tries };
}
