import type { TraceHeader } from '@shared/trace/events';
import type { TraceEvent } from '@shared/trace/view';
import type { SliceCreator } from './harness-state';

/** A trace file as opened: the reader's answer and the file's name. */
export interface ReplayTrace {
  readonly fileName: string;
  readonly header: TraceHeader;
  readonly events: readonly TraceEvent[];
  /** What the reader tolerated, one line each (e.g. "line 12: torn last line dropped"). */
  readonly warnings: readonly string[];
}

/** Which view fills the centre: the live run, an opened trace, or the ledger at full width. */
export type CentreView = 'live' | 'replay' | 'ledger';

export interface ReplaySlice {
  readonly centreView: CentreView;
  readonly replay: ReplayTrace | null;
  /** Bumped by every opened file, so the replay view starts over even for the same file. */
  readonly replayId: number;
  /** Why the last file could not be opened (names the line); null when it could. */
  readonly replayError: string | null;
  /** A file is being read or parsed. */
  readonly replayLoading: boolean;
  readonly startReplayLoad: () => void;
  readonly openReplay: (trace: ReplayTrace) => void;
  readonly failReplay: (message: string) => void;
  readonly closeReplay: () => void;
  readonly showCentreView: (view: CentreView) => void;
}

export const createReplaySlice: SliceCreator<ReplaySlice> = (set) => ({
  centreView: 'live',
  replay: null,
  replayId: 0,
  replayError: null,
  replayLoading: false,
  startReplayLoad: () => set({ replayLoading: true, replayError: null }),
  openReplay: (replay) =>
    set((s) => ({
      replay,
      replayId: s.replayId + 1,
      replayError: null,
      replayLoading: false,
      centreView: 'replay',
    })),
  // A bad file leaves the trace already open (if any) where it was.
  failReplay: (message) => set({ replayError: message, replayLoading: false }),
  closeReplay: () => set({ replay: null, replayError: null, centreView: 'live' }),
  showCentreView: (centreView) =>
    set((s) => ({
      centreView: centreView === 'replay' && s.replay === null ? 'live' : centreView,
    })),
});
