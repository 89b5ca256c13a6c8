import { useCallback, useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { Verdict } from '@shared/trace/checkers';
import type { Rect } from '@tanstack/react-virtual';
import { createSessionReplay, formatTraceTime, type TraceEvent } from '@shared/trace/view';
import type { ReplayTrace } from '../../store/replay-slice';
import {
  EMPTY_HISTORY,
  SessionPanel,
  foldSessionHistoryEvents,
  replayHistoryAt,
  opTimeoutsFromPolicy,
} from '../session';
import { NO_POS_SESSIONS, foldPosSessions } from '../session/pos-sessions';
import {
  DEFAULT_TIMELINE_FILTER,
  TimelineWorkspace,
  useTimelineModel,
  type TimelineFilter,
} from '../timeline';
import { FoldToggle } from '../../components/FoldToggle';
import { judgeTraceInSlices } from './trace-verdicts';
import { visibleEvents } from './visible-events';
import './replay.css';

export interface ReplayViewProps {
  readonly trace: ReplayTrace;
  readonly onClose: () => void;
  /** Renders the export controls for the rows the filters show (computed when asked). */
  readonly renderExport?: (visible: () => readonly TraceEvent[]) => ReactNode;
  readonly initialRect?: Rect;
  readonly copyText?: (text: string) => Promise<void>;
}

/**
 * The replay of an opened trace (README "Traces" under "Using the window"): the same timeline as the live view, a
 * scrubber, and the session panel as it stood at the scrubbed event. Scrubbing selects the row
 * at that point; selecting a row moves the scrubber there.
 */
export function ReplayView({
  trace,
  onClose,
  renderExport,
  initialRect,
  copyText,
}: ReplayViewProps) {
  const id = useId();
  const { events, header } = trace;
  const model = useTimelineModel(events);
  const replay = useMemo(() => createSessionReplay(events), [events]);
  const firstSeq = events[0]?.seq ?? 0;
  const lastSeq = events.at(-1)?.seq ?? 0;
  const [seq, setSeq] = useState(lastSeq);
  // The trace's own verdicts, as the live view has its live ones: failing ones mark the rows
  // they name. Judged in slices after the rows show (a big file opens first, marks follow).
  const [verdicts, setVerdicts] = useState<readonly Verdict[] | undefined>(undefined);
  useEffect(() => judgeTraceInSlices(header, events, setVerdicts), [header, events]);
  const [filter, setFilter] = useState<TimelineFilter>(DEFAULT_TIMELINE_FILTER);
  const [follow, setFollow] = useState(false);
  // Where the centre is narrow the replayed session folds to the scrubber's line: rows first.
  const [sessionFolded, setSessionFolded] = useState(true);
  const view = useMemo(() => replay.at(seq), [replay, seq]);
  // The whole trace's history, unbounded (the file is the bound), cut at the scrubbed event.
  const history = useMemo(
    () => foldSessionHistoryEvents(EMPTY_HISTORY, events, Number.POSITIVE_INFINITY),
    [events],
  );
  const historyAtSeq = useMemo(() => replayHistoryAt(history, seq), [history, seq]);
  const timeouts = useMemo(() => opTimeoutsFromPolicy(header.policy), [header]);
  // Only traces of an external POS have cards to fold (see SessionPanel).
  const externalPos = header.role === 'terminal' || header.role === 'proxy';
  const posSessions = useMemo(
    () =>
      externalPos
        ? foldPosSessions(NO_POS_SESSIONS, events.slice(0, seq - firstSeq + 1))
        : undefined,
    [externalPos, events, seq, firstSeq],
  );
  const at = events[seq - firstSeq];
  const visible = useCallback(() => visibleEvents(model, filter), [model, filter]);
  const facts = [
    `${events.length} events · ${header.role} role · profile ${header.profile} · harness ${header.harnessVersion} · recorded ${header.createdAt}`,
    ...trace.warnings,
  ].join(' · ');

  return (
    <div
      className="replay"
      data-replay-seq={seq}
      data-replay-events={events.length}
      data-session-folded={sessionFolded}
    >
      <div className="replay-bar">
        <h2 className="replay-title">
          Replay <span className="mono">{trace.fileName}</span>
        </h2>
        <p className="replay-facts" title={facts}>
          {facts}
        </p>
      </div>
      <div className="replay-scrub">
        <label htmlFor={`${id}-scrub`}>Replay position</label>
        <input
          id={`${id}-scrub`}
          type="range"
          min={firstSeq}
          max={lastSeq}
          step={1}
          value={seq}
          disabled={events.length === 0}
          aria-valuetext={
            at === undefined
              ? 'no events'
              : `event ${seq} of ${lastSeq} at ${formatTraceTime(at.t)}`
          }
          onChange={(e) => {
            setSeq(Number(e.target.value));
            setFollow(false);
          }}
        />
        <span className="replay-pos mono" aria-hidden="true">
          {at === undefined ? '–' : `#${seq} / ${lastSeq} · ${formatTraceTime(at.t)}`}
        </span>
        <FoldToggle
          what="session"
          folded={sessionFolded}
          onFoldedChange={setSessionFolded}
          className="replay-session-toggle"
        />
        {renderExport?.(visible)}
        <button type="button" onClick={onClose}>
          Close replay
        </button>
      </div>
      <div className="replay-body">
        {/* It scrolls on its own: tabIndex lets keyboard users scroll it too. */}
        <div className="replay-session" role="group" aria-label="Replayed session" tabIndex={0}>
          <SessionPanel
            view={view}
            profile={header.profile}
            timeouts={timeouts}
            history={historyAtSeq}
            onShowEvent={(at) => {
              setSeq(at);
              setFollow(false);
            }}
            role={header.role}
            posSessions={posSessions}
          />
        </div>
        <TimelineWorkspace
          model={model}
          filter={filter}
          onFilterChange={setFilter}
          selectedSeq={events.length === 0 ? undefined : seq}
          onSelect={setSeq}
          follow={follow}
          onFollowChange={setFollow}
          label="Replay timeline"
          initialRect={initialRect}
          copyText={copyText}
          verdicts={verdicts}
        />
      </div>
    </div>
  );
}
