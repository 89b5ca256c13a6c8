import type { HarnessState } from '../../store/harness-state';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { LiveSessionPanel } from '../session';

/** While recording is paused the trace carries no transitions: the core's own state is shown. */
const selectPausedState = (s: HarnessState) =>
  s.recording === false ? s.sessionInfo?.state : undefined;

/** The session panel of the live run. */
export function LiveSession() {
  const store = useHarnessStoreApi();
  const pausedState = useHarnessStore(selectPausedState);
  return (
    <div className="panel-box wb-session">
      <LiveSessionPanel store={store} liveState={pausedState} />
    </div>
  );
}
