import { useMemo } from 'react';
import type { TraceEvent } from '@shared/trace/view';
import { buildTimeline, type TimelineModel } from './timeline-rows';

/**
 * Rows for a fixed list of events (an opened trace): built once per list, so the replay view
 * pays the summarising cost once, not per render.
 */
export function useTimelineModel(events: readonly TraceEvent[]): TimelineModel {
  return useMemo(() => buildTimeline(events), [events]);
}
