/** The timeline feature's public surface (components, slice, view model). */
export { Timeline, TIMELINE_ROW_HEIGHT, type TimelineProps } from './Timeline';
export { TimelineFilters, type TimelineFiltersProps, type TimelineMode } from './TimelineFilters';
export { DetailPane, prettyJson, type DetailPaneProps } from './DetailPane';
export { TimelineWorkspace, type TimelineWorkspaceProps } from './TimelineWorkspace';
export { LiveTimeline, type LiveTimelineProps } from './LiveTimeline';
export { useTimelineModel } from './use-timeline-model';
export {
  createTimelineSlice,
  selectTimelineCategories,
  selectTimelineFilter,
  selectTimelineFollow,
  selectTimelineMode,
  selectTimelineModel,
  selectTimelineRows,
  selectTimelineSelectedRow,
  selectTimelineSelectedSeq,
  type SliceSet,
  type TimelineSlice,
  type TimelineStore,
} from './timeline-slice';
export {
  DEFAULT_TIMELINE_FILTER,
  EVENT_KINDS,
  compileFilter,
  createVisibleIndex,
  type TimelineFilter,
} from './timeline-filter';
export {
  EMPTY_TIMELINE,
  buildTimeline,
  createTimelineBuilder,
  indexOfSeq,
  type Lane,
  type RowTone,
  type TimelineBuilder,
  type TimelineModel,
  type TimelineRow,
} from './timeline-rows';
