import { useMemo } from 'react';
import { selectLedger } from '../../store/selectors';
import { useHarnessStore } from '../../store/use-harness-store';
import { useHarnessStoreApi } from '../../store/use-harness-store-api';
import { selectTimelineRows } from '../timeline';
import { showLiveEvent } from '../verdicts/commands';
import { linkLedger } from './ledger-links';
import { LedgerView } from './LedgerView';

import { EXTERNAL_PEER_NOTE, selectExternalPeer } from './ledger-selectors';

/**
 * The embedded simulator's ledger at full width (the centre's "Ledger" view), each row linked
 * to its messages on the live timeline: "Show messages" brings the timeline back with the
 * Payment request selected.
 */
export function LiveLedger() {
  const store = useHarnessStoreApi();
  const ledger = useHarnessStore(selectLedger);
  const external = useHarnessStore(selectExternalPeer);
  const rows = useHarnessStore(selectTimelineRows);
  const entries = useMemo(() => (external ? null : (ledger ?? [])), [external, ledger]);
  const links = useMemo(() => (entries === null ? [] : linkLedger(entries, rows)), [entries, rows]);
  return (
    <LedgerView
      entries={entries}
      links={links}
      unavailableReason={EXTERNAL_PEER_NOTE}
      onShowMessages={(seq) => showLiveEvent(store, seq)}
    />
  );
}
