import { rm } from 'node:fs/promises';
import type {
  AppInfo,
  CallHandlers,
  ConfigureRequest,
  HarnessEvent,
  HarnessMode,
  Unsubscribe,
} from '@shared/ipc';
import { PartialSessionPolicy, resolvePolicy, type SessionPolicy } from '@shared/session/policy';
import type { Clock } from '@shared/time/clock';
import { createApprovals } from './session/approvals';
import { openCoreStore } from './harness/data-dir';
import { createEventBus, DEFAULT_BATCH_WINDOW_MS, type BatchListener } from './harness/event-bus';
import { createCallHandlers } from './harness/handlers';
import { createLiveVerdicts } from './harness/live-verdicts';
import { createRuntime, toRoleConfig, type RoleConfig } from './harness/runtime';
import { createScenarioBatches, type RunOne } from './harness/scenario-batches';
import { createScenarioCatalogue } from './harness/scenario-catalogue';
import { createReportHandlers } from './harness/report-handlers';
import { createScenarioHandlers } from './harness/scenario-handlers';
import { createSettingsHandlers } from './harness/settings-handlers';
import { findBuiltInScenariosDir } from './scenarios/built-in-dir';
import { RealClock } from './time/real-clock';
import { HARNESS_VERSION, PRODUCT_NAME } from './version';

/** Options of {@link createHarnessCore}. */
export interface HarnessCoreOptions {
  /** How the renderer reaches this core (reported by `app:info`). */
  readonly mode: HarnessMode;
  /** Defaults to the real clock; tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** Batch window of the event stream, ms. */
  readonly batchWindowMs?: number;
  /**
   * Where ServiceID state, the payment journal and the window settings live. The desktop app passes a folder in its
   * user data; by default each core gets a fresh folder under the OS temp dir.
   */
  readonly dataDir?: string;
  /**
   * The first configuration. Default: client role with the embedded simulator (default profile
   * and settings), connected and logging in. Tests pass short simulator timings here.
   */
  readonly initial?: ConfigureRequest;
  /** Policy overrides of the session manager (default: DEFAULT_POLICY). */
  readonly policy?: Partial<SessionPolicy>;
  /** Reports problems that do not stop the core (an unreadable data file, a failed start-up). */
  readonly log?: (line: string) => void;
  /**
   * What the scenarios panel lists: `builtIn` folders (default: the built-in packs,
   * `resources/scenarios`, found next to the app) and `custom` scenario files or folders (e.g.
   * `a2a web --scenario PATH`).
   */
  readonly scenarios?: {
    readonly builtIn?: readonly string[];
    readonly custom?: readonly string[];
    /** Runs one scenario (default: the runner in virtual time); tests pass a controlled one. */
    readonly runOne?: RunOne;
  };
}

/**
 * The harness core as the transports see it: the handler of every call of the HarnessApi and the
 * batched event stream. It imports no Electron, so the Electron main process, the browser-mode
 * host, the CLI and tests all run this same object.
 */
export interface HarnessCore {
  readonly calls: CallHandlers;
  /** Where ServiceID state, the payment journal and the window settings live. */
  readonly dataDir: string;
  /**
   * Subscribes one renderer connection. Its first batch is the greeting: `hello` (with the run
   * and its last `seq`), then `run`, `session`, `simulator`, `faults`, `recording`, `scenarios`
   * (the last batch) and `verdicts` (the live verdicts).
   */
  subscribeEvents(listener: BatchListener<HarnessEvent>): Unsubscribe;
  /** Publishes an event to every subscriber (batched). */
  publish(event: HarnessEvent): void;
  /** Resolves when the start-up (or any configuration change queued so far) is done. */
  ready(): Promise<void>;
  /** Stops every piece (session manager, simulator), timers and subscribers. */
  stop(): Promise<void>;
  /** {@link stop} for callers that cannot wait (an app quitting). */
  close(): void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

function initialConfig(request: ConfigureRequest | undefined): RoleConfig {
  if (request === undefined)
    return { role: 'client', peer: { kind: 'embedded' }, profile: 'app2app', settings: {} };
  return toRoleConfig(request, { profile: 'app2app', settings: {} });
}

/**
 * Creates the core and starts it: by default in client role against the embedded simulator
 * (listening on 127.0.0.1, any port), with a session manager that connects and logs in, and
 * recording on. The start runs in the background; every call waits for it.
 */
export function createHarnessCore(options: HarnessCoreOptions): HarnessCore {
  const clock = options.clock ?? new RealClock();
  const log = options.log ?? (() => undefined);
  const policy = PartialSessionPolicy.safeParse(options.policy ?? {});
  if (!policy.success) throw new RangeError(`invalid session policy: ${policy.error.message}`);
  const events = createEventBus<HarnessEvent>(
    clock,
    options.batchWindowMs ?? DEFAULT_BATCH_WINDOW_MS,
  );
  const info: AppInfo = {
    productName: PRODUCT_NAME,
    version: HARNESS_VERSION,
    startedAt: iso(clock.wallNow()),
    mode: options.mode,
  };
  const store = openCoreStore(options.dataDir);
  for (const problem of store.problems) log(`data folder: ${problem}; kept in memory instead`);
  // The live checkers see every event the runtime publishes (set once they exist, below).
  let observe: (event: HarnessEvent) => void = () => undefined;
  const runtime = createRuntime({
    clock,
    store,
    policy: resolvePolicy(policy.data),
    publish: (event) => {
      events.publish(event);
      observe(event);
    },
  });
  const verdicts = createLiveVerdicts({
    clock,
    run: () => runtime.run(),
    publish: (event) => events.publish(event),
  });
  observe = (event) => verdicts.observe(event);
  const builtInDir = findBuiltInScenariosDir();
  const catalogue = createScenarioCatalogue({
    builtIn: options.scenarios?.builtIn ?? (builtInDir === undefined ? [] : [builtInDir]),
    custom: options.scenarios?.custom ?? [],
    problems:
      options.scenarios?.builtIn === undefined && builtInDir === undefined
        ? ['the built-in scenario packs (resources/scenarios) were not found next to the app']
        : [],
  });
  const batches = createScenarioBatches({
    clock,
    catalogue,
    publish: (event) => events.publish(event),
    ...(options.scenarios?.runOne === undefined ? {} : { runOne: options.scenarios.runOne }),
  });
  const calls: CallHandlers = {
    ...createCallHandlers({ info, clock, runtime, approvals: createApprovals() }),
    ...createScenarioHandlers({ catalogue, batches, verdicts, runtime }),
    ...createSettingsHandlers(store.windowSettings),
    ...createReportHandlers({ batches, runtime }),
  };

  void runtime.configure(initialConfig(options.initial)).then((started) => {
    if (!started.ok) log(`start-up: ${started.error}`);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= Promise.all([runtime.stop(), batches.close()])
      .then(() => undefined)
      .finally(async () => {
        verdicts.close();
        events.close();
        // A folder made for this core alone goes with it (nothing is left in flight now).
        if (store.temporary) await rm(store.dataDir, { recursive: true, force: true });
      }));

  return {
    calls,
    dataDir: store.dataDir,
    subscribeEvents: (listener) => {
      const run = runtime.run();
      return events.subscribe(listener, [
        { type: 'hello', at: iso(clock.wallNow()), runId: run.runId, lastSeq: run.lastSeq() },
        { type: 'run', run: runtime.runInfo() },
        { type: 'session', session: runtime.sessionInfo() },
        { type: 'simulator', simulator: runtime.simulatorInfo() },
        { type: 'faults', faults: runtime.faults() },
        { type: 'recording', recording: run.recording(), skipped: run.skipped() },
        { type: 'scenarios', progress: { kind: 'snapshot', batch: batches.batch() } },
        { type: 'verdicts', verdicts: verdicts.current() },
      ]);
    },
    publish: (event) => events.publish(event),
    ready: () => runtime.settled(),
    stop,
    close: () => void stop(),
  };
}
