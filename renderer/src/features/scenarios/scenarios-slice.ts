import type {
  ScenarioBatch,
  ScenarioCatalogue,
  ScenarioProgress,
  ScenarioReport,
} from '@shared/ipc';
import type { TraceEvent, TraceHeader } from '@shared/trace/events';
import type { HarnessState, SliceCreator } from '../../store/harness-state';
import { applyScenarioProgress } from './scenario-progress';
import { recordRuns, type ScenarioRuns } from './scenario-runs';

/** Which run a scenario trace is: a batch and a scenario of it. */
export interface ScenarioTraceKey {
  readonly batchId: string;
  readonly name: string;
}

/** The trace of one scenario run, shown in the centre instead of the live timeline. */
export interface ScenarioTraceView extends ScenarioTraceKey {
  readonly status: 'loading' | 'ready' | 'failed';
  /** The run's report (verdicts, steps), as the batch had it when the trace was opened. */
  readonly report: ScenarioReport;
  readonly header: TraceHeader | null;
  readonly events: readonly TraceEvent[];
  /** Why it could not be fetched. */
  readonly error: string | null;
  readonly selectedSeq: number | undefined;
}

/** The scenarios panel (README "Scenarios panel"): what can run, the last batch, and an opened run trace. */
export interface ScenariosSlice {
  readonly scenarioCatalogue: ScenarioCatalogue | null;
  /** Why the list could not be fetched; null when it could (or was not asked yet). */
  readonly scenarioCatalogueError: string | null;
  /** The last batch (as the core's `scenarios` events tell it); null when none ran. */
  readonly scenarioBatch: ScenarioBatch | null;
  /** Every scenario's runs since the window opened (bounded per scenario), across batches. */
  readonly scenarioRuns: ScenarioRuns;
  /** A run was asked for and the core has not answered yet. */
  readonly scenarioRunPending: boolean;
  /** Why the last run could not start; null when it could. */
  readonly scenarioRunError: string | null;
  /** Ticked scenarios (for "Run selected"). */
  readonly scenarioSelection: readonly string[];
  /** The scenario whose result is unfolded; null for none. */
  readonly scenarioExpanded: string | null;
  readonly scenarioTrace: ScenarioTraceView | null;
  readonly setScenarioCatalogue: (catalogue: ScenarioCatalogue) => void;
  readonly failScenarioCatalogue: (message: string) => void;
  readonly applyScenarioProgress: (progress: ScenarioProgress) => void;
  readonly startScenarioRun: () => void;
  /** The run call answered: with the batch (also a snapshot of it), or why it did not start. */
  readonly endScenarioRun: (answer: { batch: ScenarioBatch } | { error: string }) => void;
  readonly toggleScenarioSelected: (name: string) => void;
  readonly setScenarioSelection: (names: readonly string[]) => void;
  readonly expandScenario: (name: string | null) => void;
  /** Starts fetching a run's trace (shown at once, as loading), focused on `selectedSeq`. */
  readonly loadScenarioTrace: (
    report: ScenarioReport,
    batchId: string,
    selectedSeq?: number,
  ) => void;
  /** The fetched trace of `key`; ignored when another trace was opened meanwhile. */
  readonly fillScenarioTrace: (
    key: ScenarioTraceKey,
    trace: { readonly header: TraceHeader; readonly events: readonly TraceEvent[] },
  ) => void;
  readonly failScenarioTrace: (key: ScenarioTraceKey, message: string) => void;
  readonly selectScenarioTraceRow: (seq: number | undefined) => void;
  readonly closeScenarioTrace: () => void;
}

const isTrace = (
  view: ScenarioTraceView | null,
  key: ScenarioTraceKey,
): view is ScenarioTraceView =>
  view !== null && view.batchId === key.batchId && view.name === key.name;

export const createScenariosSlice: SliceCreator<ScenariosSlice> = (set) => ({
  scenarioCatalogue: null,
  scenarioCatalogueError: null,
  scenarioBatch: null,
  scenarioRuns: {},
  scenarioRunPending: false,
  scenarioRunError: null,
  scenarioSelection: [],
  scenarioExpanded: null,
  scenarioTrace: null,
  setScenarioCatalogue: (scenarioCatalogue) =>
    set((s) => ({
      scenarioCatalogue,
      scenarioCatalogueError: null,
      // Ticks on scenarios that are gone go with them.
      scenarioSelection: s.scenarioSelection.filter((name) =>
        scenarioCatalogue.scenarios.some((info) => info.name === name),
      ),
    })),
  failScenarioCatalogue: (message) => set({ scenarioCatalogueError: message }),
  applyScenarioProgress: (progress) =>
    set((s) => {
      const scenarioBatch = applyScenarioProgress(s.scenarioBatch, progress);
      // A batch of one scenario (a Run button, `a2a web --scenario`) shows its result unfolded.
      const single =
        scenarioBatch !== s.scenarioBatch && scenarioBatch?.names.length === 1
          ? scenarioBatch.names[0]
          : undefined;
      const fresh = progress.kind === 'started' || progress.kind === 'snapshot';
      const scenarioRuns = recordRuns(s.scenarioRuns, scenarioBatch);
      return fresh && single !== undefined
        ? { scenarioBatch, scenarioRuns, scenarioExpanded: single }
        : { scenarioBatch, scenarioRuns };
    }),
  startScenarioRun: () => set({ scenarioRunPending: true, scenarioRunError: null }),
  endScenarioRun: (answer) =>
    set((s) => {
      if (!('batch' in answer))
        return { scenarioRunPending: false, scenarioRunError: answer.error };
      const scenarioBatch = applyScenarioProgress(s.scenarioBatch, {
        kind: 'snapshot',
        batch: answer.batch,
      });
      return {
        scenarioRunPending: false,
        scenarioRunError: null,
        scenarioBatch,
        scenarioRuns: recordRuns(s.scenarioRuns, scenarioBatch),
      };
    }),
  toggleScenarioSelected: (name) =>
    set((s) => ({
      scenarioSelection: s.scenarioSelection.includes(name)
        ? s.scenarioSelection.filter((n) => n !== name)
        : [...s.scenarioSelection, name],
    })),
  setScenarioSelection: (names) => set({ scenarioSelection: [...names] }),
  expandScenario: (scenarioExpanded) => set({ scenarioExpanded }),
  loadScenarioTrace: (report, batchId, selectedSeq) =>
    set({
      scenarioTrace: {
        batchId,
        name: report.name,
        status: 'loading',
        report,
        header: null,
        events: [],
        error: null,
        selectedSeq,
      },
    }),
  fillScenarioTrace: (key, trace) =>
    set((s) =>
      isTrace(s.scenarioTrace, key)
        ? {
            scenarioTrace: {
              ...s.scenarioTrace,
              status: 'ready',
              header: trace.header,
              events: trace.events,
            },
          }
        : {},
    ),
  failScenarioTrace: (key, message) =>
    set((s) =>
      isTrace(s.scenarioTrace, key)
        ? { scenarioTrace: { ...s.scenarioTrace, status: 'failed', error: message } }
        : {},
    ),
  selectScenarioTraceRow: (seq) =>
    set((s) =>
      s.scenarioTrace === null ? {} : { scenarioTrace: { ...s.scenarioTrace, selectedSeq: seq } },
    ),
  closeScenarioTrace: () => set({ scenarioTrace: null }),
});

export const selectScenarioCatalogue = (s: HarnessState) => s.scenarioCatalogue;
export const selectScenarioCatalogueError = (s: HarnessState) => s.scenarioCatalogueError;
export const selectScenarioBatch = (s: HarnessState) => s.scenarioBatch;
export const selectScenarioRuns = (s: HarnessState) => s.scenarioRuns;
export const selectScenarioRunPending = (s: HarnessState) => s.scenarioRunPending;
export const selectScenarioRunError = (s: HarnessState) => s.scenarioRunError;
export const selectScenarioSelection = (s: HarnessState) => s.scenarioSelection;
export const selectScenarioExpanded = (s: HarnessState) => s.scenarioExpanded;
export const selectScenarioTrace = (s: HarnessState) => s.scenarioTrace;
export const selectScenarioTraceOpen = (s: HarnessState) => s.scenarioTrace !== null;
