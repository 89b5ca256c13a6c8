import type { FaultAvailability, RunInfo, SessionInfo, SimulatorInfo } from '@shared/ipc';
import type { LedgerEntry } from '@shared/trace/events';
import type { SliceCreator } from './harness-state';

/**
 * What the core last told us about itself beyond the trace: the run (role, peer, address), the
 * session manager, the embedded simulator and its ledger, which faults apply, and whether it
 * records. Every field is null until the core said it (the greeting batch says most of it).
 */
export interface CoreStateSlice {
  readonly run: RunInfo | null;
  readonly sessionInfo: SessionInfo | null;
  readonly simulatorInfo: SimulatorInfo | null;
  /**
   * The embedded simulator's ledger, or the proxy's (what the terminal reported); null when there
   * is none (external peer) or not fetched yet.
   */
  readonly ledger: readonly LedgerEntry[] | null;
  readonly faults: readonly FaultAvailability[] | null;
  readonly recording: boolean | null;
  /** Events the core did not keep since recording was paused (0 while recording). */
  readonly skippedWhilePaused: number;
  readonly setRun: (run: RunInfo) => void;
  readonly setSessionInfo: (session: SessionInfo) => void;
  readonly setSimulatorInfo: (simulator: SimulatorInfo) => void;
  readonly setLedger: (entries: readonly LedgerEntry[] | null) => void;
  readonly setFaults: (faults: readonly FaultAvailability[]) => void;
  readonly setRecording: (recording: boolean, skipped?: number) => void;
}

export const createCoreStateSlice: SliceCreator<CoreStateSlice> = (set) => ({
  run: null,
  sessionInfo: null,
  simulatorInfo: null,
  ledger: null,
  faults: null,
  recording: null,
  skippedWhilePaused: 0,
  setRun: (run) => set({ run }),
  setSessionInfo: (sessionInfo) => set({ sessionInfo }),
  // No embedded simulator and no proxy (whose ledger is what the terminal reported), no ledger:
  // drop a stale one at once.
  setSimulatorInfo: (simulatorInfo) =>
    set(
      simulatorInfo.simulator === null && simulatorInfo.proxy === undefined
        ? { simulatorInfo, ledger: null }
        : { simulatorInfo },
    ),
  setLedger: (ledger) => set({ ledger }),
  setFaults: (faults) => set({ faults }),
  setRecording: (recording, skipped = 0) =>
    set({ recording, skippedWhilePaused: recording ? 0 : skipped }),
});
