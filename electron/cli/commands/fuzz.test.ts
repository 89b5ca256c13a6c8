import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseScenario } from '@shared/scenario';
import { blindResendManager } from '../../core/scenarios/testing/blind-resend-manager';
import type { ManagerFactory } from '../../core/scenarios/types';
import { runInProcess } from '../testing/in-process';
import { createCheckCommand, type CheckReport } from './check';
import { createFuzzCommand, scenarioPathFor } from './fuzz';
import { createRunCommand } from './run';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'a2a-fuzz-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
  process.exitCode = undefined;
});

/**
 * Runs `a2a <args>` in-process; `pos` replaces the reference client under `a2a fuzz`; with
 * `terminal`, stderr is a terminal whose raw writes land in `terminal`.
 */
function a2a(args: string[], pos?: ManagerFactory, terminal?: string[]) {
  return runInProcess(args, (io) => [
    createFuzzCommand(
      terminal === undefined
        ? { ...io, isTTY: false }
        : { ...io, isTTY: true, stderrText: (text) => terminal.push(text) },
      { ...(pos === undefined ? {} : { createManager: pos }), now: () => 4242 },
    ),
    createCheckCommand(io),
    createRunCommand({ ...io, isTTY: false }),
  ]);
}

describe('a2a fuzz', () => {
  it('exits 0 when every run passes, and says how fast it went', async () => {
    const { code, stdout, stderr } = await a2a(['fuzz', '--seed', '1', '--runs', '10']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^fuzz: 10 runs from seed 1: all passed \(\d+ s of scenario time in [\d.]+ s, \d+ runs\/s\)\n$/,
    );
  });

  it('gives the same result with several runs under way at once (--workers)', async () => {
    const json = async (workers: string, pos?: ManagerFactory) => {
      // A failure is written where --out says: the test's own folder, never the working tree.
      const out = join(folder, 'failure.jsonl');
      const { stdout } = await a2a(
        ['fuzz', '--seed', '3', '--runs', '6', '--workers', workers, '--json', '--out', out],
        pos,
      );
      const {
        wallMs: _,
        runsPerSecond: __,
        workers: ___,
        ...rest
      } = JSON.parse(stdout) as Record<string, unknown>;
      return rest;
    };
    expect(await json('3')).toEqual(await json('1'));
    const broken = await json('4', blindResendManager);
    expect(broken).toMatchObject({ pass: false });
    expect(broken).toEqual(await json('1', blindResendManager));
  });

  it('plays one slice of the runs with --shard, and refuses a slice that does not exist', async () => {
    const { code, stdout } = await a2a(['fuzz', '--seed', '5', '--runs', '10', '--shard', '2/3']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^fuzz: shard 2\/3: 3 runs \(4–6 of 10\) from seed 5: all passed/);
    for (const bad of ['0/3', '4/3', '1/0', 'x']) {
      const refused = await a2a(['fuzz', '--runs', '10', '--shard', bad]);
      expect(refused.code).toBe(2);
    }
    expect((await a2a(['fuzz', '--runs', '10', '--workers', '0'])).code).toBe(2);
  });

  it('shows runs, failures and rate on a terminal, and clears the line at the end', async () => {
    const terminal: string[] = [];
    const { code, stderr } = await a2a(['fuzz', '--seed', '1', '--runs', '3'], undefined, terminal);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(terminal.slice(0, 3).map((text) => text.replace(/\d+ runs\/s/, 'R runs/s'))).toEqual([
      '\r\u001b[2Kfuzz: 1/3 runs, 0 failing, R runs/s',
      '\r\u001b[2Kfuzz: 2/3 runs, 0 failing, R runs/s',
      '\r\u001b[2Kfuzz: 3/3 runs, 0 failing, R runs/s',
    ]);
    expect(terminal.at(-1)).toBe('\r\u001b[2K');
  });

  it('takes its seed from the clock when none is given, and prints it', async () => {
    const { code, stdout } = await a2a(['fuzz', '--runs', '2', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ pass: true, seed: 4242, runs: 2, passed: 2 });
  });

  it('catches a broken POS: prints the seed, writes the smallest failing trace, a2a check agrees', async () => {
    const out = join(folder, 'smallest.jsonl');
    const { code, stdout } = await a2a(
      ['fuzz', '--seed', '1', '--runs', '25', '--out', out],
      blindResendManager,
    );
    expect(code).toBe(1);
    const seed = /seed (\d+): /.exec(stdout)?.[1];
    expect(stdout).toMatch(/^fuzz: run \d+ of 25 failed — seed \d+: .*status-before-payment-retry/);
    expect(stdout).toContain(`reproduce: a2a fuzz --seed ${seed ?? ''} --runs 1`);
    expect(stdout).toContain(`smallest failing trace: ${out}`);

    const check = await a2a(['check', out, '--json']);
    expect(check.code).toBe(1);
    const report = JSON.parse(check.stdout) as CheckReport;
    const failing = report.verdicts.filter((v) => !v.pass);
    expect(failing.map((v) => v.checker)).toContain('status-before-payment-retry');
    expect(failing.every((v) => v.events.length > 0)).toBe(true);

    // The scenario written next to it replays with a2a run; the reference client passes it.
    const scenarioFile = scenarioPathFor(out);
    expect(parseScenario(await readFile(scenarioFile, 'utf8')).ok).toBe(true);
    const replay = await a2a(['run', scenarioFile, '--virtual-time', '--seed', seed ?? '']);
    expect(replay.code).toBe(0);
  });

  it('reports a failure as one JSON line with --json', async () => {
    const out = join(folder, 'f.jsonl');
    const { code, stdout } = await a2a(
      ['fuzz', '--seed', '1', '--runs', '25', '--json', '--out', out],
      blindResendManager,
    );
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      pass: boolean;
      failure: { seed: number; signature: string[]; trace: string; scenario: { steps: unknown[] } };
    };
    expect(report.pass).toBe(false);
    expect(report.failure.signature).toContain('status-before-payment-retry');
    expect(report.failure.trace).toBe(out);
    expect(report.failure.scenario.steps.length).toBeGreaterThanOrEqual(3);
  });

  it.each([
    [['--runs', '0'], 'error: --runs "0" is not a whole number between 1 and 1000000\n'],
    [['--runs', 'many'], 'error: --runs "many" is not a whole number between 1 and 1000000\n'],
    [['--seed', '1.5'], 'error: --seed "1.5" is not a whole number between 0 and 4294967295\n'],
  ])('exits 2 for %j', async (flags, message) => {
    const { code, usage, stdout } = await a2a(['fuzz', ...flags]);
    expect(code).toBe(2);
    expect(usage).toBe(message);
    expect(stdout).toBe('');
  });

  it('names the scenario file after the trace', () => {
    expect(scenarioPathFor('out/a2a-fuzz-7.jsonl')).toBe('out/a2a-fuzz-7.scenario.json');
    expect(scenarioPathFor('trace')).toBe('trace.scenario.json');
  });
});
