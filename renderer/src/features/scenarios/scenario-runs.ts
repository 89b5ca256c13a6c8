import type { ScenarioBatch, ScenarioReport } from '@shared/ipc';

/** One finished run of a scenario, as the window keeps it across batches. */
export interface ScenarioRun {
  /** The batch it ran in: the core keeps the trace of the last batch only. */
  readonly batchId: string;
  /** When its batch started (ISO 8601 UTC). */
  readonly startedAt: string;
  readonly report: ScenarioReport;
}

/** Every scenario's runs since the window opened, oldest first, by scenario name. */
export type ScenarioRuns = Readonly<Record<string, readonly ScenarioRun[]>>;

/** How many runs of one scenario the window keeps. */
export const RUN_HISTORY_LIMIT = 20;

/**
 * The runs after a batch's news: its finished results join their scenarios' histories (once
 * each, however often the batch is seen); scenarios the batch did not run keep theirs, so
 * running one scenario never wipes the others' results.
 */
export function recordRuns(runs: ScenarioRuns, batch: ScenarioBatch | null): ScenarioRuns {
  if (batch === null) return runs;
  let next: Record<string, readonly ScenarioRun[]> | undefined;
  for (const report of batch.results) {
    const known = (next ?? runs)[report.name] ?? [];
    if (known.some((run) => run.batchId === batch.batchId)) continue;
    next ??= { ...runs };
    next[report.name] = [
      ...known,
      { batchId: batch.batchId, startedAt: batch.startedAt, report },
    ].slice(-RUN_HISTORY_LIMIT);
  }
  return next ?? runs;
}

/** The newest run of a scenario, if it ever ran. */
export function latestRun(runs: ScenarioRuns, name: string): ScenarioRun | undefined {
  return runs[name]?.at(-1);
}
