import { useMemo } from 'react';
import { selectSessionClock } from '../session/session-slice';
import { selectCentreView, selectRecording, selectReplay } from '../../store/selectors';
import { selectLiveVerdicts } from '../verdicts/verdicts-slice';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { LiveLedger } from '../ledger/LiveLedger';
import { LiveReplay } from '../replay/LiveReplay';
import { LiveTimeline } from '../timeline';
import { LiveTraceBar } from '../traces/LiveTraceBar';
import { RecordingPaused } from './RecordingPaused';

/** The centre: trace controls, the live/replay/ledger switch, and whichever of them is shown. */
export function CentrePane() {
  const store = useHarnessStoreApi();
  const view = useHarnessStore(selectCentreView);
  const replay = useHarnessStore(selectReplay);
  const verdicts = useHarnessStore(selectLiveVerdicts)?.verdicts;
  const show = store.getState().showCentreView;
  const paused = useHarnessStore(selectRecording) === false;
  const anchor = useHarnessStore(selectSessionClock);
  // Trace time runs like the page's clock between events (as the session panel's countdowns).
  const now = useMemo(
    () => (anchor === undefined ? undefined : () => anchor.t + (performance.now() - anchor.wallMs)),
    [anchor],
  );
  return (
    <>
      {/* One line: which view the centre shows, then the trace controls. */}
      <div className="wb-centre-top">
        <div className="view-switch" role="group" aria-label="Centre view">
          <button type="button" aria-pressed={view === 'live'} onClick={() => show('live')}>
            Live timeline
          </button>
          <button
            type="button"
            aria-pressed={view === 'replay'}
            disabled={replay === null}
            title={replay === null ? 'Open a trace file to replay it' : replay.fileName}
            onClick={() => show('replay')}
          >
            Replay{replay === null ? '' : `: ${replay.fileName}`}
          </button>
          <button type="button" aria-pressed={view === 'ledger'} onClick={() => show('ledger')}>
            Ledger
          </button>
        </div>
        <LiveTraceBar />
      </div>
      {view === 'live' && paused && <RecordingPaused />}
      <div className="wb-centre-body" data-centre-view={view}>
        {view === 'live' && (
          <LiveTimeline store={store} recordingPaused={paused} verdicts={verdicts} now={now} />
        )}
        {view === 'replay' && <LiveReplay />}
        {view === 'ledger' && <LiveLedger />}
      </div>
    </>
  );
}
