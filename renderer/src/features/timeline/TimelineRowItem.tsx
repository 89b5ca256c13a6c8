import { memo } from 'react';
import type { TimelineRow } from './timeline-rows';
import { KIND_BADGE, WIRE_BADGE, arrowOf, directionWords, resultText } from './row-text';

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
}

/**
 * One fixed-height row; its accessible name is its visible text. Everything shown was computed when the event arrived; rendering only
 * reads fields, so scrolling a 100,000-row timeline does no parsing.
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
}: TimelineRowItemProps) {
  const title = <span className="tl-title">{row.title}</span>;
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
      className={`tl-row tl-tone-${row.tone} tl-kind-${row.kind}`}
      style={{ height, transform: `translateY(${top}px)` }}
      onClick={() => onSelect(row.seq)}
    >
      <span className="tl-time">{row.time}</span>
      <span className="tl-badge">{KIND_BADGE[row.kind]}</span>
      <span className="tl-lane tl-lane-pos">{row.lane === 'pos' ? title : null}</span>
      <span className="tl-arrow" aria-hidden="true">
        {arrowOf(row)}
      </span>
      {/* The name of the option is its visible text (plus this), so it reads as it looks. */}
      {row.direction !== undefined && (
        <span className="visually-hidden">{directionWords(row)}</span>
      )}
      <span className="tl-lane tl-lane-poi">{row.lane === 'poi' ? title : null}</span>
      <span className="tl-sid">{row.serviceId === undefined ? '' : `#${row.serviceId}`}</span>
      <span className="tl-result">{resultText(row)}</span>
      <span className="tl-latency">{row.latencyMs === undefined ? '' : `${row.latencyMs} ms`}</span>
      <span className="tl-detail">
        {row.wire !== undefined && <span className="tl-wire">{WIRE_BADGE[row.wire]}</span>}
        {row.detail}
      </span>
    </div>
  );
});
