import type { TraceEvent } from '@shared/trace/view';
import { compileFilter, type TimelineFilter, type TimelineRow } from '../timeline';

/** The events behind the rows a filter shows, in order (for exporting "the visible flow"). */
export function visibleEvents(
  rows: readonly TimelineRow[],
  filter: TimelineFilter,
): readonly TraceEvent[] {
  const predicate = compileFilter(filter);
  const events: TraceEvent[] = [];
  for (const row of rows) if (predicate(row)) events.push(row.event);
  return events;
}
