// Fuzz throughput: random fault schedules played in virtual time (in-memory link, virtual
// clock) against the reference client, each judged by every checker — the loop `a2a fuzz` runs.
import { median, percentile, round3 } from '../stats.mjs';

const MIN_RUNS = 20;
const MAX_RUNS = 100_000;
/**
 * Runs played before the clock starts, as the round-trip cases warm up (echo.mjs): a campaign
 * runs for minutes, so its rate is that of optimised code, not of the first second's JIT. They
 * use seeds of their own, above any the timed runs reach, so no timed run repeats one.
 */
const WARM_UP_RUNS = 200;
const WARM_UP_SEED = 1_000_000_000;

/** @type {import('../runner.mjs').BenchCase} */
export const fuzzThroughput = {
  name: 'fuzz-throughput',
  description:
    'scenario runs/s in virtual time: random fault schedules vs the reference client + all checkers',
  async run({ budgetMs, core: anyCore, log }) {
    // The bench harness hands each case the core's modules untyped (runner.d.mts); this case
    // uses the scenario runner's two entry points.
    const core =
      /** @type {{ runSchedule(schedule: unknown): Promise<{ durationMs: number, pass: boolean }>, generateSchedule(seed: number): unknown }} */ (
        anyCore
      );
    for (let i = 0; i < WARM_UP_RUNS; i++)
      await core.runSchedule(core.generateSchedule(WARM_UP_SEED + i));
    const walls = [];
    let scenarioMs = 0;
    let failing = 0;
    let seed = 1;
    const start = performance.now();
    while (
      walls.length < MAX_RUNS &&
      (walls.length < MIN_RUNS || performance.now() - start < budgetMs)
    ) {
      const began = performance.now();
      const result = await core.runSchedule(core.generateSchedule(seed++));
      walls.push(performance.now() - began);
      scenarioMs += result.durationMs;
      if (!result.pass) failing += 1;
    }
    const elapsed = performance.now() - start;
    // Counted, not hidden: a failing run is a finding of the fuzzer (see `a2a fuzz --seed`).
    if (failing > 0) log(`${failing} of ${walls.length} schedules failed a checker`);
    return [
      { name: 'runs/s', value: round3((walls.length * 1000) / elapsed), unit: 'runs/s' },
      { name: 'runs/min', value: Math.round((walls.length * 60_000) / elapsed), unit: 'runs/min' },
      { name: 'speed-up', value: round3(scenarioMs / elapsed), unit: '× real time' },
      { name: 'median', value: round3(median(walls)), unit: 'ms/run' },
      { name: 'p95', value: round3(percentile(walls, 95)), unit: 'ms/run' },
      { name: 'runs', value: walls.length, unit: 'runs' },
      { name: 'failing', value: failing, unit: 'runs' },
    ];
  },
};
