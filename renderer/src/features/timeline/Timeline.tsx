import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import {
  observeElementRect,
  useVirtualizer,
  type Rect,
  type Virtualizer,
} from '@tanstack/react-virtual';
import * as Tooltip from '@radix-ui/react-tooltip';
import { positionOf } from './timeline-filter';
import { indexOfSeq, type TimelineModel } from './timeline-rows';
import {
  TWO_LANES,
  laneX,
  pairRails,
  pairSpans,
  pendingStateOf,
  type FlowLane,
} from './timeline-flow';
import { laneLabel } from './row-text';
import type { TimelineMode } from './TimelineFilters';
import { TimelineRowItem } from './TimelineRowItem';
import './timeline.css';

/** Every row has this height (px): a fixed height is what keeps rows from jumping while events stream in. */
export const TIMELINE_ROW_HEIGHT = 28;

export interface TimelineProps {
  /** All rows, sorted by seq; the list builds the ones it shows. */
  readonly model: TimelineModel;
  /** Indices into `rows` that pass the filters, ascending. */
  readonly visible: readonly number[];
  readonly selectedSeq: number | undefined;
  /** Keep the newest row in view. */
  readonly follow: boolean;
  readonly onSelect: (seq: number) => void;
  readonly onFollowChange: (follow: boolean) => void;
  /** Accessible name of the list. */
  readonly label?: string;
  /** Lanes and arrows (the default), or the one-line list. */
  readonly mode?: TimelineMode;
  /** The flow view's lanes. */
  readonly lanes?: readonly FlowLane[];
  /** Messages of failing verdicts per seq they name. */
  readonly verdictHits?: ReadonlyMap<number, readonly string[]>;
  /**
   * A live run, whose open requests may still be answered ("waiting"); a replayed trace's are
   * "no response". `now` is the run's trace time, for how long they have waited.
   */
  readonly live?: boolean;
  readonly now?: () => number;
  /**
   * Size to assume while the list has no layout (0×0: hidden, or a DOM without layout such as
   * happy-dom in component tests). Real layout wins as soon as there is one.
   */
  readonly initialRect?: Rect;
}

type Move = (position: number, last: number, page: number) => number;

/** Keys the list handles, as a table: each maps the current position to the next one. */
const MOVES: Readonly<Record<string, Move>> = {
  ArrowDown: (p, last) => (p < 0 ? 0 : Math.min(p + 1, last)),
  ArrowUp: (p, last) => (p < 0 ? last : Math.max(p - 1, 0)),
  Home: () => 0,
  End: (_p, last) => last,
  PageDown: (p, last, page) => Math.min(Math.max(p, 0) + page, last),
  PageUp: (p, _last, page) => Math.max(p - page, 0),
};

/**
 * The virtualised timeline: a focusable listbox whose options are the visible rows, with the
 * selection moved by the arrow keys, Home, End, PageUp and PageDown.
 */
export function Timeline({
  model,
  visible,
  selectedSeq,
  follow,
  onSelect,
  onFollowChange,
  label = 'Timeline',
  mode = 'flow',
  lanes = TWO_LANES,
  verdictHits,
  live = false,
  now,
  initialRect,
}: TimelineProps) {
  const idPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const fallbackWidth = initialRect?.width;
  const fallbackHeight = initialRect?.height;
  const observeRect = useMemo(
    () =>
      fallbackWidth === undefined || fallbackHeight === undefined
        ? observeElementRect
        : (instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: Rect) => void) =>
            observeElementRect(instance, (rect) =>
              cb(
                rect.width === 0 && rect.height === 0
                  ? { width: fallbackWidth, height: fallbackHeight }
                  : rect,
              ),
            ),
    [fallbackWidth, fallbackHeight],
  );
  // TanStack Virtual returns functions React Compiler cannot memoise, so the compiler skips
  // this component; we do not rely on it here (rows are memoised by TimelineRowItem).
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => TIMELINE_ROW_HEIGHT,
    // A brisk scroll brings about ten new rows a frame; rows beyond those are drawn for nothing.
    overscan: 4,
    initialRect,
    observeElementRect: observeRect,
  });

  // Pairing lines join a response to its request when both are shown; only the flow view draws them.
  const rails = useMemo(() => {
    if (mode !== 'flow') return undefined;
    const pairOf = (index: number) => model.requestIndexAt(index);
    const spans = pairSpans(visible, pairOf, (index) => positionOf(visible, index));
    return pairRails(spans);
  }, [mode, model, visible]);

  const selectedIndex = selectedSeq === undefined ? -1 : indexOfSeq(model, selectedSeq);
  const selectedPosition = selectedIndex < 0 ? -1 : positionOf(visible, selectedIndex);
  const last = visible.length - 1;

  useEffect(() => {
    if (follow && last >= 0) virtualizer.scrollToIndex(last, { align: 'end' });
  }, [follow, last, virtualizer]);

  useEffect(() => {
    // Keep the selection in view when it changes from outside (a jump from the detail pane)
    // or when a filter moves it.
    if (selectedPosition >= 0) virtualizer.scrollToIndex(selectedPosition, { align: 'auto' });
  }, [selectedPosition, virtualizer]);

  const select = useCallback(
    (seq: number) => {
      onSelect(seq);
      // Picking an older row means the user is reading: stop following.
      if (follow && model.eventAt(visible[last] ?? -1)?.seq !== seq) onFollowChange(false);
    },
    [onSelect, onFollowChange, follow, model, visible, last],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move = MOVES[event.key];
    if (move === undefined || last < 0) return;
    event.preventDefault();
    const viewport = scrollRef.current?.clientHeight || initialRect?.height || 0;
    const page = Math.max(1, Math.floor(viewport / TIMELINE_ROW_HEIGHT) - 1);
    const next = move(selectedPosition, last, page);
    const target = model.eventAt(visible[next] ?? -1);
    if (target === undefined) return;
    select(target.seq);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // The row the pointer last entered carries the tooltip layer (RowTooltip); it stays when the
  // pointer leaves the list, closed, so that leaving never remounts the row under the pointer.
  const [hoveredSeq, setHoveredSeq] = useState<number | undefined>(undefined);
  // The keyboard's counterpart: while the list has the focus, the selected row shows its cut
  // text in the same tooltip (README "Timeline flow view").
  const [focused, setFocused] = useState(false);
  const onPointerOver = (event: PointerEvent<HTMLDivElement>) => {
    const option = (event.target as Element).closest('[role="option"]');
    const seq = option === null ? undefined : Number(option.getAttribute('data-seq'));
    if (seq !== hoveredSeq) setHoveredSeq(seq);
  };

  const rowId = (seq: number) => `${idPrefix}-row-${seq}`;
  const activeId =
    selectedPosition >= 0 && selectedSeq !== undefined ? rowId(selectedSeq) : undefined;

  return (
    <div className={`tl-list-wrap tl-mode-${mode}`}>
      {mode === 'flow' ? (
        // Names the lanes above their lifelines; the rows say the same in words.
        <div className="tl-flow-head" aria-hidden="true">
          <span className="tl-row-flow tl-flow-head-row">
            <span className="tl-time">Time</span>
            <span className="tl-flow">
              {lanes.map((lane) => (
                <span
                  key={lane}
                  className="tl-lane-name"
                  data-lane-at={
                    laneX(lanes, lane) < 50 ? 'start' : laneX(lanes, lane) > 50 ? 'end' : 'middle'
                  }
                  style={{ left: `${laneX(lanes, lane)}%` }}
                >
                  {laneLabel(lanes, lane)}
                </span>
              ))}
            </span>
            <span className="tl-result">Result</span>
            <span className="tl-latency">Latency</span>
          </span>
        </div>
      ) : null}
      {visible.length === 0 ? (
        <p className="tl-empty">
          {model.length === 0 ? 'No events yet.' : 'No events match the filters.'}
        </p>
      ) : null}
      <div
        ref={scrollRef}
        className="tl-list"
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeId}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onPointerOver={onPointerOver}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onWheel={(event) => {
          if (event.deltaY < 0 && follow) onFollowChange(false);
        }}
      >
        <Tooltip.Provider delayDuration={400} skipDelayDuration={200}>
          <div className="tl-sizer" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = model.rowAt(visible[item.index] ?? -1);
              if (row === undefined) return null;
              return (
                <TimelineRowItem
                  // By event: a row that stays in view keeps its elements. Handing a row scrolled
                  // out to one scrolled in costs the same (README "Where a scroll frame goes").
                  key={row.seq}
                  row={row}
                  id={rowId(row.seq)}
                  selected={row.seq === selectedSeq}
                  position={item.index + 1}
                  setSize={visible.length}
                  top={item.start}
                  height={TIMELINE_ROW_HEIGHT}
                  onSelect={select}
                  mode={mode}
                  lanes={lanes}
                  rails={rails?.marksAt(item.index)}
                  verdicts={verdictHits?.get(row.seq)}
                  tip={
                    focused && row.seq === selectedSeq
                      ? 'focus'
                      : row.seq === hoveredSeq
                        ? 'pointer'
                        : undefined
                  }
                  pending={mode === 'flow' ? pendingStateOf(row, live) : undefined}
                  now={now}
                />
              );
            })}
          </div>
        </Tooltip.Provider>
      </div>
    </div>
  );
}
