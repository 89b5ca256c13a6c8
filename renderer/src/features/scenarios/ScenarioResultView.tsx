import type { ScenarioReport } from '@shared/ipc';
import type { Verdict } from '@shared/trace/checkers';
import { VerdictList } from '../verdicts/VerdictList';

export interface ScenarioResultViewProps {
  readonly result: ScenarioReport;
  /**
   * The core still holds this run's trace (it keeps the last batch's only); without it, Open
   * trace is disabled and verdicts are text.
   */
  readonly traceKept?: boolean;
  readonly onOpenTrace: (result: ScenarioReport) => void;
  readonly onShowVerdict: (result: ScenarioReport, verdict: Verdict) => void;
}

/**
 * One scenario run: pass or fail, the failing step's message, the steps, and the verdicts,
 * each of which opens the run's trace at its first event. Testing surface: the block carries
 * `data-scenario-result` (the scenario's name) and `data-pass`; verdicts the markers of
 * VerdictList.
 */
export function ScenarioResultView({
  result,
  traceKept = true,
  onOpenTrace,
  onShowVerdict,
}: ScenarioResultViewProps) {
  const passedSteps = result.steps.filter((s) => s.status === 'passed').length;
  return (
    <div
      className={`sc-result sc-result-${result.pass ? 'pass' : 'fail'}`}
      data-scenario-result={result.name}
      data-pass={result.pass}
    >
      <p className="sc-result-line">
        <strong>{result.pass ? 'Passed' : 'Failed'}</strong> · {passedSteps}/{result.steps.length}{' '}
        steps · {result.events} events · {result.durationMs} ms scenario time
      </p>
      {result.failures.length > 0 && (
        <ul className="sc-failures" aria-label={`Failures of ${result.name}`}>
          {result.failures.map((failure, index) => (
            <li key={index}>{failure}</li>
          ))}
        </ul>
      )}
      <button
        type="button"
        onClick={() => onOpenTrace(result)}
        aria-label={`Open trace of ${result.name}`}
        disabled={result.events === 0 || !traceKept}
      >
        Open trace
      </button>
      {!traceKept && (
        <span className="muted">
          {' '}
          The trace of this run is gone: the harness keeps the traces of its last batch only.
        </span>
      )}
      {result.steps.length > 0 && (
        <details className="sc-steps">
          <summary>Steps</summary>
          <ol start={0}>
            {result.steps.map((step) => (
              <li
                key={step.index}
                data-step-status={step.status}
                className={`sc-step-${step.status}`}
              >
                <span className="mono">{step.description}</span> — {step.status}
                {step.message !== undefined && `: ${step.message}`}
              </li>
            ))}
          </ol>
        </details>
      )}
      <h3 className="sc-verdicts-title">Verdicts</h3>
      {result.verdicts.length === 0 ? (
        <p className="muted">No verdicts: the run did not get that far.</p>
      ) : (
        <VerdictList
          verdicts={result.verdicts}
          label={`Verdicts of ${result.name}`}
          onShow={traceKept ? (verdict) => onShowVerdict(result, verdict) : undefined}
        />
      )}
    </div>
  );
}
