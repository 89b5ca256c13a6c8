import { useStore } from 'zustand';
import type { Rect } from '@tanstack/react-virtual';
import type { Verdict } from '@shared/trace/checkers';
import { TimelineWorkspace } from './TimelineWorkspace';
import {
  selectTimelineFilter,
  selectTimelineFollow,
  selectTimelineMode,
  selectTimelineModel,
  selectTimelineSelectedSeq,
  type TimelineStore,
} from './timeline-slice';

export interface LiveTimelineProps {
  /** The one store (`useHarnessStore` fits: it contains the timeline slice). */
  readonly store: TimelineStore;
  readonly initialRect?: Rect;
  readonly copyText?: (text: string) => Promise<void>;
  /** While recording is paused nothing new arrives: the timeline does not claim to follow. */
  readonly recordingPaused?: boolean;
  /** The run's live verdicts: failing ones mark the rows they name. */
  readonly verdicts?: readonly Verdict[];
  /** The run's trace time now: how long an open request has waited. */
  readonly now?: () => number;
}

/** The live timeline: the workspace bound to the store's timeline slice. */
export function LiveTimeline({
  store,
  initialRect,
  copyText,
  recordingPaused = false,
  verdicts,
  now,
}: LiveTimelineProps) {
  const model = useStore(store, selectTimelineModel);
  const filter = useStore(store, selectTimelineFilter);
  const selectedSeq = useStore(store, selectTimelineSelectedSeq);
  const follow = useStore(store, selectTimelineFollow);
  const mode = useStore(store, selectTimelineMode);
  const actions = store.getState();
  return (
    <TimelineWorkspace
      model={model}
      filter={filter}
      onFilterChange={actions.setTimelineFilter}
      selectedSeq={selectedSeq}
      onSelect={actions.selectTimelineRow}
      follow={follow && !recordingPaused}
      onFollowChange={actions.setTimelineFollow}
      label="Timeline"
      initialRect={initialRect}
      copyText={copyText}
      verdicts={verdicts}
      live
      now={now}
      mode={mode}
      onModeChange={actions.setTimelineMode}
    />
  );
}
