import type { HarnessState } from '../../store/harness-state';
import { useHarnessStore } from '../../store/use-harness-store';

const selectSkipped = (s: HarnessState) => s.skippedWhilePaused;

const plural = (n: number) => (n === 1 ? '1 event' : `${String(n)} events`);

/**
 * Said above the live timeline while recording is paused (README "Care with work"): events are
 * not kept at all, neither on the timeline nor in a saved trace, and how many were skipped.
 */
export function RecordingPaused() {
  const skipped = useHarnessStore(selectSkipped);
  return (
    <p className="recording-paused" role="status" data-recording-paused data-skipped={skipped}>
      <strong>Recording paused:</strong> new events are not kept, on the timeline or in a saved
      trace. {skipped === 0 ? 'None skipped yet.' : `${plural(skipped)} skipped so far.`} Press
      “Record trace” to keep events again.
    </p>
  );
}
