import type { AppState } from './app-slice';
import type { HarnessState } from './harness-state';

export const selectAppState = (s: HarnessState) => s.appState;
/**
 * What the root's `data-app-state` says: the start-up state, or `disconnected` while a ready
 * window has lost its core (derived, so it ends by itself when the connection comes back).
 */
export const selectShellState = (s: HarnessState): AppState | 'disconnected' =>
  s.appState === 'ready' && (s.connection === 'lost' || s.connection === 'reconnecting')
    ? 'disconnected'
    : s.appState;
export const selectAppInfo = (s: HarnessState) => s.appInfo;
export const selectStartupError = (s: HarnessState) => s.startupError;
export const selectMode = (s: HarnessState) => s.mode;
export const selectConnection = (s: HarnessState) => s.connection;
export const selectStreamLiveSince = (s: HarnessState) => s.streamLiveSince;
export const selectRun = (s: HarnessState) => s.run;
export const selectRole = (s: HarnessState) => s.run?.role ?? null;
export const selectSessionInfo = (s: HarnessState) => s.sessionInfo;
export const selectSimulatorInfo = (s: HarnessState) => s.simulatorInfo;
export const selectLedger = (s: HarnessState) => s.ledger;
export const selectFaults = (s: HarnessState) => s.faults;
export const selectRecording = (s: HarnessState) => s.recording;
export const selectCentreView = (s: HarnessState) => s.centreView;
export const selectPaneLayout = (s: HarnessState) => s.paneLayout;
export const selectTheme = (s: HarnessState) => s.theme;
/**
 * The armed faults of the embedded simulator or, in proxy role, of the proxy in the middle; null
 * when neither runs.
 */
export const selectArmedFaults = (s: HarnessState) =>
  s.simulatorInfo?.simulator?.faults ?? s.simulatorInfo?.proxy?.faults ?? null;
/** An embedded simulator runs (client role with the embedded peer, terminal role). */
export const selectSimulatorRuns = (s: HarnessState) =>
  s.simulatorInfo !== null && s.simulatorInfo.simulator !== null;
/** The time the proxy adds per direction (proxy role, while it listens); null otherwise. */
export const selectProxyLatency = (s: HarnessState) => s.simulatorInfo?.proxy?.latency ?? null;
export const selectReplay = (s: HarnessState) => s.replay;
export const selectReplayError = (s: HarnessState) => s.replayError;
export const selectReplayLoading = (s: HarnessState) => s.replayLoading;
export const selectReplayId = (s: HarnessState) => s.replayId;
