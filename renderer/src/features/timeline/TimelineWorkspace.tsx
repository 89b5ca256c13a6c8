import { useDeferredValue, useMemo, useState } from 'react';
import type { Rect } from '@tanstack/react-virtual';
import { DetailPane } from './DetailPane';
import { Timeline } from './Timeline';
import { TimelineFilters } from './TimelineFilters';
import { createVisibleIndex, positionOf, type TimelineFilter } from './timeline-filter';
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
}: TimelineWorkspaceProps) {
  // Typing in the search box stays responsive: the list re-filters at a lower priority.
  const deferredFilter = useDeferredValue(filter);
  const [visibleIndex] = useState(createVisibleIndex);
  const rows = model.rows;
  const visible = useMemo(
    () => visibleIndex(rows, deferredFilter),
    [visibleIndex, rows, deferredFilter],
  );
  const selectedIndex = selectedSeq === undefined ? -1 : indexOfSeq(rows, selectedSeq);
  const selectedRow = rows[selectedIndex];
  const hiddenByFilters = selectedIndex >= 0 && positionOf(visible, selectedIndex) < 0;
  return (
    <div className="tl-workspace">
      <TimelineFilters
        filter={filter}
        categories={model.categories}
        onChange={onFilterChange}
        follow={follow}
        onFollowChange={onFollowChange}
        shown={visible.length}
        total={rows.length}
      />
      <div className="tl-body">
        <Timeline
          rows={rows}
          visible={visible}
          selectedSeq={selectedSeq}
          follow={follow}
          onSelect={onSelect}
          onFollowChange={onFollowChange}
          label={label}
          initialRect={initialRect}
        />
        <DetailPane
          row={selectedRow}
          hiddenByFilters={hiddenByFilters}
          onJump={onSelect}
          copyText={copyText}
        />
      </div>
    </div>
  );
}
