import type { HarnessState } from '../../store/harness-state';
import { selectLedger } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { LedgerView } from './LedgerView';

const selectExternalPeer = (s: HarnessState) =>
  s.simulatorInfo !== null && s.simulatorInfo.simulator === null;

/** The embedded simulator's ledger, as the store keeps it (client role with it, terminal role). */
export function LiveLedger() {
  const ledger = useHarnessStore(selectLedger);
  const external = useHarnessStore(selectExternalPeer);
  return (
    <LedgerView
      entries={external ? null : (ledger ?? [])}
      unavailableReason="The client talks to an external payment app: its ledger is not visible here."
    />
  );
}
