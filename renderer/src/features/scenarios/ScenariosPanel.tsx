import { useId, type ReactNode } from 'react';
import type { ScenarioBatch, ScenarioCatalogue } from '@shared/ipc';
import type { Verdict } from '@shared/trace/checkers';
import { scenarioStatus } from './scenario-progress';
import { ScenarioProgressBar } from './ScenarioProgressBar';
import { ScenarioRow } from './ScenarioRow';
import { latestRun, type ScenarioRun, type ScenarioRuns } from './scenario-runs';
import './scenarios.css';

export interface ScenariosPanelProps {
  /** What can run; null until the core said. */
  readonly catalogue: ScenarioCatalogue | null;
  /** Why the list could not be fetched. */
  readonly catalogueError: string | null;
  /** The last batch (running or done). */
  readonly batch: ScenarioBatch | null;
  /** Every scenario's runs since the window opened (results survive other scenarios' runs). */
  readonly runs: ScenarioRuns;
  /** A run was asked for and the core has not answered yet. */
  readonly runPending: boolean;
  /** Why the last run did not start. */
  readonly runError: string | null;
  readonly selection: readonly string[];
  readonly expanded: string | null;
  readonly onToggleSelected: (name: string) => void;
  readonly onExpand: (name: string | null) => void;
  readonly onRun: (names: readonly string[] | 'all') => void;
  readonly onOpenTrace: (run: ScenarioRun) => void;
  readonly onShowVerdict: (run: ScenarioRun, verdict: Verdict) => void;
  readonly onReload: () => void;
  /** The exports of the last batch's results, shown under the progress bar. */
  readonly exports?: ReactNode;
}

const NO_RUNS: readonly ScenarioRun[] = [];

/** `data-scenarios-state` of the panel. */
function panelState(batch: ScenarioBatch | null, pending: boolean): 'idle' | 'running' | 'done' {
  if (pending || batch?.running === true) return 'running';
  return batch === null ? 'idle' : 'done';
}

/**
 * The scenarios panel (README "Scenarios panel"): the packs, each with a tick box and its own Run button,
 * "Run selected" and "Run all", the batch's progress, and per scenario its last pass or fail
 * (kept when other scenarios run), the failing step, the verdicts (a verdict opens the run's
 * trace at the event it is about) and its run history.
 *
 * Testing surface (stable, in the README): the region "Scenarios" carries `data-scenarios-state`
 * (`idle`, `running`, `done`) and `data-batch-id` (the last batch's id); each row carries
 * `data-scenario` (the name) and `data-status` (`idle`, `queued`, `running`, `passed`,
 * `failed`); the progressbar is named "Scenario progress"; Run buttons are named "Run <name>",
 * "Run selected" and "Run all".
 */
export function ScenariosPanel({
  catalogue,
  catalogueError,
  batch,
  runs,
  runPending,
  runError,
  selection,
  expanded,
  onToggleSelected,
  onExpand,
  onRun,
  onOpenTrace,
  onShowVerdict,
  onReload,
  exports,
}: ScenariosPanelProps) {
  const titleId = useId();
  const busy = runPending || batch?.running === true;
  const scenarios = catalogue?.scenarios ?? [];
  return (
    <section
      className="panel-box scenarios-panel"
      aria-labelledby={titleId}
      data-scenarios-state={panelState(batch, runPending)}
      data-batch-id={batch?.batchId}
    >
      <h2 id={titleId}>Scenarios</h2>
      <div className="sc-actions">
        <button
          type="button"
          disabled={busy || selection.length === 0}
          onClick={() => onRun(selection)}
        >
          Run selected{selection.length > 0 ? ` (${String(selection.length)})` : ''}
        </button>
        <button
          type="button"
          disabled={busy || scenarios.length === 0}
          onClick={() => onRun('all')}
        >
          Run all
        </button>
        <span className="muted sc-count">
          {catalogue === null ? '' : `${String(scenarios.length)} scenarios, virtual time`}
        </span>
      </div>
      <ScenarioProgressBar batch={batch} />
      {exports}
      {runError !== null && (
        <p className="sc-error" role="alert">
          Could not run: {runError}
        </p>
      )}
      {catalogueError !== null && (
        <p className="sc-error" role="alert">
          Could not list the scenarios: {catalogueError}{' '}
          <button type="button" onClick={onReload}>
            Retry
          </button>
        </p>
      )}
      {catalogue !== null && catalogue.problems.length > 0 && (
        <details className="sc-problems">
          <summary>
            {catalogue.problems.length}{' '}
            {catalogue.problems.length === 1 ? 'file was' : 'files were'} not loaded
          </summary>
          <ul>
            {catalogue.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </details>
      )}
      {catalogue === null && catalogueError === null && (
        <p className="muted">Loading the scenarios…</p>
      )}
      <ul className="sc-list" aria-label="Scenario list">
        {scenarios.map((info) => (
          <ScenarioRow
            key={info.name}
            info={info}
            status={scenarioStatus(batch, info.name, latestRun(runs, info.name)?.report)}
            runs={runs[info.name] ?? NO_RUNS}
            traceBatchId={batch?.batchId}
            selected={selection.includes(info.name)}
            expanded={expanded === info.name}
            busy={busy}
            onToggleSelected={onToggleSelected}
            onExpand={onExpand}
            onRun={onRun}
            onOpenTrace={onOpenTrace}
            onShowVerdict={onShowVerdict}
          />
        ))}
      </ul>
    </section>
  );
}
