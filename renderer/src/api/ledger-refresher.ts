import type { HarnessApi } from '@shared/ipc';
import type { HarnessStore } from '../store/harness-store';

/** Fetches the simulator's ledger when it changed; at most one call in flight. */
export interface LedgerRefresher {
  refresh(): void;
}

export function createLedgerRefresher(api: HarnessApi, store: HarnessStore): LedgerRefresher {
  let inFlight = false;
  let again = false;
  const run = async () => {
    inFlight = true;
    do {
      again = false;
      const result = await api.simulator.ledger();
      // Unavailable = no embedded simulator (external peer): there is no ledger to show.
      if (result.ok) store.getState().setLedger(result.value);
      else if (result.error.kind === 'unavailable') store.getState().setLedger(null);
    } while (again);
    inFlight = false;
  };
  return {
    refresh() {
      if (inFlight) again = true;
      else void run();
    },
  };
}
