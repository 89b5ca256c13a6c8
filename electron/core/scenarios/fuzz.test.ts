import { describe, expect, it } from 'vitest';
import { runCheckers } from '@shared/trace/checkers';
import { parseTrace } from '@shared/trace/reader';
import {
  fuzz,
  inThreadPool,
  runSchedule,
  shardRange,
  type FuzzPool,
  type FuzzReport,
  type FuzzRun,
} from './fuzz';
import { generateSchedule, MAX_ACTIONS, scheduleScenario, type Schedule } from './fuzz-schedule';
import { failureSignature, shrinkSchedule } from './shrink';
import { blindResendManager } from './testing/blind-resend-manager';
import type { ScenarioResult } from './types';

describe('generated schedules', () => {
  it('are the same for the same seed, valid scenarios, and vary between seeds', () => {
    expect(generateSchedule(42)).toEqual(generateSchedule(42));
    const schedules = Array.from({ length: 200 }, (_, seed) => generateSchedule(seed));
    for (const schedule of schedules) {
      expect(schedule.actions.length).toBeGreaterThanOrEqual(2);
      expect(schedule.actions.length).toBeLessThanOrEqual(MAX_ACTIONS);
      expect(() => scheduleScenario(schedule)).not.toThrow();
    }
    const faults = new Set(
      schedules.flatMap((s) => s.actions.flatMap((a) => (a.kind === 'fault' ? [a.fault] : []))),
    );
    // Every simulator fault and the client restart show up somewhere in 200 schedules.
    expect(faults.size).toBe(11);
    expect(new Set(schedules.map((s) => s.profile))).toEqual(new Set(['app2app', 'nexo', 'adyen']));
  });
});

/** A report without its wall times (its own and its runs'): all that may differ between equal runs. */
function withoutWall(report: FuzzReport | undefined): unknown {
  return JSON.parse(
    JSON.stringify(report ?? null, (key, value: unknown) => (key === 'wallMs' ? undefined : value)),
  );
}

describe('fuzz', () => {
  it('is deterministic for a seed', async () => {
    const runs: FuzzRun[][] = [[], []];
    const reports = [];
    for (const pass of [0, 1] as const) {
      reports.push(await fuzz({ seed: 7, runs: 8, onRun: (run) => runs[pass]?.push(run) }));
    }
    expect(runs[1]).toEqual(runs[0]);
    expect(withoutWall(reports[1])).toEqual(withoutWall(reports[0]));
    const schedule = generateSchedule(7);
    expect((await runSchedule(schedule)).trace.text).toBe((await runSchedule(schedule)).trace.text);
  });

  it.each([
    ['passing', undefined],
    ['failing', blindResendManager],
  ] as const)(
    'gives the same report however many runs are under way at once (%s POS)',
    async (_, manager) => {
      const lanes = (count: number): FuzzPool => ({ ...inThreadPool(manager), lanes: count });
      const options = { seed: 3, runs: 12, createManager: manager, shrinkBudget: 2 };
      const one = await fuzz({ ...options, pool: lanes(1) });
      const three = await fuzz({ ...options, pool: lanes(3) });
      expect(withoutWall(three)).toEqual(withoutWall(one));
      expect(one.failure === undefined).toBe(manager === undefined);
    },
  );

  it('splits a campaign into disjoint shards whose union is the unsharded run', async () => {
    const whole = await fuzz({ seed: 11, runs: 6 });
    const seen: number[] = [];
    let passed = 0;
    let scenarioMs = 0;
    for (let index = 1; index <= 3; index++) {
      const shard = await fuzz({
        seed: 11,
        runs: 6,
        shard: { index, count: 3 },
        onRun: (run) => seen.push(run.index),
      });
      expect(shard.first).toBe(shardRange(6, { index, count: 3 }).from);
      passed += shard.passed;
      scenarioMs += shard.scenarioMs;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect({ passed, scenarioMs }).toEqual({ passed: whole.passed, scenarioMs: whole.scenarioMs });

    // A failing POS: the unsharded run's failure is the earliest of the shards' failures.
    const broken = { seed: 3, runs: 8, createManager: blindResendManager, shrinkBudget: 1 };
    const unsharded = await fuzz(broken);
    const failures = [];
    for (let index = 1; index <= 4; index++) {
      const shard = await fuzz({ ...broken, shard: { index, count: 4 } });
      if (shard.failure !== undefined) failures.push(shard.failure.seed);
    }
    expect(Math.min(...failures)).toBe(unsharded.failure?.seed);
  });

  it('passes the reference client on a bounded run', async () => {
    const report = await fuzz({ seed: 1, runs: 60 });
    expect(report.failure).toBeUndefined();
    expect(report.passed).toBe(60);
    expect(report.scenarioMs).toBeGreaterThan(60_000);
  });

  it('catches a POS that resends a lost payment blindly, and shrinks the schedule', async () => {
    const report = await fuzz({ seed: 1, runs: 25, createManager: blindResendManager });
    const failure = report.failure;
    if (failure === undefined) throw new Error('the broken POS was not caught');
    expect(failure.signature).toContain('status-before-payment-retry');
    expect(failure.shrunk.actions.length).toBeLessThanOrEqual(failure.original.actions.length);
    expect(failure.shrunk.actions.length).toBeLessThanOrEqual(3);
    // The shrunk trace, read back as a file, names the rule and the offending frames.
    const trace = parseTrace(failure.shrunkResult.trace.text);
    if (!trace.ok) throw new Error(trace.error.reason);
    const verdict = runCheckers(trace.value).find(
      (v) => v.checker === 'status-before-payment-retry' && !v.pass,
    );
    expect(verdict?.events.length).toBeGreaterThanOrEqual(2);
    // The shrunk schedule replays to the same failure; the reference client passes it.
    const replay = await runSchedule(failure.shrunk, blindResendManager);
    expect(replay.trace.text).toBe(failure.shrunkResult.trace.text);
    expect((await runSchedule(failure.shrunk)).pass).toBe(true);
  });
});

describe('shrinkSchedule', () => {
  const base = generateSchedule(3);
  /** A fake run: fails (as no-double-charge) while the schedule holds `approveThenDrop`. */
  const fakeRun = async (schedule: Schedule): Promise<ScenarioResult> => {
    const real = await runSchedule({ ...schedule, actions: [] });
    const bad = schedule.actions.some((a) => a.kind === 'fault' && a.fault === 'approveThenDrop');
    return {
      ...real,
      pass: !bad,
      verdicts: bad
        ? [{ checker: 'no-double-charge', pass: false, message: 'twice', events: [1] }]
        : real.verdicts,
    };
  };

  it('drops every action the failure does not need and shortens waits', async () => {
    const schedule: Schedule = {
      ...base,
      simulator: { initMs: 2000, cardMs: 1500, authMs: 1000 },
      actions: [
        { kind: 'wait', ms: 6000 },
        { kind: 'pay', amount: '1.00' },
        { kind: 'fault', fault: 'approveThenDrop' },
        { kind: 'status' },
        { kind: 'fault', fault: 'busyNextLogins', count: 3 },
        { kind: 'pay', amount: '2.50' },
      ],
    };
    const failing = await fakeRun(schedule);
    expect(failureSignature(failing)).toEqual(new Set(['no-double-charge']));
    const shrunk = await shrinkSchedule(schedule, failing, fakeRun, 100);
    expect(shrunk.schedule.actions).toEqual([{ kind: 'fault', fault: 'approveThenDrop' }]);
    expect(shrunk.schedule.simulator).toEqual({ initMs: 0, cardMs: 200, authMs: 200 });
    expect(shrunk.tries).toBeLessThan(20);
  });

  it('keeps to its budget', async () => {
    const schedule: Schedule = {
      ...base,
      actions: [
        { kind: 'fault', fault: 'approveThenDrop' },
        { kind: 'pay', amount: '1.00' },
        { kind: 'pay', amount: '1.00' },
      ],
    };
    const shrunk = await shrinkSchedule(schedule, await fakeRun(schedule), fakeRun, 1);
    expect(shrunk.tries).toBe(1);
  });
});
