import { useId, useState } from 'react';
import type { ScenarioInfo } from '@shared/ipc';
import type { Verdict } from '@shared/trace/checkers';
import type { ScenarioStatus } from './scenario-progress';
import type { ScenarioRun } from './scenario-runs';
import { ScenarioResultView } from './ScenarioResultView';
import { ScenarioRunHistory } from './ScenarioRunHistory';

export interface ScenarioRowProps {
  readonly info: ScenarioInfo;
  readonly status: ScenarioStatus;
  /** Its runs since the window opened, oldest first (the newest is shown unless one is picked). */
  readonly runs: readonly ScenarioRun[];
  /** The batch whose traces the core still holds (the last one). */
  readonly traceBatchId: string | undefined;
  readonly selected: boolean;
  readonly expanded: boolean;
  /** A batch runs or a run was asked for: nothing else may start. */
  readonly busy: boolean;
  readonly onToggleSelected: (name: string) => void;
  readonly onExpand: (name: string | null) => void;
  readonly onRun: (names: readonly string[]) => void;
  readonly onOpenTrace: (run: ScenarioRun) => void;
  readonly onShowVerdict: (run: ScenarioRun, verdict: Verdict) => void;
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
  runs,
  traceBatchId,
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
  const [picked, setPicked] = useState<ScenarioRun | undefined>(undefined);
  // A picked run stays shown until a newer run arrives (then the newest is shown again).
  const latest = runs.at(-1);
  const shown = picked !== undefined && runs.includes(picked) ? picked : latest;
  const traceKept = shown !== undefined && shown.batchId === traceBatchId;
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
          {shown !== undefined && (
            <>
              {shown !== latest && <p className="muted sc-older-run">Showing an earlier run.</p>}
              <ScenarioResultView
                result={shown.report}
                traceKept={traceKept}
                onOpenTrace={() => onOpenTrace(shown)}
                onShowVerdict={(_result, verdict) => onShowVerdict(shown, verdict)}
              />
              <ScenarioRunHistory name={info.name} runs={runs} shown={shown} onShow={setPicked} />
            </>
          )}
        </div>
      )}
    </li>
  );
}
