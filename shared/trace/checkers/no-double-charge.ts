import { formatMinor } from '../../protocol/money';
import type { LedgerEntry, TraceEvent, TraceHeader } from '../events';
import { defineChecker, type EventReader } from './incremental';
import type { Verdict } from './types';
import { failed, judge, listed, passed, plural } from './verdicts';

const NAME = 'no-double-charge';

interface Row {
  entry: LedgerEntry;
  readonly recordedSeq: number;
  reversedSeq?: number;
}

const APPROVALS: ReadonlySet<LedgerEntry['result']> = new Set(['approved', 'partial']);

function describeRow(row: Row): string {
  const { entry } = row;
  return `POI transaction ${entry.poiTransactionId} (ServiceID ${entry.serviceId}, ${entry.result} ${formatMinor(entry.authorisedMinor, entry.currency)}, seq ${row.recordedSeq})`;
}

/**
 * The customer's view (DESIGN §8): at the end of the trace, each sale (SaleID +
 * SaleTransactionID) has at most one approval (approved or partial) that was not reversed. The
 * simulator's ledger events are the ground truth; a trace without them (a client talking to an
 * external terminal) gives this checker nothing to judge.
 */
function read(header: TraceHeader): EventReader<Verdict[]> {
  const rows = new Map<string, Row>();
  let ledgerEvents = 0;

  const push = (event: TraceEvent): void => {
    if (event.kind !== 'ledger') return;
    ledgerEvents++;
    const known = rows.get(event.entry.poiTransactionId);
    if (event.change === 'recorded') {
      if (known === undefined)
        rows.set(event.entry.poiTransactionId, { entry: event.entry, recordedSeq: event.seq });
      else known.entry = event.entry;
    } else if (known === undefined) {
      // A reversal of a transaction recorded before the trace started: remember it reversed.
      rows.set(event.entry.poiTransactionId, {
        entry: event.entry,
        recordedSeq: event.seq,
        reversedSeq: event.seq,
      });
    } else {
      known.entry = { ...known.entry, reversed: true };
      known.reversedSeq = event.seq;
    }
  };

  const verdicts = (): Verdict[] => {
    if (ledgerEvents === 0) {
      // The header says whether the simulator ran: an empty ledger then means nothing charged yet.
      return [
        passed(
          NAME,
          header.simulator === undefined
            ? 'not applicable: no simulator is recorded in this trace, so there is no ledger to judge'
            : 'nothing charged yet: no payment has reached the simulator’s ledger',
        ),
      ];
    }
    const bySale = new Map<string, Row[]>();
    for (const row of rows.values()) {
      if (!APPROVALS.has(row.entry.result) || row.entry.reversed) continue;
      const key = `${row.entry.saleId}\u0000${row.entry.saleTransactionId}`;
      const charged = bySale.get(key);
      if (charged === undefined) bySale.set(key, [row]);
      else charged.push(row);
    }
    const violations: Verdict[] = [];
    for (const charged of bySale.values()) {
      const [first] = charged;
      if (first === undefined || charged.length < 2) continue;
      const { saleId, saleTransactionId } = first.entry;
      violations.push(
        failed(
          NAME,
          `sale ${saleTransactionId} of SaleID ${saleId} was charged ${charged.length} times and not reversed: ${listed(charged, describeRow, '; ')}`,
          charged.map((row) => row.recordedSeq),
        ),
      );
    }
    return judge(
      NAME,
      violations,
      `every sale has at most one unreversed approval (${plural(bySale.size, 'sale')} charged, ${plural(rows.size, 'ledger entry', 'ledger entries')})`,
    );
  };

  return { push, read: verdicts };
}

export const noDoubleCharge = defineChecker({
  name: NAME,
  description:
    "At most one unreversed approval (approved or partial) per SaleTransactionID, from the simulator's ledger.",
  start: read,
});
