import { performance } from 'node:perf_hooks';
import { generateSchedule, scheduleScenario, type Schedule } from './fuzz-schedule';
import { runScenario } from './run-scenario';
import { failureSignature, shrinkSchedule } from './shrink';
import type { ManagerFactory, ScenarioResult } from './types';

export interface FuzzOptions {
  /** Run `i` (from 0) plays the schedule of seed `seed + i`. */
  readonly seed: number;
  readonly runs: number;
  /**
   * Plays only this slice of the runs (`index` from 1 of `count`): contiguous, disjoint, and
   * together the whole range, so shards on several machines make up one campaign.
   */
  readonly shard?: FuzzShard;
  /** The POS under test; default the reference session manager. */
  readonly createManager?: ManagerFactory;
  /** Plays the runs (default: one after another in this thread). */
  readonly pool?: FuzzPool;
  /** Most schedules tried while shrinking a failure (default 400). */
  readonly shrinkBudget?: number;
  /** Called after every run, in the order runs end (progress output). */
  readonly onRun?: (run: FuzzRun) => void;
}

/** Slice `index` (from 1) of `count` of a campaign's runs. */
export interface FuzzShard {
  readonly index: number;
  readonly count: number;
}

/** What a pool reports about one run: enough to count it; a failure is replayed to shrink it. */
export interface RunSummary {
  readonly pass: boolean;
  /** Scenario time the run played, in ms. */
  readonly durationMs: number;
  /** What failed (see `failureSignature`); empty when it passed. */
  readonly signature: readonly string[];
}

/**
 * Plays runs by seed, as many at once as it has lanes: in this thread, or on worker threads
 * (`a2a fuzz --workers`). A run's summary depends only on its seed and the POS.
 */
export interface FuzzPool {
  readonly lanes: number;
  run(seed: number): Promise<RunSummary>;
  close(): Promise<void>;
}

/** One run of the fuzzer. */
export interface FuzzRun extends RunSummary {
  readonly index: number;
  readonly seed: number;
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
  /** The slice played, when sharded. */
  readonly shard?: FuzzShard;
  /** Index of the first run of the slice played (0 unsharded). */
  readonly first: number;
  /**
   * Runs counted (fewer than the slice holds when one failed: the fuzzer stops at the first
   * failure; runs after it that were already under way on other lanes are not counted).
   */
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

/** The run indexes of a shard: `[from, to)` of `0 … runs`. */
export function shardRange(runs: number, shard?: FuzzShard): { from: number; to: number } {
  if (shard === undefined) return { from: 0, to: runs };
  return {
    from: Math.floor((runs * (shard.index - 1)) / shard.count),
    to: Math.floor((runs * shard.index) / shard.count),
  };
}

/** A pool that plays runs one at a time in this thread. */
export function inThreadPool(createManager?: ManagerFactory): FuzzPool {
  return {
    lanes: 1,
    run: async (seed) => summarise(await runSchedule(generateSchedule(seed), createManager)),
    close: () => Promise.resolve(),
  };
}

/** The summary a pool reports for a played run. */
export function summarise(result: ScenarioResult): RunSummary {
  return {
    pass: result.pass,
    durationMs: result.durationMs,
    signature: result.pass ? [] : [...failureSignature(result)],
  };
}

/**
 * Plays random fault schedules in virtual time against the POS and every checker. Stops at the
 * first failing run and shrinks it to the smallest schedule that still fails the same way.
 * Deterministic: the same seed, runs, shard and POS give the same report (wall times aside),
 * however many lanes the pool has — runs go out in index order, and the failure reported is the
 * one with the lowest index, whichever lane finished first.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const wallStart = performance.now();
  const pool = options.pool ?? inThreadPool(options.createManager);
  const { from, to } = shardRange(options.runs, options.shard);
  const summaries = new Map<number, RunSummary>();
  let next = from;
  /** Lowest index of a failing run so far: no run after it is started. */
  let firstFailure = Infinity;

  const lane = async (): Promise<void> => {
    while (next < to && next < firstFailure) {
      const index = next++;
      const seed = runSeed(options.seed, index);
      const summary = await pool.run(seed);
      summaries.set(index, summary);
      if (!summary.pass) firstFailure = Math.min(firstFailure, index);
      options.onRun?.({ index, seed, ...summary });
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, pool.lanes) }, lane));
  } finally {
    if (options.pool === undefined) await pool.close();
  }

  const end = Math.min(to, firstFailure + 1);
  let scenarioMs = 0;
  let passed = 0;
  for (let index = from; index < end; index++) {
    const summary = summaries.get(index);
    scenarioMs += summary?.durationMs ?? 0;
    if (summary?.pass === true) passed++;
  }
  const base = {
    seed: options.seed,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    first: from,
    runs: end - from,
    passed,
    scenarioMs,
  };
  if (firstFailure === Infinity) {
    return { ...base, wallMs: Math.round(performance.now() - wallStart) };
  }
  // Replayed here (same seed, same result) for the whole trace, then shrunk.
  const seed = runSeed(options.seed, firstFailure);
  const schedule = generateSchedule(seed);
  const result = await runSchedule(schedule, options.createManager);
  const shrunk = await shrinkSchedule(
    schedule,
    result,
    (candidate) => runSchedule(candidate, options.createManager),
    options.shrinkBudget ?? 400,
  );
  return {
    ...base,
    failure: {
      seed,
      run: firstFailure,
      signature: [...failureSignature(result)],
      original: schedule,
      originalResult: result,
      shrunk: shrunk.schedule,
      shrunkResult: shrunk.result,
      shrinkTries: shrunk.tries,
    },
    wallMs: Math.round(performance.now() - wallStart),
  };
}
