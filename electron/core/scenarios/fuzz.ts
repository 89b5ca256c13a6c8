import { performance } from 'node:perf_hooks';
import { generateSchedule, scheduleScenario, type Schedule } from './fuzz-schedule';
import { runScenario } from './run-scenario';
import { failureSignature, shrinkSchedule } from './shrink';
import type { ManagerFactory, ScenarioResult } from './types';

export interface FuzzOptions {
  /** Run `i` (from 0) plays the schedule of seed `seed + i`. */
  readonly seed: number;
  readonly runs: number;
  /** The POS under test; default the reference session manager. */
  readonly createManager?: ManagerFactory;
  /** Most schedules tried while shrinking a failure (default 400). */
  readonly shrinkBudget?: number;
  /** Called after every run (progress output). */
  readonly onRun?: (run: FuzzRun) => void;
}

/** One run of the fuzzer. */
export interface FuzzRun {
  readonly index: number;
  readonly seed: number;
  readonly pass: boolean;
  readonly result: ScenarioResult;
}

/** The first failing schedule, as found and as shrunk. */
export interface FuzzFailure {
  /** The seed that reproduces it: `a2a fuzz --seed SEED --runs 1`. */
  readonly seed: number;
  readonly run: number;
  /** What failed: checker names, or `step:<kind>` for a step that failed. */
  readonly signature: readonly string[];
  readonly original: Schedule;
  readonly originalResult: ScenarioResult;
  /** The smallest schedule found that still fails the same way, and its run. */
  readonly shrunk: Schedule;
  readonly shrunkResult: ScenarioResult;
  /** Schedules run while shrinking. */
  readonly shrinkTries: number;
}

export interface FuzzReport {
  readonly seed: number;
  /** Runs played (fewer than asked when one failed: the fuzzer stops at the first failure). */
  readonly runs: number;
  readonly passed: number;
  readonly failure?: FuzzFailure;
  /** Scenario time played in all runs, in ms (shrinking not included). */
  readonly scenarioMs: number;
  /** Wall time of the whole fuzz session, in ms. */
  readonly wallMs: number;
}

/** The seed of run `index`, wrapped to 32 bits like every seed. */
export function runSeed(seed: number, index: number): number {
  return (seed + index) >>> 0;
}

/** Plays one schedule in virtual time with its own seed. */
export function runSchedule(
  schedule: Schedule,
  createManager?: ManagerFactory,
): Promise<ScenarioResult> {
  return runScenario(scheduleScenario(schedule), {
    timeMode: 'virtual',
    seed: schedule.seed,
    ...(createManager === undefined ? {} : { createManager }),
  });
}

/**
 * Plays random fault schedules in virtual time against the POS and every checker. Stops at the
 * first failing run and shrinks it to the smallest schedule that still fails the same way.
 * Deterministic: the same seed, runs and POS give the same report (wall times aside).
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const wallStart = performance.now();
  let scenarioMs = 0;
  let passed = 0;
  for (let index = 0; index < options.runs; index++) {
    const seed = runSeed(options.seed, index);
    const schedule = generateSchedule(seed);
    const result = await runSchedule(schedule, options.createManager);
    scenarioMs += result.durationMs;
    options.onRun?.({ index, seed, pass: result.pass, result });
    if (result.pass) {
      passed += 1;
      continue;
    }
    const shrunk = await shrinkSchedule(
      schedule,
      result,
      (candidate) => runSchedule(candidate, options.createManager),
      options.shrinkBudget ?? 400,
    );
    return {
      seed: options.seed,
      runs: index + 1,
      passed,
      failure: {
        seed,
        run: index,
        signature: [...failureSignature(result)],
        original: schedule,
        originalResult: result,
        shrunk: shrunk.schedule,
        shrunkResult: shrunk.result,
        shrinkTries: shrunk.tries,
      },
      scenarioMs,
      wallMs: Math.round(performance.now() - wallStart),
    };
  }
  return {
    seed: options.seed,
    runs: options.runs,
    passed,
    scenarioMs,
    wallMs: Math.round(performance.now() - wallStart),
  };
}
