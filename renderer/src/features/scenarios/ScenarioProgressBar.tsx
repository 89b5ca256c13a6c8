import type { ScenarioBatch } from '@shared/ipc';

export interface ScenarioProgressBarProps {
  readonly batch: ScenarioBatch | null;
}

/** What the bar says, in words (its aria-valuetext and the line under it). */
export function progressText(batch: ScenarioBatch | null): string {
  if (batch === null) return 'No scenario run yet.';
  const done = batch.results.length;
  const total = batch.names.length;
  const failed = batch.results.filter((r) => !r.pass).length;
  const tally = `${String(done - failed)} passed, ${String(failed)} failed`;
  if (batch.running)
    return `${String(done)} of ${String(total)} done (${tally})${batch.current === null ? '' : `, running ${batch.current}`}`;
  return `Last run: ${String(done)} of ${String(total)} scenarios, ${tally}.`;
}

/**
 * The progress of the current (or last) batch: a progressbar named "Scenario progress" whose
 * value is the number of finished runs, and the tally in words. Its place is always kept, so
 * the list does not move when a run starts.
 */
export function ScenarioProgressBar({ batch }: ScenarioProgressBarProps) {
  const done = batch?.results.length ?? 0;
  const total = batch?.names.length ?? 0;
  const text = progressText(batch);
  const failed = batch?.results.some((r) => !r.pass) ?? false;
  return (
    <div className="sc-progress">
      <div
        className="sc-progress-track"
        role="progressbar"
        aria-label="Scenario progress"
        aria-valuemin={0}
        aria-valuemax={Math.max(total, 1)}
        aria-valuenow={done}
        aria-valuetext={text}
        data-running={batch?.running ?? false}
      >
        <div
          className={`sc-progress-fill${failed ? ' sc-progress-failed' : ''}`}
          style={{ width: `${total === 0 ? 0 : Math.round((done / total) * 100)}%` }}
        />
      </div>
      <p className="sc-progress-text" aria-live="polite">
        {text}
      </p>
    </div>
  );
}
