import type { LiveVerdicts } from '@shared/ipc';
import type { HarnessState, SliceCreator } from '../../store/harness-state';

/** The live verdicts (README "Live verdicts"): every checker on the current run's trace, as the core pushes them. */
export interface VerdictsSlice {
  /** The last verdicts the core pushed; null until it said any. */
  readonly liveVerdicts: LiveVerdicts | null;
  readonly setLiveVerdicts: (verdicts: LiveVerdicts) => void;
}

export const createVerdictsSlice: SliceCreator<VerdictsSlice> = (set) => ({
  liveVerdicts: null,
  setLiveVerdicts: (liveVerdicts) => set({ liveVerdicts }),
});

/**
 * The live verdicts of the run the window shows; null while they belong to an older run (a
 * role switch: the core judges the new run at once and pushes its verdicts).
 */
export const selectLiveVerdicts = (s: HarnessState): LiveVerdicts | null => {
  const verdicts = s.liveVerdicts;
  if (verdicts === null) return null;
  return s.run === null || s.run.runId === verdicts.runId ? verdicts : null;
};
