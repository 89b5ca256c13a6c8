import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeStep } from '@shared/scenario';
import { err, ok, type Result } from '@shared/result';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  fuzz,
  inThreadPool,
  shardRange,
  type FuzzFailure,
  type FuzzPool,
  type FuzzReport,
  type FuzzRun,
  type FuzzShard,
} from '../../core/scenarios/fuzz';
import { threadPool } from '../../core/scenarios/thread-pool';
import { scheduleInput, scheduleScenario } from '../../core/scenarios/fuzz-schedule';
import type { ManagerFactory } from '../../core/scenarios/types';
import type { RegisterCommand } from '../program';

/** Where `a2a fuzz` writes; injectable so tests run the command in-process. */
export interface FuzzIo {
  stdout(text: string): void;
  stderr(line: string): void;
  /** Whether stderr is a terminal: progress is then one line redrawn in place. */
  readonly isTTY: boolean;
  /** Writes to stderr as is (the redrawn progress line); default `stderr`'s lines. */
  readonly stderrText?: (text: string) => void;
}

/** Below this many runs a campaign is over in seconds: no progress lines off a terminal. */
const PLAIN_PROGRESS_MIN_RUNS = 1000;

/** Exit codes: 0 every run passed, 1 a run failed, 2 bad arguments. */
export type FuzzExit = 0 | 1 | 2;

interface FuzzFlags {
  readonly seed?: string;
  readonly runs: string;
  readonly workers?: string;
  readonly shard?: string;
  readonly json?: boolean;
  readonly out?: string;
}

/** Validated `a2a fuzz` settings. */
export interface FuzzConfig {
  readonly seed: number;
  readonly runs: number;
  /** Runs under way at once, each on its own worker thread. */
  readonly workers: number;
  readonly shard?: FuzzShard;
  readonly json: boolean;
  /** Where the smallest failing trace goes (its scenario goes next to it). */
  readonly out?: string;
}

const MAX_RUNS = 1_000_000;
const MAX_WORKERS = 256;

/** `--shard 2/4` → slice 2 of 4. */
function parseShard(text: string): Result<FuzzShard, string> {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || count > MAX_RUNS || index < 1 || index > count) {
    return err(`--shard "${text}" is not I/N with 1 <= I <= N (e.g. 2/4)`);
  }
  return ok({ index, count });
}

/** Checks the flags; `now` seeds a run that names no seed, `cores` is the default of --workers. */
export function parseFuzzFlags(
  flags: FuzzFlags,
  now: () => number,
  cores: number = availableParallelism(),
): Result<FuzzConfig, string> {
  let seed = now() >>> 0;
  if (flags.seed !== undefined) {
    if (!/^\d+$/.test(flags.seed) || Number(flags.seed) > 0xffffffff) {
      return err(`--seed "${flags.seed}" is not a whole number between 0 and 4294967295`);
    }
    seed = Number(flags.seed);
  }
  if (!/^\d+$/.test(flags.runs) || Number(flags.runs) < 1 || Number(flags.runs) > MAX_RUNS) {
    return err(`--runs "${flags.runs}" is not a whole number between 1 and ${MAX_RUNS}`);
  }
  const workers = flags.workers ?? String(cores);
  if (!/^\d+$/.test(workers) || Number(workers) < 1 || Number(workers) > MAX_WORKERS) {
    return err(`--workers "${workers}" is not a whole number between 1 and ${MAX_WORKERS}`);
  }
  const shard = flags.shard === undefined ? undefined : parseShard(flags.shard);
  if (shard !== undefined && !shard.ok) return shard;
  return ok({
    seed,
    runs: Number(flags.runs),
    workers: Number(workers),
    ...(shard === undefined ? {} : { shard: shard.value }),
    json: flags.json === true,
    ...(flags.out === undefined ? {} : { out: flags.out }),
  });
}

function runsPerSecond(report: FuzzReport): number {
  return report.wallMs === 0 ? report.runs : Math.round((report.runs * 1000) / report.wallMs);
}

/** The scenario file next to a trace: `x.jsonl` → `x.scenario.json`. */
export function scenarioPathFor(tracePath: string): string {
  return `${tracePath.replace(/\.jsonl$/, '')}.scenario.json`;
}

interface Written {
  readonly trace?: string;
  readonly scenario?: string;
  readonly problem?: string;
}

/** Writes the smallest failing trace and its scenario (so `a2a run` can replay it). */
async function writeFailure(failure: FuzzFailure, out: string): Promise<Written> {
  const scenario = scenarioPathFor(out);
  try {
    await writeFile(out, failure.shrunkResult.trace.text);
    await writeFile(scenario, `${JSON.stringify(scheduleInput(failure.shrunk), null, 2)}\n`);
    return { trace: out, scenario };
  } catch (error) {
    return { problem: `cannot write ${out}: ${(error as Error).message}` };
  }
}

function failureText(asked: number, failure: FuzzFailure, written: Written): string {
  const steps = scheduleScenario(failure.shrunk).steps;
  return [
    `fuzz: run ${failure.run + 1} of ${asked} failed — seed ${failure.seed}: ${failure.signature.join(', ')}`,
    `  reproduce: a2a fuzz --seed ${failure.seed} --runs 1`,
    `  shrunk from ${failure.original.actions.length} to ${failure.shrunk.actions.length} actions (${failure.shrinkTries} schedules tried); profile ${failure.shrunk.profile}, simulator ${JSON.stringify(failure.shrunk.simulator)}, policy ${JSON.stringify(failure.shrunk.policy)}:`,
    ...steps.map((step, index) => `    ${String(index).padStart(2)} ${describeStep(step)}`),
    ...failure.shrunkResult.failures.map((line) => `  ${line}`),
    ...(written.trace === undefined
      ? []
      : [
          `  smallest failing trace: ${written.trace}   (a2a check ${written.trace})`,
          `  its scenario: ${written.scenario ?? ''}   (a2a run ${written.scenario ?? ''} --virtual-time --seed ${failure.seed})`,
        ]),
    '',
  ].join('\n');
}

/** How a campaign plays its runs: the defaults are the reference client on this thread. */
export interface FuzzPlay {
  /** A POS given in code (tests) instead of the reference client; it cannot cross to a thread. */
  readonly createManager?: ManagerFactory;
  /**
   * The bundled `fuzz-worker` entry, which `--workers` starts threads from (the bundle's entry
   * knows where it is); without it the runs share this thread.
   */
  readonly workerEntry?: URL;
}

/**
 * The pool that plays the runs: worker threads when there are several and the bundled entry is
 * known; otherwise the runs share this thread, as many under way at once as asked (the same
 * results either way: see `fuzz`).
 */
function poolFor(config: FuzzConfig, { createManager, workerEntry }: FuzzPlay): FuzzPool {
  if (config.workers > 1 && workerEntry !== undefined && createManager === undefined) {
    return threadPool(config.workers, workerEntry);
  }
  return { ...inThreadPool(createManager), lanes: config.workers };
}

/** Progress: runs, failures and rate, redrawn on a terminal, a plain line every tenth otherwise. */
function progressReporter(
  config: FuzzConfig,
  io: FuzzIo,
): {
  onRun: (run: FuzzRun) => void;
  done: () => void;
} {
  const { from, to } = shardRange(config.runs, config.shard);
  const total = to - from;
  const started = performance.now();
  const write = io.stderrText ?? ((text: string) => io.stderr(text));
  let done = 0;
  let failures = 0;
  const line = (): string => {
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    return `fuzz: ${done}/${total} runs, ${failures} failing, ${rate} runs/s`;
  };
  const plainEvery = total >= PLAIN_PROGRESS_MIN_RUNS ? Math.ceil(total / 10) : Infinity;
  return {
    onRun(run) {
      done++;
      if (!run.pass) failures++;
      if (config.json) return;
      if (io.isTTY) write(`\r\u001b[2K${line()}`);
      else if (done % plainEvery === 0) io.stderr(line());
    },
    done() {
      if (!config.json && io.isTTY) write('\r\u001b[2K');
    },
  };
}

/** Runs the fuzzer, reports, writes the failing trace, and returns the exit code. */
export async function runFuzz(
  config: FuzzConfig,
  io: FuzzIo,
  play: FuzzPlay = {},
): Promise<FuzzExit> {
  const { createManager } = play;
  const progress = progressReporter(config, io);
  const pool = poolFor(config, play);
  let report: FuzzReport;
  try {
    report = await fuzz({
      seed: config.seed,
      runs: config.runs,
      ...(config.shard === undefined ? {} : { shard: config.shard }),
      ...(createManager === undefined ? {} : { createManager }),
      pool,
      onRun: progress.onRun,
    });
  } finally {
    await pool.close();
    progress.done();
  }
  const failure = report.failure;
  const written =
    failure === undefined
      ? {}
      : await writeFailure(failure, config.out ?? `a2a-fuzz-${failure.seed}.jsonl`);
  if (written.problem !== undefined) io.stderr(`a2a fuzz: ${written.problem}`);

  if (config.json) {
    io.stdout(
      `${JSON.stringify({
        pass: failure === undefined,
        seed: report.seed,
        ...(config.shard === undefined
          ? {}
          : { shard: `${config.shard.index}/${config.shard.count}`, first: report.first }),
        workers: config.workers,
        runs: report.runs,
        passed: report.passed,
        scenarioMs: report.scenarioMs,
        wallMs: report.wallMs,
        runsPerSecond: runsPerSecond(report),
        ...(failure === undefined
          ? {}
          : {
              failure: {
                seed: failure.seed,
                run: failure.run,
                signature: failure.signature,
                failures: failure.shrunkResult.failures,
                verdicts: failure.shrunkResult.verdicts.filter((v) => !v.pass),
                originalActions: failure.original.actions.length,
                scenario: scheduleInput(failure.shrunk),
                shrinkTries: failure.shrinkTries,
                trace: written.trace ?? null,
                scenarioFile: written.scenario ?? null,
              },
            }),
      })}\n`,
    );
  } else if (failure !== undefined) {
    io.stdout(failureText(config.runs, failure, written));
  } else {
    const slice =
      config.shard === undefined
        ? `${report.runs} runs from seed ${report.seed}`
        : `shard ${config.shard.index}/${config.shard.count}: ${report.runs} runs (${report.first + 1}–${report.first + report.runs} of ${config.runs}) from seed ${report.seed}`;
    io.stdout(
      `fuzz: ${slice}: all passed (${Math.round(report.scenarioMs / 1000)} s of scenario time in ${(report.wallMs / 1000).toFixed(1)} s, ${runsPerSecond(report)} runs/s)\n`,
    );
  }
  return failure === undefined ? 0 : 1;
}

/** `a2a fuzz`: random fault schedules in virtual time against the reference client and the checkers. */
export function createFuzzCommand(
  io: FuzzIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    stderrText: (text) => void process.stderr.write(text),
    isTTY: process.stderr.isTTY === true,
  },
  { now = Date.now, ...play }: FuzzPlay & { readonly now?: () => number } = {},
): RegisterCommand {
  return (program) => {
    program
      .command('fuzz')
      .description(
        'run random fault schedules in virtual time against the reference client and every checker',
      )
      .option('--seed <n>', 'seed of the first run; run i uses seed+i (default: from the clock)')
      .option('--runs <n>', 'how many schedules to run', '200')
      .option(
        '--workers <n>',
        'runs under way at once, each on its own worker thread (default: the core count)',
      )
      .option(
        '--shard <i/n>',
        'play only the i-th of n disjoint slices of the runs (a CI matrix spreads a campaign)',
      )
      .option('--json', 'print one JSON line with the result')
      .option(
        '--out <file>',
        'where to write the smallest failing trace (default a2a-fuzz-SEED.jsonl)',
      )
      .addHelpText(
        'after',
        `
Each run plays a random schedule (payments, status, aborts, logins, waits and every simulator
fault, in one of the profiles) and judges its trace with every checker. At the first failing
run it prints the seed, shrinks the schedule (drops steps, shortens waits) while it still fails
the same way, and writes that smallest failing trace and its scenario file.
The same seed and runs give the same result whatever --workers says; the shards of one --seed
and --runs together play exactly the runs of the unsharded campaign. Progress (runs, failures,
rate) goes to stderr: one redrawn line on a terminal, a plain line every tenth otherwise.
Exit: 0 every run passed, 1 a run failed, 2 bad arguments.`,
      )
      .action(async (flags: FuzzFlags, command: Command) => {
        const config = parseFuzzFlags(flags, now);
        if (!config.ok) command.error(`error: ${config.error}`, { exitCode: 2, code: 'a2a.usage' });
        process.exitCode = await runFuzz(config.value, io, play);
      });
  };
}
