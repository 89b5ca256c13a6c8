import { useState } from 'react';
import type { Rect } from '@tanstack/react-virtual';
import {
  DEFAULT_TIMELINE_FILTER,
  TimelineWorkspace,
  useTimelineModel,
  type TimelineFilter,
} from '../timeline';
import { VerdictList } from '../verdicts/VerdictList';
import type { ScenarioTraceView } from './scenarios-slice';

export interface ScenarioTracePaneProps {
  readonly view: ScenarioTraceView;
  readonly onSelect: (seq: number) => void;
  readonly onClose: () => void;
  /** See the Timeline's `initialRect` (component tests have no layout). */
  readonly initialRect?: Rect;
  readonly copyText?: (text: string) => Promise<void>;
}

/**
 * A scenario run's trace in the centre, replay-like: the run's verdicts beside the same
 * timeline the live view has; a verdict selects (and scrolls to) its first event. The list is
 * named "Scenario timeline"; the pane carries `data-scenario-trace` (the scenario's name) and
 * `data-status` (`loading`, `ready`, `failed`).
 */
export function ScenarioTracePane({
  view,
  onSelect,
  onClose,
  initialRect,
  copyText,
}: ScenarioTracePaneProps) {
  const model = useTimelineModel(view.events);
  const [filter, setFilter] = useState<TimelineFilter>(DEFAULT_TIMELINE_FILTER);
  const [follow, setFollow] = useState(false);
  const { report } = view;
  return (
    <section
      className="sc-trace"
      aria-label={`Scenario trace of ${view.name}`}
      data-scenario-trace={view.name}
      data-status={view.status}
    >
      <div className="sc-trace-bar">
        <h2 className="sc-trace-title">
          Scenario trace <span className="mono">{view.name}</span>
        </h2>
        <p className="sc-trace-facts muted">
          {report.title} · {report.pass ? 'passed' : 'failed'} · {report.events} events · seed{' '}
          {report.seed} · virtual time
        </p>
        <button type="button" onClick={onClose}>
          Close scenario trace
        </button>
      </div>
      {view.status === 'loading' && <p className="muted">Loading the trace…</p>}
      {view.status === 'failed' && (
        <p className="sc-error" role="alert">
          The trace could not be fetched: {view.error}
        </p>
      )}
      <div className="sc-trace-body">
        <aside className="sc-trace-verdicts" aria-label="Verdicts of this run">
          <h3>Verdicts</h3>
          <VerdictList
            verdicts={report.verdicts}
            label={`Verdicts of the ${view.name} trace`}
            onShow={(_verdict, seq) => {
              setFollow(false);
              onSelect(seq);
            }}
          />
        </aside>
        <TimelineWorkspace
          model={model}
          filter={filter}
          onFilterChange={setFilter}
          selectedSeq={view.selectedSeq}
          onSelect={onSelect}
          follow={follow}
          onFollowChange={setFollow}
          label="Scenario timeline"
          initialRect={initialRect}
          copyText={copyText}
        />
      </div>
    </section>
  );
}
