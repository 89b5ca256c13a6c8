import type { CSSProperties } from 'react';
import type { TimelineRow } from './timeline-rows';
import { laneX, type FlowLane } from './timeline-flow';
import { WIRE_BADGE } from './row-text';

export interface FlowCellProps {
  readonly row: TimelineRow;
  readonly lanes: readonly FlowLane[];
}

/** Lane positions for the cell's stylesheet (timeline.css, "The flow cell"), in percent. */
type LaneVars = CSSProperties & {
  readonly '--from'?: string;
  readonly '--to'?: string;
  readonly '--via'?: string;
  readonly '--at'?: string;
  /** The message's line as a background: its width, and its position in background terms. */
  readonly '--line-w'?: string;
  readonly '--line-x'?: string;
};

const percent = (x: number) => `${x}%`;

/**
 * The lanes of one row, drawn by one element (a scroll brings about ten new rows a frame, and
 * every element of a row costs that frame): the lifelines are its background, a message's line
 * and arrowhead (or the dot of any other event) are drawn by its stylesheet from the lane
 * positions given here, and its text is the title, between the lanes of a message or beside the
 * dot reaching towards the other lanes.
 */
export function FlowCell({ row, lanes }: FlowCellProps) {
  const path = row.flow;
  if (path.kind === 'arrow') {
    const from = laneX(lanes, path.from);
    const to = laneX(lanes, path.to);
    const left = Math.min(from, to);
    const width = Math.abs(to - from);
    const lanesVars: LaneVars = {
      '--from': percent(left),
      '--to': percent(left + width),
      '--line-w': percent(width),
      // A background's percent position aligns that point of the image with that point of the
      // box, so the line starts at `left` when positioned at left / (100 - width).
      '--line-x': percent(width >= 100 ? 0 : (100 * left) / (100 - width)),
      ...(path.via === undefined ? {} : { '--via': percent(laneX(lanes, path.via)) }),
    };
    return (
      <span
        className={`tl-flow tl-flow-message tl-cut ${to > from ? 'tl-rightward' : 'tl-leftward'}${path.lost ? ' tl-lost' : ''}${path.via === undefined ? '' : ' tl-via'}`}
        data-lanes={lanes.length}
        style={lanesVars}
      >
        {row.wire !== undefined && <span className="tl-wire">{WIRE_BADGE[row.wire]}</span>}
        <span className="tl-title">{row.title}</span>
        {row.serviceId === undefined ? null : (
          <span className="tl-flow-sid"> #{row.serviceId}</span>
        )}
        {/* The leg, the proxy's action or the encryption: what the arrow cannot draw. */}
        {row.detail === '' ? null : <span className="tl-flow-detail"> · {row.detail}</span>}
      </span>
    );
  }
  const at = laneX(lanes, path.at);
  // Text runs from the dot towards the middle: rightwards from the left half, else leftwards.
  const rightwards = at < 50;
  return (
    <span
      className={`tl-flow tl-flow-mark tl-cut ${rightwards ? 'tl-from-left' : 'tl-from-right'}`}
      data-lanes={lanes.length}
      style={{ '--at': percent(at) } as LaneVars}
    >
      <span className="tl-title">{row.title}</span>
      {row.detail === '' ? null : <span className="tl-flow-detail"> · {row.detail}</span>}
    </span>
  );
}
