import type { ScenarioBatch, ScenarioProgress, ScenarioReport } from '@shared/ipc';

type Apply = {
  readonly [K in ScenarioProgress['kind']]: (
    batch: ScenarioBatch | null,
    progress: Extract<ScenarioProgress, { kind: K }>,
  ) => ScenarioBatch | null;
};

/** Applies `change` only to the batch the progress is about (an older batch's news is stale). */
const ofBatch = (
  batch: ScenarioBatch | null,
  batchId: string,
  change: (batch: ScenarioBatch) => ScenarioBatch,
): ScenarioBatch | null => (batch !== null && batch.batchId === batchId ? change(batch) : batch);

/** What each kind of progress does to the batch; a new kind without an entry fails to compile. */
const APPLY: Apply = {
  snapshot: (_batch, p) => p.batch,
  started: (_batch, p) => ({
    batchId: p.batchId,
    names: p.names,
    running: true,
    current: null,
    results: [],
    startedAt: p.startedAt,
    finishedAt: null,
  }),
  running: (batch, p) => ofBatch(batch, p.batchId, (b) => ({ ...b, current: p.name })),
  result: (batch, p) =>
    ofBatch(batch, p.batchId, (b) => {
      // Placed by index, so a result seen twice (a snapshot, then its event) is kept once.
      const results = [...b.results];
      results[Math.min(p.index, results.length)] = p.result;
      return { ...b, current: null, results };
    }),
  finished: (batch, p) =>
    ofBatch(batch, p.batchId, (b) => ({
      ...b,
      running: false,
      current: null,
      finishedAt: p.finishedAt,
    })),
};

function applyKind<K extends ScenarioProgress['kind']>(
  batch: ScenarioBatch | null,
  progress: Extract<ScenarioProgress, { kind: K }>,
): ScenarioBatch | null {
  return APPLY[progress.kind](batch, progress);
}

/** The batch after one `scenarios` event of the core's stream. */
export function applyScenarioProgress(
  batch: ScenarioBatch | null,
  progress: ScenarioProgress,
): ScenarioBatch | null {
  return applyKind(batch, progress);
}

/** Where one scenario stands in the batch: the `data-status` of its row. */
export type ScenarioStatus = 'idle' | 'queued' | 'running' | 'passed' | 'failed';

/**
 * The status of scenario `name` in `batch`; outside the batch, its `last` run's result (a run
 * of another scenario leaves it as it was).
 */
export function scenarioStatus(
  batch: ScenarioBatch | null,
  name: string,
  last?: Pick<ScenarioReport, 'pass'>,
): ScenarioStatus {
  const result = batch?.results.find((r) => r.name === name);
  if (result !== undefined) return result.pass ? 'passed' : 'failed';
  if (batch?.current === name) return 'running';
  if (batch?.running === true && batch.names.includes(name)) return 'queued';
  if (last !== undefined) return last.pass ? 'passed' : 'failed';
  return 'idle';
}
