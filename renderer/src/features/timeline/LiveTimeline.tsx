import { useStore } from 'zustand';
import type { Rect } from '@tanstack/react-virtual';
import { TimelineWorkspace } from './TimelineWorkspace';
import {
  selectTimelineFilter,
  selectTimelineFollow,
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
}

/** The live timeline: the workspace bound to the store's timeline slice. */
export function LiveTimeline({
  store,
  initialRect,
  copyText,
  recordingPaused = false,
}: LiveTimelineProps) {
  const model = useStore(store, selectTimelineModel);
  const filter = useStore(store, selectTimelineFilter);
  const selectedSeq = useStore(store, selectTimelineSelectedSeq);
  const follow = useStore(store, selectTimelineFollow);
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
    />
  );
}
