import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { describeStep } from '@shared/scenario';
import { err, ok, type Result } from '@shared/result';
import { fuzz, type FuzzFailure, type FuzzReport } from '../../core/scenarios/fuzz';
import { scheduleInput, scheduleScenario } from '../../core/scenarios/fuzz-schedule';
import type { ManagerFactory } from '../../core/scenarios/types';
import type { RegisterCommand } from '../program';

/** Where `a2a fuzz` writes; injectable so tests run the command in-process. */
export interface FuzzIo {
  stdout(text: string): void;
  stderr(line: string): void;
  readonly isTTY: boolean;
}

/** Exit codes: 0 every run passed, 1 a run failed, 2 bad arguments. */
export type FuzzExit = 0 | 1 | 2;

interface FuzzFlags {
  readonly seed?: string;
  readonly runs: string;
  readonly json?: boolean;
  readonly out?: string;
}

/** Validated `a2a fuzz` settings. */
export interface FuzzConfig {
  readonly seed: number;
  readonly runs: number;
  readonly json: boolean;
  /** Where the smallest failing trace goes (its scenario goes next to it). */
  readonly out?: string;
}

const MAX_RUNS = 1_000_000;

/** Checks the flags; `now` seeds a run that names no seed. */
export function parseFuzzFlags(flags: FuzzFlags, now: () => number): Result<FuzzConfig, string> {
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
  return ok({
    seed,
    runs: Number(flags.runs),
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

/** Runs the fuzzer, reports, writes the failing trace, and returns the exit code. */
export async function runFuzz(
  config: FuzzConfig,
  io: FuzzIo,
  createManager?: ManagerFactory,
): Promise<FuzzExit> {
  const showProgress = !config.json && io.isTTY;
  const report = await fuzz({
    seed: config.seed,
    runs: config.runs,
    ...(createManager === undefined ? {} : { createManager }),
    onRun: (run) => {
      if (showProgress)
        io.stdout(`\r\u001b[2Krun ${run.index + 1}/${config.runs} (seed ${run.seed})`);
    },
  });
  if (showProgress) io.stdout('\r\u001b[2K');
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
    io.stdout(
      `fuzz: ${report.runs} runs from seed ${report.seed}: all passed (${Math.round(report.scenarioMs / 1000)} s of scenario time in ${(report.wallMs / 1000).toFixed(1)} s, ${runsPerSecond(report)} runs/s)\n`,
    );
  }
  return failure === undefined ? 0 : 1;
}

/** `a2a fuzz`: random fault schedules in virtual time against the reference client and the checkers. */
export function createFuzzCommand(
  io: FuzzIo = {
    stdout: (text) => void process.stdout.write(text),
    stderr: (line) => void process.stderr.write(`${line}\n`),
    isTTY: process.stdout.isTTY === true,
  },
  createManager?: ManagerFactory,
  now: () => number = Date.now,
): RegisterCommand {
  return (program) => {
    program
      .command('fuzz')
      .description(
        'run random fault schedules in virtual time against the reference client and every checker',
      )
      .option('--seed <n>', 'seed of the first run; run i uses seed+i (default: from the clock)')
      .option('--runs <n>', 'how many schedules to run', '200')
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
Exit: 0 every run passed, 1 a run failed, 2 bad arguments.`,
      )
      .action(async (flags: FuzzFlags, command: Command) => {
        const config = parseFuzzFlags(flags, now);
        if (!config.ok) command.error(`error: ${config.error}`, { exitCode: 2, code: 'a2a.usage' });
        process.exitCode = await runFuzz(config.value, io, createManager);
      });
  };
}

/** The registered `fuzz` command writing to the process's streams. */
export const fuzzCommand: RegisterCommand = createFuzzCommand();
