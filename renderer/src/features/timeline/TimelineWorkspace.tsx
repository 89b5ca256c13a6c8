import { useDeferredValue, useMemo, useState } from 'react';
import type { Rect } from '@tanstack/react-virtual';
import type { Verdict } from '@shared/trace/checkers';
import { DetailPane } from './DetailPane';
import { Timeline } from './Timeline';
import { TimelineFilters, type TimelineMode } from './TimelineFilters';
import {
  createFacetCounter,
  createVisibleIndex,
  positionOf,
  type TimelineFilter,
} from './timeline-filter';
import { verdictHits } from './timeline-flow';
import { indexOfSeq, type TimelineModel } from './timeline-rows';
import './timeline.css';

export interface TimelineWorkspaceProps {
  readonly model: TimelineModel;
  readonly filter: TimelineFilter;
  readonly onFilterChange: (filter: TimelineFilter) => void;
  readonly selectedSeq: number | undefined;
  readonly onSelect: (seq: number) => void;
  readonly follow: boolean;
  readonly onFollowChange: (follow: boolean) => void;
  /** Accessible name of the list ("Timeline", "Replay timeline", …). */
  readonly label?: string;
  /** See {@link Timeline}'s `initialRect`. */
  readonly initialRect?: Rect;
  readonly copyText?: (text: string) => Promise<void>;
  /** Verdicts on these events: failing ones mark the rows they name. */
  readonly verdicts?: readonly Verdict[];
  /** A live run (open requests are "waiting"), and its trace time now (see {@link Timeline}). */
  readonly live?: boolean;
  readonly now?: () => number;
  /** Flow or compact; kept here unless the caller keeps it. */
  readonly mode?: TimelineMode;
  readonly onModeChange?: (mode: TimelineMode) => void;
}

/**
 * Filters, the list and the detail pane of one event source. Every piece of state comes in
 * through props, so the live view binds it to the store and the replay view to its own state.
 */
export function TimelineWorkspace({
  model,
  filter,
  onFilterChange,
  selectedSeq,
  onSelect,
  follow,
  onFollowChange,
  label,
  initialRect,
  copyText,
  verdicts,
  live,
  now,
  mode: givenMode,
  onModeChange,
}: TimelineWorkspaceProps) {
  const [ownMode, setOwnMode] = useState<TimelineMode>('flow');
  // Where the detail pane sits under the list it starts folded: the rows come first.
  const [detailFolded, setDetailFolded] = useState(true);
  const mode = givenMode ?? ownMode;
  const setMode = onModeChange ?? setOwnMode;
  // Typing in the search box stays responsive: the list re-filters at a lower priority.
  const deferredFilter = useDeferredValue(filter);
  const [visibleIndex] = useState(createVisibleIndex);
  const [facetCounter] = useState(createFacetCounter);
  const hits = useMemo(() => verdictHits(verdicts), [verdicts]);
  const visible = useMemo(
    () => visibleIndex(model, deferredFilter, hits),
    [visibleIndex, model, deferredFilter, hits],
  );
  const counts = useMemo(() => facetCounter(model, hits), [facetCounter, model, hits]);
  const selectedIndex = selectedSeq === undefined ? -1 : indexOfSeq(model, selectedSeq);
  const selectedRow = model.rowAt(selectedIndex);
  const hiddenByFilters = selectedIndex >= 0 && positionOf(visible, selectedIndex) < 0;
  return (
    <div className="tl-workspace">
      <TimelineFilters
        filter={filter}
        categories={model.categories}
        counts={counts}
        onChange={onFilterChange}
        mode={mode}
        onModeChange={setMode}
        follow={follow}
        onFollowChange={onFollowChange}
        shown={visible.length}
        total={model.length}
      />
      <div className="tl-body">
        <Timeline
          model={model}
          visible={visible}
          selectedSeq={selectedSeq}
          follow={follow}
          onSelect={onSelect}
          onFollowChange={onFollowChange}
          label={label}
          mode={mode}
          lanes={model.lanes}
          verdictHits={hits}
          live={live}
          now={now}
          initialRect={initialRect}
        />
        <DetailPane
          row={selectedRow}
          verdicts={selectedRow === undefined ? undefined : hits.get(selectedRow.seq)}
          hiddenByFilters={hiddenByFilters}
          onJump={onSelect}
          copyText={copyText}
          folded={detailFolded}
          onFoldedChange={setDetailFolded}
        />
      </div>
    </div>
  );
}
