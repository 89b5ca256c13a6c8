import type { HarnessState } from '../../store/harness-state';

/** The client talks to an external payment app: there is no simulator ledger to show. */
export const selectExternalPeer = (s: HarnessState): boolean =>
  s.simulatorInfo !== null && s.simulatorInfo.simulator === null;

export const EXTERNAL_PEER_NOTE =
  'The client talks to an external payment app: its ledger is not visible here.';
