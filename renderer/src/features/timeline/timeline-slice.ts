import type { StoreApi } from 'zustand';
import type { TraceEvent } from '@shared/trace/view';
import { DEFAULT_TIMELINE_FILTER, type TimelineFilter } from './timeline-filter';
import type { TimelineMode } from './TimelineFilters';
import {
  EMPTY_TIMELINE,
  allRows,
  createTimelineBuilder,
  indexOfSeq,
  type TimelineModel,
  type TimelineRow,
} from './timeline-rows';

/** The live timeline's part of the one store. */
export interface TimelineSlice {
  readonly timeline: TimelineModel;
  readonly timelineFilter: TimelineFilter;
  /** Seq of the selected row, if any. */
  readonly timelineSelectedSeq: number | undefined;
  /** Follow = keep the newest row in view; off = paused where the user is looking. */
  readonly timelineFollow: boolean;
  /** Flow view (lanes and arrows) or the compact list. */
  readonly timelineMode: TimelineMode;
  /** Adds a batch from the event stream; rows are summarised here, once per event. */
  readonly appendTimelineEvents: (events: readonly TraceEvent[]) => void;
  /** Starts over (a new session or trace), optionally with a first batch. */
  readonly resetTimeline: (events?: readonly TraceEvent[]) => void;
  readonly setTimelineFilter: (filter: TimelineFilter) => void;
  readonly selectTimelineRow: (seq: number | undefined) => void;
  readonly setTimelineFollow: (follow: boolean) => void;
  readonly setTimelineMode: (mode: TimelineMode) => void;
}

/** The setter a slice needs; zustand's `set` for any store that contains the slice fits it. */
export type SliceSet<T> = (partial: Partial<T> | ((state: T) => Partial<T>)) => void;

/**
 * Slice creator for the combined store:
 * `create<All>()((set, get) => ({ ...createTimelineSlice(set, get), ... }))`.
 * The row builder (pairing, categories) lives in this closure, one per store.
 */
export function createTimelineSlice(
  set: SliceSet<TimelineSlice>,
  _get: () => TimelineSlice,
  // zustand passes the store too; accepted so that `createTimelineSlice(...args)` type-checks.
  _store?: unknown,
): TimelineSlice {
  let builder = createTimelineBuilder();
  return {
    timeline: EMPTY_TIMELINE,
    timelineFilter: DEFAULT_TIMELINE_FILTER,
    timelineSelectedSeq: undefined,
    timelineFollow: true,
    timelineMode: 'flow',
    appendTimelineEvents(events) {
      const before = builder.model;
      const model = builder.append(events);
      if (model !== before) set({ timeline: model });
    },
    resetTimeline(events = []) {
      builder = createTimelineBuilder();
      set({ timeline: builder.append(events), timelineSelectedSeq: undefined });
    },
    setTimelineFilter(filter) {
      set({ timelineFilter: filter });
    },
    selectTimelineRow(seq) {
      set({ timelineSelectedSeq: seq });
    },
    setTimelineFollow(follow) {
      set({ timelineFollow: follow });
    },
    setTimelineMode(mode) {
      set({ timelineMode: mode });
    },
  };
}

/**
 * Any store that contains the slice, read-only: `useHarnessStore` fits, and so does a test
 * store holding the slice alone.
 */
export type TimelineStore = Pick<
  StoreApi<TimelineSlice>,
  'getState' | 'getInitialState' | 'subscribe'
>;

export const selectTimelineModel = (s: TimelineSlice): TimelineModel => s.timeline;
/** Every row of the live run, built on first use (for readers of the whole run, not the list). */
export const selectTimelineRows = (s: TimelineSlice): readonly TimelineRow[] => allRows(s.timeline);
export const selectTimelineCategories = (s: TimelineSlice): readonly string[] =>
  s.timeline.categories;
export const selectTimelineFilter = (s: TimelineSlice): TimelineFilter => s.timelineFilter;
export const selectTimelineSelectedSeq = (s: TimelineSlice): number | undefined =>
  s.timelineSelectedSeq;
export const selectTimelineFollow = (s: TimelineSlice): boolean => s.timelineFollow;
export const selectTimelineMode = (s: TimelineSlice): TimelineMode => s.timelineMode;
export const selectTimelineSelectedRow = (s: TimelineSlice): TimelineRow | undefined => {
  const seq = s.timelineSelectedSeq;
  return seq === undefined ? undefined : s.timeline.rowAt(indexOfSeq(s.timeline, seq));
};
