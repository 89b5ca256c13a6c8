import type { CSSProperties } from 'react';
import type { TimelineRow } from './timeline-rows';
import { laneX, type FlowLane } from './timeline-flow';
import { WIRE_BADGE } from './row-text';

export interface FlowCellProps {
  readonly row: TimelineRow;
  readonly lanes: readonly FlowLane[];
}

/** A span between two lane positions (percent of the cell). */
function between(a: number, b: number): CSSProperties {
  return { left: `${Math.min(a, b)}%`, right: `${100 - Math.max(a, b)}%` };
}

/**
 * The lanes of one row: the lifelines (the cell's background), then a message's arrow from its
 * sender's lane to its receiver's with the title above it, or a dot on the lane of any other
 * event with the title beside it, reaching towards the other lanes.
 */
export function FlowCell({ row, lanes }: FlowCellProps) {
  const path = row.flow;
  if (path.kind === 'arrow') {
    const from = laneX(lanes, path.from);
    const to = laneX(lanes, path.to);
    const via = path.via === undefined ? undefined : laneX(lanes, path.via);
    const span = Math.abs(to - from);
    return (
      <span className="tl-flow" data-lanes={lanes.length}>
        <span
          className={`tl-arrowline ${to > from ? 'tl-rightward' : 'tl-leftward'}${path.lost ? ' tl-lost' : ''}`}
          style={between(from, to)}
          aria-hidden="true"
        >
          {via === undefined || span === 0 ? null : (
            <span className="tl-via" style={{ left: `${(100 * Math.abs(via - from)) / span}%` }} />
          )}
        </span>
        <span className="tl-flow-label tl-title tl-cut" style={between(from, to)}>
          {row.wire !== undefined && <span className="tl-wire">{WIRE_BADGE[row.wire]}</span>}
          {row.title}
          {row.serviceId === undefined ? null : (
            <span className="tl-flow-sid"> #{row.serviceId}</span>
          )}
          {/* The leg, the proxy's action or the encryption: what the arrow cannot draw. */}
          {row.detail === '' ? null : <span className="tl-flow-detail"> · {row.detail}</span>}
        </span>
      </span>
    );
  }
  const at = laneX(lanes, path.at);
  // Text runs from the dot towards the middle: rightwards from the left half, else leftwards.
  const rightwards = at < 50;
  const side: CSSProperties = rightwards
    ? { left: `calc(${at}% + 0.7rem)`, right: 0 }
    : { left: 0, right: `calc(${100 - at}% + 0.7rem)` };
  return (
    <span className="tl-flow" data-lanes={lanes.length}>
      <span className="tl-dot" style={{ left: `${at}%` }} aria-hidden="true" />
      <span
        className={`tl-flow-text tl-cut ${rightwards ? 'tl-from-left' : 'tl-from-right'}`}
        style={side}
      >
        <span className="tl-title">{row.title}</span>
        {row.detail === '' ? null : <span className="tl-flow-detail"> · {row.detail}</span>}
      </span>
    </span>
  );
}
