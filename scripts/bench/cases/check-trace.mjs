// `a2a check` of a 100,000-event trace: wall time and peak memory of the
// built CLI judging the file with every checker, next to the baseline of the same run — reading
// the file and JSON.parse of every line, the least any checker of the whole text could cost.
// The trace repeats one fuzz run's story, so its ServiceIDs repeat and a checker fails with
// thousands of events (the verdict text must stay one readable line).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { missingBuild, ROOT } from '../../lib/web-harness.mjs';
import { repeatTrace } from '../big-trace.mjs';
import { median, round3 } from '../stats.mjs';

const EVENTS = 100_000;
const MIN_RUNS = 3;
const MAX_RUNS = 10;

/**
 * Runs peak-memory.mjs with `args`; its wall time, peak memory and stdout.
 * @param {string[]} args
 * @returns {Promise<{ ms: number, mib: number, stdout: string }>}
 */
async function measured(args) {
  const began = performance.now();
  let stdout = '';
  let stderr = '';
  try {
    ({ stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [resolve(ROOT, 'scripts/bench/peak-memory.mjs'), ...args],
      { maxBuffer: 64 << 20 },
    ));
  } catch (caught) {
    // `a2a check` exits 1 when a checker fails: that is a result here, not an error.
    const error = /** @type {{ code?: number, stdout: string, stderr: string }} */ (caught);
    if (error.code !== 1) throw caught;
    ({ stdout, stderr } = error);
  }
  const ms = performance.now() - began;
  const peak = /peak-kib (\d+)/.exec(stderr);
  if (peak === null) throw new Error(`no peak memory reported: ${stderr.slice(-300)}`);
  return { ms, mib: Number(peak[1]) / 1024, stdout };
}

/** @type {import('../runner.mjs').BenchCase} */
export const checkTrace = {
  name: 'check-trace',
  description: `a2a check of a ${EVENTS.toLocaleString('en')}-event trace: time and peak memory vs read + JSON.parse`,
  async run({ budgetMs, core: anyCore, log }) {
    // The bench harness hands each case the core's modules untyped (runner.d.mts).
    const core =
      /** @type {{ runSchedule(schedule: unknown): Promise<{ trace: { text: string } }>, generateSchedule(seed: number): unknown }} */ (
        anyCore
      );
    const missing = missingBuild();
    if (missing !== undefined) throw new Error(missing);
    const dir = await mkdtemp(join(tmpdir(), 'a2a-bench-check-'));
    try {
      const story = await core.runSchedule(core.generateSchedule(3));
      const file = join(dir, 'big.jsonl');
      await writeFile(file, repeatTrace(story.trace.text, EVENTS));
      const bytes = (await stat(file)).size;
      log(`trace: ${EVENTS} events, ${(bytes / 2 ** 20).toFixed(1)} MiB`);
      const checks = [];
      const parses = [];
      let longest = 0;
      const start = performance.now();
      while (
        checks.length < MAX_RUNS &&
        (checks.length < MIN_RUNS || performance.now() - start < budgetMs)
      ) {
        const check = await measured(['cli', 'check', file, '--json']);
        checks.push(check);
        parses.push(await measured(['parse', file]));
        const report = /** @type {{ verdicts: { message: string }[] }} */ (
          JSON.parse(check.stdout)
        );
        longest = Math.max(...report.verdicts.map((v) => v.message.length));
      }
      const checkMs = median(checks.map((c) => c.ms));
      const parseMs = median(parses.map((p) => p.ms));
      return [
        { name: 'check', value: round3(checkMs), unit: 'ms' },
        { name: 'check peak', value: round3(Math.max(...checks.map((c) => c.mib))), unit: 'MiB' },
        { name: 'baseline parse', value: round3(parseMs), unit: 'ms' },
        {
          name: 'baseline peak',
          value: round3(Math.max(...parses.map((p) => p.mib))),
          unit: 'MiB',
        },
        { name: 'check ÷ parse', value: round3(checkMs / parseMs), unit: '×' },
        { name: 'longest verdict', value: longest, unit: 'chars' },
        { name: 'runs', value: checks.length, unit: 'runs' },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
