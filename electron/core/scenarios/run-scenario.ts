import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  describeStep,
  FINAL_VERDICTS,
  verdictProblems,
  type Scenario,
  type Step,
} from '@shared/scenario';
import { judgeGrowing, type Verdict } from '@shared/trace/checkers';
import type { LedgerEntry } from '@shared/trace/events';
import { createMemoryTrace, type MemoryTrace } from '@shared/trace/memory-trace';
import { seededRandom } from '@shared/time/random';
import { VirtualClock } from '@shared/time/virtual-clock';
import { memoryServiceIds } from '../client/service-ids';
import { createSessionManager, MemoryJournal, type SessionManager } from '../session';
import { HARNESS_VERSION } from '../version';
import { openPeer, type Peer } from './peer';
import { StepRunner, type StepReport } from './steps';
import { realTimeDriver, virtualTimeDriver, type TimeDriver } from './time-driver';
import type { RunOptions, ScenarioResult, StepResult } from './types';

const DEFAULT_SALE_ID = 'A2A-POS';
const DEFAULT_POI_ID = 'A2A-POI';
/** How long stopping the POS may take (its links close with a grace period of their own). */
const STOP_LIMIT_MS = 10_000;

/**
 * Runs one scenario: starts the peer (the embedded simulator, or an external endpoint) and the
 * POS (the reference session manager unless `createManager` says otherwise), plays the steps
 * one after another, stops both, judges the whole trace with every checker, and writes the
 * trace when a folder is given. The first failing step ends the run; the steps after it are
 * reported as skipped. Never rejects for anything a scenario or a peer can cause: those are
 * failures in the result.
 */
export async function runScenario(
  scenario: Scenario,
  options: RunOptions,
): Promise<ScenarioResult> {
  if (options.endpoint !== undefined && options.timeMode === 'virtual') {
    // A peer on the network runs on its own real clock; virtual time cannot drive it.
    throw new RangeError('an external endpoint can only be run in real time');
  }
  const wallStart = performance.now();
  const seed = options.seed ?? 1;
  const driver =
    options.timeMode === 'virtual' ? virtualTimeDriver(new VirtualClock()) : realTimeDriver();
  const embedded = options.endpoint === undefined;
  const trace = createMemoryTrace({
    clock: driver.clock,
    // The POS's view of the wire; the simulator's lifecycle, faults and ledger still count.
    observers: ['pos'],
    // The checkers read every event here, the text is wanted for a failure or a trace folder
    // only: card data is masked in the text, not copied out of every frame as it is recorded.
    maskWhen: 'write',
    header: {
      harnessVersion: HARNESS_VERSION,
      role: 'scenario',
      profile: scenario.profile,
      policy: { ...scenario.policy },
      ...(embedded ? { simulator: { ...scenario.simulator, embedded: true } } : {}),
      seed,
      scenario: scenario.name,
    },
  });
  const judgeTrace = judgeGrowing(trace.header, () => trace.events());
  const started = driver.clock.now();
  const failures: string[] = [];
  let steps: StepResult[] = [];
  let ledger: readonly LedgerEntry[] | undefined;

  let peer: Peer | undefined;
  try {
    peer = await openPeer(
      scenario,
      driver,
      seed,
      options.endpoint,
      options.wire,
      options.terminalApi,
    );
  } catch (error) {
    failures.push(`cannot start the simulator: ${message(error)}`);
  }
  if (peer !== undefined) {
    const played = await play(scenario, options, driver, peer, trace, judgeTrace, seed);
    steps = played.steps;
    failures.push(...played.failures);
    ledger = peer.simulator?.ledger();
  }
  driver.dispose();

  const verdicts = judgeTrace();
  if (!scenario.steps.some((step) => step.kind === 'expectVerdicts') && peer !== undefined) {
    failures.push(...verdictProblems(FINAL_VERDICTS, verdicts).map((p) => `verdicts: ${p}`));
  }
  // Serialised on first read: a fuzz campaign reads the text of a failing run only.
  const text = once(() => trace.toText());
  let path: string | undefined;
  if (options.traceDir !== undefined) {
    path = join(options.traceDir, `${options.traceName ?? scenario.name}.jsonl`);
    try {
      await mkdir(options.traceDir, { recursive: true });
      await writeFile(path, text());
    } catch (error) {
      failures.push(`cannot write the trace ${path}: ${message(error)}`);
      path = undefined;
    }
  }
  return {
    name: scenario.name,
    title: scenario.title,
    pass: failures.length === 0,
    failures,
    steps,
    verdicts,
    ...(ledger === undefined ? {} : { ledger: [...ledger] }),
    trace: {
      ...(path === undefined ? {} : { path }),
      get text() {
        return text();
      },
      events: trace.events().length,
    },
    timeMode: options.timeMode,
    peer: embedded ? 'embedded' : 'external',
    seed,
    durationMs: Math.round(driver.clock.now() - started),
    wallMs: Math.round(performance.now() - wallStart),
  };
}

/** Starts the POS, plays every step, and stops the POS and the peer again. */
async function play(
  scenario: Scenario,
  options: RunOptions,
  driver: TimeDriver,
  peer: Peer,
  trace: MemoryTrace,
  verdicts: () => Verdict[],
  seed: number,
): Promise<{ steps: StepResult[]; failures: string[] }> {
  const failures: string[] = [];
  const steps: StepResult[] = [];
  const off: (() => void)[] = [];
  const record = (event: Parameters<MemoryTrace['record']>[0]): void => {
    trace.record(event);
    driver.notify();
  };
  // First subscriber: the simulator hands it its start-up events too. The trace keeps the POS's
  // view of the wire only, so the simulator need not build its own copy of every frame.
  if (peer.simulator !== undefined) off.push(peer.simulator.onEvent(record, { frames: false }));

  const saleId = scenario.client.saleId ?? DEFAULT_SALE_ID;
  const poiId = scenario.client.poiId ?? DEFAULT_POI_ID;
  const { clock } = driver;
  // The same source for the POS and the raw `send` steps: a fresh ServiceID is fresh for both.
  const serviceIds = memoryServiceIds(
    Math.max(1, Math.floor((clock.wallNow() - Date.UTC(2020, 0, 1)) / 1000)),
  );
  let manager: SessionManager;
  try {
    manager = (options.createManager ?? createSessionManager)({
      clock,
      random: seededRandom(seed),
      dialer: peer.dialer,
      policy: scenario.policy,
      saleId,
      poiId,
      serviceIds,
      journal: new MemoryJournal(),
    });
  } catch (error) {
    for (const stop of off) stop();
    await peer.close();
    return { steps, failures: [`cannot start the POS: ${message(error)}`] };
  }
  off.push(manager.onEvent(record));

  const runner = new StepRunner({
    scenario,
    driver,
    manager,
    peer,
    trace,
    verdicts,
    serviceIds,
    saleId,
    poiId,
    deadline: clock.now() + scenario.timeoutMs,
  });
  const origin = clock.now();
  try {
    // Let the peer finish what it does at once on start (a simulator with `initMs: 0` is ready
    // after a zero-delay timer), as it would long before a real connection is up.
    await driver.until(() => false, 0);
    manager.start();
    let blocked: string | undefined;
    for (const [index, step] of scenario.steps.entries()) {
      if (blocked !== undefined) {
        steps.push(result(step, index, 'skipped', blocked, clock.now() - origin, 0));
        continue;
      }
      await driver.settle();
      const at = clock.now() - origin;
      let report: StepReport;
      try {
        report = await runner.run(step);
      } catch (error) {
        // Only a bug (ours or the POS under test's) gets here; the run still ends cleanly.
        report = { problems: [`the runner failed: ${message(error)}`] };
      }
      const took = clock.now() - origin - at;
      if (report.problems.length === 0) {
        steps.push(result(step, index, 'passed', report.message, at, took));
        continue;
      }
      const why = report.problems.join('; ');
      steps.push(result(step, index, 'failed', why, at, took));
      failures.push(`step ${index} (${describeStep(step)}): ${why}`);
      blocked = `skipped: step ${index} failed`;
    }
  } finally {
    runner.dispose();
    const stopped = await settleWithin(driver, manager.stop(), STOP_LIMIT_MS);
    if (!stopped) failures.push(`the POS did not stop within ${STOP_LIMIT_MS} ms`);
    await peer.close();
    await driver.settle();
    for (const stop of off) stop();
  }
  return { steps, failures };
}

/** Waits for `promise` while letting (virtual) time pass, at most `ms`. */
async function settleWithin(driver: TimeDriver, promise: Promise<void>, ms: number) {
  let done = false;
  void promise.then(() => {
    done = true;
    driver.notify();
  });
  return driver.until(() => done, ms);
}

function result(
  step: Step,
  index: number,
  status: StepResult['status'],
  text: string | undefined,
  at: number,
  ms: number,
): StepResult {
  return {
    index,
    kind: step.kind,
    ...(step.id === undefined ? {} : { id: step.id }),
    description: describeStep(step),
    status,
    ...(text === undefined ? {} : { message: text }),
    at: Math.round(at),
    ms: Math.round(ms),
  };
}

/** `compute` run at most once, on the first call. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T | undefined;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
