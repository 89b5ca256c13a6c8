import type {
  HarnessEvent,
  RunScenariosRequest,
  ScenarioBatch,
  ScenarioReport,
  ScenarioTracePage,
  ScenarioTraceRequest,
} from '@shared/ipc';
import { DEFAULT_SCENARIO_TRACE_PAGE } from '@shared/ipc/schemas';
import { err, ok, type Result } from '@shared/result';
import type { Scenario } from '@shared/scenario';
import type { Clock } from '@shared/time/clock';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import { describeTraceError, parseTrace } from '@shared/trace/reader';
import { runScenario } from '../scenarios/run-scenario';
import type { ScenarioResult } from '../scenarios/types';
import type { ScenarioCatalogueStore } from './scenario-catalogue';

/** Runs one scenario to its result (default: the scenario runner in virtual time). */
export type RunOne = (scenario: Scenario, seed: number) => Promise<ScenarioResult>;

/** Options of {@link createScenarioBatches}. */
export interface ScenarioBatchesOptions {
  /** Stamps batches with wall time. */
  readonly clock: Clock;
  readonly catalogue: ScenarioCatalogueStore;
  /** Where progress goes (the event bus). */
  readonly publish: (event: HarnessEvent) => void;
  readonly runOne?: RunOne;
}

/**
 * The scenarios panel's runner in the core: one batch at a time, its scenarios one after
 * another in virtual time (each on its own virtual clock and in-memory links, so the live
 * harness is untouched and a whole pack takes seconds). Progress is published as `scenarios`
 * events; the last batch and its traces are kept for `scenarios:batch` and `scenarios:trace`.
 */
export interface ScenarioBatches {
  /** Runs a batch to its end; an error when names are unknown or a batch already runs. */
  run(request: RunScenariosRequest): Promise<Result<ScenarioBatch, string>>;
  /** The last batch (running or done), or null. */
  batch(): ScenarioBatch | null;
  /** One page of the trace of a finished run of the last batch. */
  trace(request: ScenarioTraceRequest): Result<ScenarioTracePage, string>;
  /**
   * The whole results of the finished runs of batch `batchId`, in run order, for the exports of
   * the scenarios panel (JUnit, HTML report); only the last batch's are kept.
   */
  finished(batchId: string): Result<readonly ScenarioResult[], string>;
  /** Runs no further scenario; resolves when the one running (if any) has ended. */
  close(): Promise<void>;
}

interface KeptTrace {
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
  readonly result: ScenarioResult;
}

const defaultRunOne: RunOne = (scenario, seed) =>
  runScenario(scenario, { timeMode: 'virtual', seed });

function reportOf(result: ScenarioResult): ScenarioReport {
  return {
    name: result.name,
    title: result.title,
    pass: result.pass,
    failures: result.failures,
    steps: result.steps.map((step) => ({ ...step })),
    verdicts: result.verdicts,
    events: result.trace.events,
    durationMs: result.durationMs,
    wallMs: result.wallMs,
    seed: result.seed,
  };
}

/** The report of a run that could not even start (a bug in the runner). */
function brokenReport(scenario: Scenario, seed: number, error: unknown): ScenarioReport {
  return {
    name: scenario.name,
    title: scenario.title,
    pass: false,
    failures: [`the runner failed: ${error instanceof Error ? error.message : String(error)}`],
    steps: [],
    verdicts: [],
    events: 0,
    durationMs: 0,
    wallMs: 0,
    seed,
  };
}

/** Index of the first event with `seq > afterSeq` (events are in seq order). */
function firstAfter(events: readonly TraceEvent[], afterSeq: number): number {
  let low = 0;
  let high = events.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((events[middle]?.seq ?? Infinity) <= afterSeq) low = middle + 1;
    else high = middle;
  }
  return low;
}

export function createScenarioBatches(options: ScenarioBatchesOptions): ScenarioBatches {
  const { clock, catalogue, publish } = options;
  const runOne = options.runOne ?? defaultRunOne;
  let counter = 0;
  let current: ScenarioBatch | null = null;
  let traces = new Map<string, KeptTrace>();
  let running: Promise<void> | undefined;
  let closed = false;

  const iso = (): string => new Date(clock.wallNow()).toISOString();
  const progress = (event: Extract<HarnessEvent, { type: 'scenarios' }>['progress']): void =>
    publish({ type: 'scenarios', progress: event });

  const pick = async (
    request: RunScenariosRequest,
  ): Promise<Result<readonly { scenario: Scenario }[], string>> => {
    const entries = await catalogue.entries();
    if (request.names === 'all') {
      return entries.length > 0 ? ok(entries) : err('there are no scenarios to run');
    }
    const byName = new Map(entries.map((entry) => [entry.info.name, entry]));
    const unknown = request.names.filter((name) => !byName.has(name));
    if (unknown.length > 0)
      return err(
        `unknown scenario${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')} (scenarios:list names the ones there are)`,
      );
    // Each scenario once, in the order first named.
    return ok([...new Set(request.names)].flatMap((name) => byName.get(name) ?? []));
  };

  const play = async (
    batch: ScenarioBatch,
    scenarios: readonly Scenario[],
    seed: number,
  ): Promise<ScenarioBatch> => {
    let state = batch;
    for (const [index, scenario] of scenarios.entries()) {
      if (closed) break;
      state = { ...state, current: scenario.name };
      current = state;
      progress({ kind: 'running', batchId: batch.batchId, index, name: scenario.name });
      const report = await runAndKeep(scenario, seed);
      state = { ...state, current: null, results: [...state.results, report] };
      current = state;
      progress({ kind: 'result', batchId: batch.batchId, index, result: report });
    }
    const finishedAt = iso();
    state = { ...state, running: false, current: null, finishedAt };
    current = state;
    const passed = state.results.filter((r) => r.pass).length;
    progress({
      kind: 'finished',
      batchId: batch.batchId,
      passed,
      failed: state.results.length - passed,
      finishedAt,
    });
    return state;
  };

  /** Runs one scenario and keeps its trace for `scenarios:trace`. */
  const runAndKeep = async (scenario: Scenario, seed: number): Promise<ScenarioReport> => {
    let result: ScenarioResult;
    try {
      result = await runOne(scenario, seed);
    } catch (error) {
      return brokenReport(scenario, seed, error);
    }
    const report = reportOf(result);
    const parsed = parseTrace(result.trace.text);
    if (parsed.ok) {
      traces.set(scenario.name, {
        header: parsed.value.header,
        events: parsed.value.events,
        result,
      });
      return report;
    }
    // Our own runner wrote the text, so this is a bug; the report says so instead of hiding it.
    return {
      ...report,
      pass: false,
      failures: [
        ...report.failures,
        `its trace cannot be read back: ${describeTraceError(parsed.error)}`,
      ],
    };
  };

  return {
    async run(request) {
      if (closed) return err('the harness is stopping');
      if (running !== undefined) {
        const done = current?.results.length ?? 0;
        const total = current?.names.length ?? 0;
        return err(
          `a scenario batch is running (${String(done)} of ${String(total)} done): wait for it to end`,
        );
      }
      let release: () => void = () => undefined;
      // Claimed before the catalogue is read, so two presses cannot both start a batch.
      running = new Promise((resolve) => (release = resolve));
      try {
        const picked = await pick(request);
        if (!picked.ok) return picked;
        const scenarios = picked.value.map((entry) => entry.scenario);
        counter += 1;
        const batch: ScenarioBatch = {
          batchId: `${clock.wallNow().toString(36)}-${String(counter)}`,
          names: scenarios.map((s) => s.name),
          running: true,
          current: null,
          results: [],
          startedAt: iso(),
          finishedAt: null,
        };
        current = batch;
        traces = new Map();
        progress({
          kind: 'started',
          batchId: batch.batchId,
          names: batch.names,
          startedAt: batch.startedAt,
        });
        return ok(await play(batch, scenarios, request.seed ?? 1));
      } finally {
        running = undefined;
        release();
      }
    },
    batch: () => current,
    trace(request) {
      if (current === null || current.batchId !== request.batchId)
        return err(
          `batch ${request.batchId} is not the last one: only the last batch's traces are kept`,
        );
      const kept = traces.get(request.name);
      if (kept === undefined)
        return err(`no trace of "${request.name}" in batch ${request.batchId} (not run yet?)`);
      const limit = request.limit ?? DEFAULT_SCENARIO_TRACE_PAGE;
      const from = firstAfter(kept.events, request.afterSeq);
      const page = kept.events.slice(from, from + limit);
      return ok({
        batchId: request.batchId,
        name: request.name,
        header: kept.header,
        events: page,
        lastSeq: kept.events.at(-1)?.seq ?? 0,
        more: from + page.length < kept.events.length,
      });
    },
    finished(batchId) {
      if (current === null || current.batchId !== batchId)
        return err(`batch ${batchId} is not the last one: only the last batch's results are kept`);
      return ok(current.results.flatMap((report) => traces.get(report.name)?.result ?? []));
    },
    async close() {
      closed = true;
      await running;
    },
  };
}
