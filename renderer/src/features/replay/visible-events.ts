import type { TraceEvent } from '@shared/trace/view';
import { compileFilter, type TimelineFilter, type TimelineModel } from '../timeline';

/** The events behind the rows a filter shows, in order (for exporting "the visible flow"). */
export function visibleEvents(model: TimelineModel, filter: TimelineFilter): readonly TraceEvent[] {
  const predicate = compileFilter(filter);
  const events: TraceEvent[] = [];
  for (let i = 0; i < model.length; i++) {
    const event = model.eventAt(i);
    if (event !== undefined && predicate(model, i)) events.push(event);
  }
  return events;
}
