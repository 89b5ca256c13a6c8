import { useId } from 'react';
import { formatMinor } from '@shared/protocol/money';
import type { LedgerEntry } from '@shared/trace/events';
import './ledger.css';

export interface LedgerViewProps {
  /** The simulator's ledger, oldest first; null when there is none (an external peer). */
  readonly entries: readonly LedgerEntry[] | null;
  /** Why there is no ledger (shown instead of the table). */
  readonly unavailableReason?: string;
}

const RESULT_LABELS: Readonly<Record<LedgerEntry['result'], string>> = {
  approved: 'Approved',
  partial: 'Partially approved',
  declined: 'Declined',
};

/**
 * The simulator's ledger (DESIGN §6): the ground truth of what was charged. One row per
 * payment the payment application processed, with reversals marked, and the count of live
 * approvals so "was the card charged once?" has a one-glance answer.
 */
export function LedgerView({ entries, unavailableReason }: LedgerViewProps) {
  const titleId = useId();
  const approvals =
    entries?.filter((e) => e.result !== 'declined' && !e.reversed).length ?? undefined;
  return (
    <section className="panel-box ledger" aria-labelledby={titleId}>
      <h2 id={titleId}>
        Ledger{' '}
        {approvals !== undefined && (
          <span className="ledger-count" data-approvals={approvals}>
            {approvals} {approvals === 1 ? 'approval' : 'approvals'} standing
          </span>
        )}
      </h2>
      {entries === null ? (
        <p className="muted">{unavailableReason ?? 'No ledger: the peer is not the simulator.'}</p>
      ) : entries.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <div className="ledger-scroll">
          <table className="ledger-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Result</th>
                <th scope="col">Amount</th>
                <th scope="col">Authorised</th>
                <th scope="col">POI tx</th>
                <th scope="col">Sale tx</th>
                <th scope="col">ServiceID</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr
                  key={e.poiTransactionId}
                  data-result={e.result}
                  data-reversed={e.reversed}
                  className={`ledger-row ledger-${e.result}${e.reversed ? ' ledger-reversed' : ''}`}
                >
                  <td>
                    {RESULT_LABELS[e.result]}
                    {e.errorCondition !== undefined && ` (${e.errorCondition})`}
                    {e.reversed && ', reversed'}
                  </td>
                  <td className="num">{formatMinor(e.amountMinor, e.currency)}</td>
                  <td className="num">{formatMinor(e.authorisedMinor, e.currency)}</td>
                  <td className="mono">{e.poiTransactionId}</td>
                  <td className="mono">{e.saleTransactionId}</td>
                  <td className="mono">{e.serviceId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
