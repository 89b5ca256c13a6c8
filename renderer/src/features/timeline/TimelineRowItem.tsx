import { memo, useEffect, useState } from 'react';
import type { TimelineRow } from './timeline-rows';
import {
  RAIL_TRACKS,
  waitingText,
  type FlowLane,
  type PendingState,
  type RailMark,
} from './timeline-flow';
import type { TimelineMode } from './TimelineFilters';
import { FlowCell } from './FlowCell';
import { RowTooltip } from './RowTooltip';
import {
  CONCERN_ICON,
  KIND_BADGE,
  VERDICT_ICON,
  WIRE_BADGE,
  arrowOf,
  directionWords,
  fullText,
  resultText,
} from './row-text';

export interface TimelineRowItemProps {
  readonly row: TimelineRow;
  readonly id: string;
  readonly selected: boolean;
  /** 1-based position among the visible rows (the list is virtualised, so ARIA needs it). */
  readonly position: number;
  readonly setSize: number;
  readonly top: number;
  readonly height: number;
  readonly onSelect: (seq: number) => void;
  readonly mode: TimelineMode;
  readonly lanes: readonly FlowLane[];
  /** Pairing lines that cross this row (flow view). */
  readonly rails: readonly RailMark[] | undefined;
  /** Messages of the failing verdicts that name this row. */
  readonly verdicts: readonly string[] | undefined;
  /**
   * Whether this row carries the tooltip layer: the pointer rests on it, or it is selected while
   * the list has the keyboard focus (the tooltip then opens by itself when text is cut).
   */
  readonly tip: 'pointer' | 'focus' | undefined;
  /** A POS request still without its response: how its open pairing line reads. */
  readonly pending?: PendingState;
  /** The live run's trace time now, for a waiting request's elapsed time. */
  readonly now?: () => number;
}

/** How often a waiting request's elapsed time is redrawn, ms. */
const WAITING_TICK_MS = 250;

/** "waiting 1.2 s" beside a live request without its answer, counting up while it waits. */
function Waiting({ since, now }: { readonly since: number; readonly now?: () => number }) {
  const [t, setT] = useState(() => now?.() ?? since);
  useEffect(() => {
    if (now === undefined) return;
    const id = setInterval(() => setT(now()), WAITING_TICK_MS);
    return () => clearInterval(id);
  }, [now]);
  return <>{now === undefined ? 'waiting' : waitingText(t - since)}</>;
}

/** Today's one-line row: time, kind, the title in its lane, ServiceID, result, latency, detail. */
function CompactCells({ row }: { readonly row: TimelineRow }) {
  const title = <span className="tl-title">{row.title}</span>;
  return (
    <>
      <span className="tl-time">{row.time}</span>
      <span className="tl-badge">{KIND_BADGE[row.kind]}</span>
      <span className="tl-lane tl-lane-pos tl-cut">{row.lane === 'pos' ? title : null}</span>
      <span className="tl-arrow" aria-hidden="true">
        {arrowOf(row)}
      </span>
      {/* The name of the option is its visible text (plus this), so it reads as it looks. */}
      {row.direction !== undefined && (
        <span className="visually-hidden">{directionWords(row)}</span>
      )}
      <span className="tl-lane tl-lane-poi tl-cut">{row.lane === 'poi' ? title : null}</span>
      <span className="tl-sid">{row.serviceId === undefined ? '' : `#${row.serviceId}`}</span>
      <span className="tl-result tl-cut">{resultText(row)}</span>
      <span className="tl-latency">{row.latencyMs === undefined ? '' : `${row.latencyMs} ms`}</span>
      <span className="tl-detail tl-cut">
        {row.wire !== undefined && <span className="tl-wire">{WIRE_BADGE[row.wire]}</span>}
        {row.detail}
      </span>
    </>
  );
}

/** The flow view's marks of a row: faults and timeouts that name it, failing verdicts. */
function Marks({
  row,
  verdicts,
}: {
  readonly row: TimelineRow;
  readonly verdicts?: readonly string[];
}) {
  if (row.concerns.length === 0 && verdicts === undefined) return null;
  return (
    <span className="tl-marks">
      {row.concerns.map((concern) => {
        const Icon = CONCERN_ICON[concern.kind];
        return (
          <span key={concern.seq} className={`tl-mark tl-mark-${concern.kind}`}>
            <Icon aria-hidden="true" size={13} strokeWidth={2.25} />
            <span className="visually-hidden">{`${concern.kind}: ${concern.text}`}</span>
          </span>
        );
      })}
      {verdicts === undefined ? null : (
        <span className="tl-mark tl-mark-verdict">
          <VERDICT_ICON aria-hidden="true" size={13} strokeWidth={2.25} />
          <span className="visually-hidden">{`verdict failed: ${verdicts.join('; ')}`}</span>
        </span>
      )}
    </span>
  );
}

/**
 * Rails of the pairing lines that cross a row, drawn in the gutter beside the lanes; a request
 * still without its response starts an open-ended line on the next free track.
 */
function Rails({
  rails,
  pending,
}: {
  readonly rails: readonly RailMark[] | undefined;
  readonly pending: PendingState | undefined;
}) {
  if (rails === undefined && pending === undefined) return null;
  const openTrack = Math.min(rails?.length ?? 0, RAIL_TRACKS - 1);
  return (
    <span className="tl-rails" aria-hidden="true">
      {rails?.map((mark) => (
        <span
          key={mark.track}
          className={`tl-rail tl-rail-${mark.part}`}
          style={{ width: `${(mark.track + 1) * 5}px` }}
        />
      ))}
      {pending === undefined ? null : (
        <span
          className={`tl-rail tl-rail-open tl-rail-${pending}`}
          style={{ width: `${(openTrack + 1) * 5}px` }}
        />
      )}
    </span>
  );
}

/** The latency column: the latency of an answer, or what an open request is waiting for. */
function Latency({
  row,
  pending,
  now,
}: {
  readonly row: TimelineRow;
  readonly pending: PendingState | undefined;
  readonly now?: () => number;
}) {
  if (pending === 'waiting')
    return (
      <span className="tl-latency tl-pending">
        <Waiting since={row.t} now={now} />
      </span>
    );
  if (pending === 'unanswered') return <span className="tl-latency tl-pending">no response</span>;
  if (row.latencyMs === undefined) return null;
  return <span className="tl-latency">{`${row.latencyMs} ms`}</span>;
}

/**
 * The flow row: time, lanes with the arrow or mark, pairing rails, marks, result, latency (the
 * session band is the row's own edge). Each part sits in its own column (timeline.css), so a
 * part with nothing to show is left out: fewer elements to draw as rows scroll into view.
 */
function FlowCells({
  row,
  lanes,
  rails,
  verdicts,
  pending,
  now,
}: {
  readonly row: TimelineRow;
  readonly lanes: readonly FlowLane[];
  readonly rails: readonly RailMark[] | undefined;
  readonly verdicts?: readonly string[];
  readonly pending?: PendingState;
  readonly now?: () => number;
}) {
  const result = resultText(row);
  return (
    <>
      <span className="tl-time">{row.time}</span>
      {/* The arrow is drawn, so its words come first in the name: "POS to payment application Login Request". */}
      {row.direction !== undefined && (
        <span className="visually-hidden">{directionWords(row)}</span>
      )}
      <FlowCell row={row} lanes={lanes} />
      <Rails rails={rails} pending={pending} />
      <Marks row={row} verdicts={verdicts} />
      {/* An open request has no result yet: its waiting words take the result's room too. */}
      {pending === undefined && result !== '' && <span className="tl-result tl-cut">{result}</span>}
      <Latency row={row} pending={pending} now={now} />
    </>
  );
}

/**
 * One fixed-height row; its accessible name is its visible text. Everything shown was computed
 * when the event arrived; rendering only reads fields, so scrolling a 100,000-row timeline does
 * no parsing.
 */
export const TimelineRowItem = memo(function TimelineRowItem({
  row,
  id,
  selected,
  position,
  setSize,
  top,
  height,
  onSelect,
  mode,
  lanes,
  rails,
  verdicts,
  tip,
  pending,
  now,
}: TimelineRowItemProps) {
  const flow = mode === 'flow';
  return (
    <div
      role="option"
      id={id}
      aria-selected={selected}
      aria-posinset={position}
      aria-setsize={setSize}
      data-seq={row.seq}
      data-kind={row.kind}
      data-category={row.category}
      data-direction={row.direction}
      data-service-id={row.serviceId}
      data-wire={row.wire}
      data-band={flow ? row.band : undefined}
      data-problem={verdicts === undefined ? undefined : 'verdict'}
      data-pending={flow ? pending : undefined}
      data-leg={row.event.kind === 'message' ? row.event.leg : undefined}
      data-proxied={row.event.kind === 'message' ? row.event.proxied : undefined}
      className={`tl-row ${flow ? 'tl-row-flow' : 'tl-row-compact'} tl-tone-${row.tone} tl-kind-${row.kind}`}
      style={{ height, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.seq)}
    >
      {flow ? (
        <FlowCells
          row={row}
          lanes={lanes}
          rails={rails}
          verdicts={verdicts}
          pending={pending}
          now={now}
        />
      ) : (
        <CompactCells row={row} />
      )}
      {tip === undefined ? null : (
        <RowTooltip text={fullText(row, verdicts)} openWhenCut={tip === 'focus'} />
      )}
    </div>
  );
});
