import { memo } from 'react';
import type { TimelineRow } from './timeline-rows';
import type { FlowLane, RailMark } from './timeline-flow';
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
  /** The pointer is over this row (its tooltip is mounted then only). */
  readonly hovered: boolean;
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
  if (row.concerns.length === 0 && verdicts === undefined) return <span className="tl-marks" />;
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

/** Rails of the pairing lines that cross a row, drawn in the gutter beside the lanes. */
function Rails({ rails }: { readonly rails: readonly RailMark[] | undefined }) {
  return (
    <span className="tl-rails" aria-hidden="true">
      {rails?.map((mark) => (
        <span
          key={mark.track}
          className={`tl-rail tl-rail-${mark.part}`}
          style={{ width: `${(mark.track + 1) * 5}px` }}
        />
      ))}
    </span>
  );
}

/** The flow row: band, time, lanes with the arrow or mark, pairing rails, marks, result, latency. */
function FlowCells({
  row,
  lanes,
  rails,
  verdicts,
}: {
  readonly row: TimelineRow;
  readonly lanes: readonly FlowLane[];
  readonly rails: readonly RailMark[] | undefined;
  readonly verdicts?: readonly string[];
}) {
  return (
    <>
      <span className="tl-band" aria-hidden="true" />
      <span className="tl-time">{row.time}</span>
      {/* The arrow is drawn, so its words come first in the name: "POS to payment application Login Request". */}
      {row.direction !== undefined && (
        <span className="visually-hidden">{directionWords(row)}</span>
      )}
      <FlowCell row={row} lanes={lanes} />
      <Rails rails={rails} />
      <Marks row={row} verdicts={verdicts} />
      <span className="tl-result tl-cut">{resultText(row)}</span>
      <span className="tl-latency">{row.latencyMs === undefined ? '' : `${row.latencyMs} ms`}</span>
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
  hovered,
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
      data-leg={row.event.kind === 'message' ? row.event.leg : undefined}
      data-proxied={row.event.kind === 'message' ? row.event.proxied : undefined}
      className={`tl-row ${flow ? 'tl-row-flow' : 'tl-row-compact'} tl-tone-${row.tone} tl-kind-${row.kind}`}
      style={{ height, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.seq)}
    >
      {flow ? (
        <FlowCells row={row} lanes={lanes} rails={rails} verdicts={verdicts} />
      ) : (
        <CompactCells row={row} />
      )}
      {hovered ? <RowTooltip text={fullText(row, verdicts)} /> : null}
    </div>
  );
});
