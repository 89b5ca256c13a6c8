import { useId } from 'react';
import type { ScenarioInfo, ScenarioReport } from '@shared/ipc';
import type { Verdict } from '@shared/trace/checkers';
import type { ScenarioStatus } from './scenario-progress';
import { ScenarioResultView } from './ScenarioResultView';

export interface ScenarioRowProps {
  readonly info: ScenarioInfo;
  readonly status: ScenarioStatus;
  readonly result: ScenarioReport | undefined;
  readonly selected: boolean;
  readonly expanded: boolean;
  /** A batch runs or a run was asked for: nothing else may start. */
  readonly busy: boolean;
  readonly onToggleSelected: (name: string) => void;
  readonly onExpand: (name: string | null) => void;
  readonly onRun: (names: readonly string[]) => void;
  readonly onOpenTrace: (result: ScenarioReport) => void;
  readonly onShowVerdict: (result: ScenarioReport, verdict: Verdict) => void;
}

const STATUS_TEXT: Readonly<Record<ScenarioStatus, string>> = {
  idle: '',
  queued: 'queued',
  running: 'running…',
  passed: '✓ passed',
  failed: '✗ failed',
};

/** One scenario: tick box, title (unfolds the details), status, its own Run button, its result. */
export function ScenarioRow({
  info,
  status,
  result,
  selected,
  expanded,
  busy,
  onToggleSelected,
  onExpand,
  onRun,
  onOpenTrace,
  onShowVerdict,
}: ScenarioRowProps) {
  const detailsId = useId();
  return (
    <li className="sc-row" data-scenario={info.name} data-status={status}>
      <div className="sc-row-head">
        <input
          type="checkbox"
          aria-label={`Select ${info.name}`}
          checked={selected}
          onChange={() => onToggleSelected(info.name)}
        />
        <button
          type="button"
          className="sc-title"
          aria-expanded={expanded}
          aria-controls={expanded ? detailsId : undefined}
          title={info.description}
          onClick={() => onExpand(expanded ? null : info.name)}
        >
          {info.title}
        </button>
        <span className={`sc-status sc-status-${status}`}>{STATUS_TEXT[status]}</span>
        <button
          type="button"
          className="sc-run"
          aria-label={`Run ${info.name}`}
          disabled={busy}
          onClick={() => onRun([info.name])}
        >
          Run
        </button>
      </div>
      {expanded && (
        <div id={detailsId} className="sc-details">
          <p className="sc-facts muted">
            <span className="mono">{info.name}</span> · profile {info.profile} · {info.steps} steps
            {info.tags.length > 0 && ` · ${info.tags.join(', ')}`}
            {info.source === 'custom' && ' · custom file'}
          </p>
          <p className="sc-description">{info.description}</p>
          {result !== undefined && (
            <ScenarioResultView
              result={result}
              onOpenTrace={onOpenTrace}
              onShowVerdict={onShowVerdict}
            />
          )}
        </div>
      )}
    </li>
  );
}
