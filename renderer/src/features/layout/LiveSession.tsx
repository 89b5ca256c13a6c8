import { LiveSlowRecoveryHint, LiveTimingsFact } from '../policy/LiveTimings';
import type { HarnessState } from '../../store/harness-state';
import { selectProxyLatency, selectRole } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { showLiveEvent } from '../verdicts/commands';
import { PosSessionStrip } from '../session/PosSessionStrip';
import { ProxyLatency } from '../session/ProxyLatency';
import { selectPosSessions } from '../session/pos-sessions-slice';
import {
  LiveSessionPanel,
  selectSessionHistory,
  selectSessionProfile,
  selectSessionView,
  SessionStrip,
} from '../session';

/** While recording is paused the trace carries no transitions: the core's own state is shown. */
const selectPausedState = (s: HarnessState) =>
  s.recording === false ? s.sessionInfo?.state : undefined;

/** The live session in the strip that stays in view. */
export function LiveSessionStrip() {
  const role = useHarnessStore(selectRole);
  const posSessions = useHarnessStore(selectPosSessions);
  const view = useHarnessStore(selectSessionView);
  const profile = useHarnessStore(selectSessionProfile);
  const episode = useHarnessStore((s) => selectSessionHistory(s).episodes.at(-1));
  const pausedState = useHarnessStore(selectPausedState);
  const latency = useHarnessStore(selectProxyLatency);
  const shown =
    pausedState === undefined || pausedState === view.state
      ? view
      : { ...view, state: pausedState };
  // In terminal and proxy roles the POS is external: its sessions, not the client's machine.
  if (role === 'terminal' || role === 'proxy')
    return (
      <PosSessionStrip sessions={posSessions} role={role}>
        {latency !== null && <ProxyLatency latency={latency} />}
      </PosSessionStrip>
    );
  return (
    <SessionStrip view={shown} profile={profile} episode={episode} facts={<LiveTimingsFact />}>
      <LiveSlowRecoveryHint />
    </SessionStrip>
  );
}

/** The live session in full (state machine, counters, operations in flight) in a side pane. */
export function LiveSession() {
  const store = useHarnessStoreApi();
  const pausedState = useHarnessStore(selectPausedState);
  const role = useHarnessStore(selectRole) ?? undefined;
  const posSessions = useHarnessStore(selectPosSessions);
  return (
    <div className="panel-box wb-session">
      <LiveSessionPanel
        store={store}
        liveState={pausedState}
        label={role === 'terminal' || role === 'proxy' ? 'POS sessions' : 'State machine'}
        onShowEvent={(seq) => showLiveEvent(store, seq)}
        role={role}
        posSessions={posSessions}
      />
    </div>
  );
}
