import type { LedgerEntry, TraceEvent } from '../trace/events';

/** One ledger row of a report: the entry as it stands at the end, and the events that made it. */
export interface ReportLedgerRow {
  readonly entry: LedgerEntry;
  /** The `seq` of the event that recorded the entry. */
  readonly recordedSeq: number;
  /** The `seq` of the event that reversed it, when one did. */
  readonly reversedSeq?: number;
}

/**
 * The ledger derived from the trace's `ledger` events (what the simulator, or the proxy reading
 * the terminal's answers, wrote down), in the order entries were recorded. A reversal marks the
 * entry it names by its POI transaction id.
 */
export function ledgerOf(events: readonly TraceEvent[]): readonly ReportLedgerRow[] {
  const rows: ReportLedgerRow[] = [];
  const byPoiId = new Map<string, number>();
  for (const event of events) {
    if (event.kind !== 'ledger') continue;
    const known = byPoiId.get(event.entry.poiTransactionId);
    if (event.change === 'recorded' || known === undefined) {
      byPoiId.set(event.entry.poiTransactionId, rows.length);
      rows.push({
        entry: event.entry,
        recordedSeq: event.seq,
        ...(event.change === 'reversed' ? { reversedSeq: event.seq } : {}),
      });
      continue;
    }
    const row = rows[known];
    if (row !== undefined) rows[known] = { ...row, entry: event.entry, reversedSeq: event.seq };
  }
  return rows;
}
