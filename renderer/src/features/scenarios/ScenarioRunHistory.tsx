import type { ScenarioRun } from './scenario-runs';

export interface ScenarioRunHistoryProps {
  readonly name: string;
  /** The scenario's runs, oldest first (listed newest first). */
  readonly runs: readonly ScenarioRun[];
  /** The run whose result is shown. */
  readonly shown: ScenarioRun | undefined;
  readonly onShow: (run: ScenarioRun) => void;
}

const timeOf = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString('en-GB');
};

/** One line per run: when, pass or fail, how far it got, how many verdicts failed. */
function runLine(run: ScenarioRun): string {
  const { report } = run;
  const passedSteps = report.steps.filter((s) => s.status === 'passed').length;
  const failing = report.verdicts.filter((v) => !v.pass).length;
  return `${timeOf(run.startedAt)} · ${report.pass ? 'passed' : 'failed'} · ${String(passedSteps)}/${String(report.steps.length)} steps · ${failing === 0 ? 'no failing verdict' : `${String(failing)} failing ${failing === 1 ? 'verdict' : 'verdicts'}`}`;
}

/**
 * A scenario's run history (README "Scenarios panel"), newest first; pressing a run shows its
 * result. Testing surface: the list "Runs of NAME"; each item carries `data-batch-id` and
 * `data-pass`.
 */
export function ScenarioRunHistory({ name, runs, shown, onShow }: ScenarioRunHistoryProps) {
  if (runs.length < 2) return null;
  return (
    <details className="sc-runs">
      <summary>Run history ({runs.length} runs)</summary>
      <ol className="sc-runs-list" aria-label={`Runs of ${name}`}>
        {[...runs].reverse().map((run) => (
          <li key={run.batchId} data-batch-id={run.batchId} data-pass={run.report.pass}>
            <button
              type="button"
              aria-pressed={run === shown}
              className={`sc-run-item sc-run-${run.report.pass ? 'pass' : 'fail'}`}
              onClick={() => onShow(run)}
            >
              {runLine(run)}
            </button>
          </li>
        ))}
      </ol>
    </details>
  );
}
