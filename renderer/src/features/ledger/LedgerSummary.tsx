import { selectLedger } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { EXTERNAL_PEER_NOTE, selectExternalPeer } from './ledger-selectors';

const plural = (count: number, word: string): string =>
  `${String(count)} ${word}${count === 1 ? '' : 's'}`;

/** The ledger in one line for the side pane, with the way to its full view. */
export function LedgerSummary() {
  const store = useHarnessStoreApi();
  const ledger = useHarnessStore(selectLedger);
  const external = useHarnessStore(selectExternalPeer);
  const approvals = ledger?.filter((e) => e.result !== 'declined' && !e.reversed).length ?? 0;
  return (
    <div className="panel-box ledger-summary" role="group" aria-label="Ledger at a glance">
      <p>
        {external
          ? EXTERNAL_PEER_NOTE
          : `${plural(ledger?.length ?? 0, 'payment')} in the simulator’s ledger, ${plural(approvals, 'approval')} standing.`}
      </p>
      <button type="button" onClick={() => store.getState().showCentreView('ledger')}>
        Open ledger
      </button>
    </div>
  );
}
