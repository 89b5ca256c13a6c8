import { useId, useState } from 'react';
import { formatMinor } from '@shared/protocol/money';
import type { LedgerEntry } from '@shared/trace/events';
import { downloadText } from '../traces/download';
import { ledgerCsv } from './ledger-csv';
import type { LedgerLinks } from './ledger-links';
import { resultWords } from './ledger-words';
import './ledger.css';

export interface LedgerViewProps {
  /** The simulator's ledger, oldest first; null when there is none (an external peer). */
  readonly entries: readonly LedgerEntry[] | null;
  /** Why there is no ledger (shown instead of the table). */
  readonly unavailableReason?: string;
  /** Per entry (same order): its messages on the timeline and whether it was recovered. */
  readonly links?: readonly LedgerLinks[];
  /** Selects a row's Payment request on the timeline (its response is paired with it there). */
  readonly onShowMessages?: (seq: number) => void;
  /** Saves the CSV (a browser download unless a test says otherwise). */
  readonly download?: typeof downloadText;
}

/** The part all ids share, so the part that tells them apart can stand out. */
export function commonPrefixLength(ids: readonly string[]): number {
  const [first, ...rest] = ids;
  if (first === undefined || rest.length === 0) return 0;
  let length = first.length;
  for (const id of rest) {
    let i = 0;
    while (i < length && i < id.length && id[i] === first[i]) i++;
    length = i;
  }
  // Keep at least one character in the distinct part of every id.
  return Math.min(length, ...ids.map((id) => Math.max(0, id.length - 1)));
}

function Id({ id, shared }: { readonly id: string; readonly shared: number }) {
  return (
    <span className="mono ledger-id" title={id}>
      {shared > 0 && <span className="ledger-id-shared">{id.slice(0, shared)}</span>}
      <span className="ledger-id-own">{id.slice(shared)}</span>
    </span>
  );
}

/** Wall time of a ledger row, as the clock on the wall says it (the row carries ISO time). */
const timeOf = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString('en-GB');
};

/**
 * The simulator's ledger (DESIGN §6; README "Ledger"): the ground truth of what was charged, at
 * full width. One row per payment the payment application processed, every id in full (the
 * part shared with the other rows muted), reversals and recovered payments marked, each row
 * linked to its Payment request and response on the timeline, and an export as CSV. Testing
 * surface: rows carry `data-result`, `data-reversed`, `data-recovered`, `data-poi-transaction-id`,
 * and `data-request-seq` / `data-response-seq` when the timeline holds those messages.
 */
export function LedgerView({
  entries,
  unavailableReason,
  links = [],
  onShowMessages,
  download = downloadText,
}: LedgerViewProps) {
  const titleId = useId();
  const [note, setNote] = useState('');
  const approvals =
    entries?.filter((e) => e.result !== 'declined' && !e.reversed).length ?? undefined;
  const poiShared = commonPrefixLength(entries?.map((e) => e.poiTransactionId) ?? []);
  const saleShared = commonPrefixLength(entries?.map((e) => e.saleTransactionId) ?? []);
  const recovered = links.filter((l) => l.recovered).length;
  return (
    <section className="panel-box ledger" aria-labelledby={titleId}>
      <div className="ledger-head">
        <h2 id={titleId}>
          Ledger{' '}
          {approvals !== undefined && (
            <span className="ledger-count" data-approvals={approvals}>
              {approvals} {approvals === 1 ? 'approval' : 'approvals'} standing
              {recovered > 0 && `, ${String(recovered)} recovered`}
            </span>
          )}
        </h2>
        {entries !== null && (
          <button
            type="button"
            disabled={entries.length === 0}
            onClick={() => {
              download('ledger.csv', ledgerCsv(entries, links), 'text/csv');
              setNote(`Exported ${String(entries.length)} rows as ledger.csv`);
            }}
          >
            Export CSV
          </button>
        )}
        <span className="muted" aria-live="polite">
          {note}
        </span>
      </div>
      {entries === null ? (
        <p className="muted">{unavailableReason ?? 'No ledger: the peer is not the simulator.'}</p>
      ) : entries.length === 0 ? (
        <p className="muted">No payments yet.</p>
      ) : (
        <div className="ledger-scroll">
          <table className="ledger-table" aria-labelledby={titleId}>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Result</th>
                <th scope="col">Amount</th>
                <th scope="col">Identifiers</th>
                <th scope="col">Messages</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, index) => {
                const link = links[index];
                const requestSeq = link?.requestSeq;
                return (
                  <tr
                    key={e.poiTransactionId}
                    data-result={e.result}
                    data-reversed={e.reversed}
                    data-recovered={link?.recovered === true}
                    data-poi-transaction-id={e.poiTransactionId}
                    data-request-seq={requestSeq}
                    data-response-seq={link?.responseSeq}
                    className={`ledger-row ledger-${e.result}${e.reversed ? ' ledger-reversed' : ''}`}
                  >
                    <td className="mono">{timeOf(e.at)}</td>
                    <td className="ledger-result">
                      {resultWords(e)}
                      {link?.recovered === true && (
                        <span
                          className="ledger-recovered"
                          title="Its response was lost; the outcome came from TransactionStatus"
                        >
                          recovered
                        </span>
                      )}
                    </td>
                    <td className="num">
                      {formatMinor(e.amountMinor, e.currency)}
                      {e.authorisedMinor !== e.amountMinor && (
                        <span className="ledger-authorised">
                          {formatMinor(e.authorisedMinor, e.currency)} authorised
                        </span>
                      )}
                    </td>
                    <td>
                      {/* Stacked so that every id fits in full in the centre pane at 1280 px. */}
                      <dl className="ledger-ids">
                        <div>
                          <dt>POI transaction</dt>
                          <dd>
                            <Id id={e.poiTransactionId} shared={poiShared} />
                          </dd>
                        </div>
                        <div>
                          <dt>Sale transaction</dt>
                          <dd>
                            <Id id={e.saleTransactionId} shared={saleShared} />
                          </dd>
                        </div>
                        <div>
                          <dt>ServiceID</dt>
                          <dd className="mono">{e.serviceId}</dd>
                        </div>
                        <div>
                          <dt>SaleID</dt>
                          <dd className="mono">{e.saleId}</dd>
                        </div>
                      </dl>
                    </td>
                    <td>
                      {onShowMessages !== undefined && requestSeq !== undefined ? (
                        <button
                          type="button"
                          aria-label={`Show the messages of ${e.poiTransactionId} on the timeline`}
                          onClick={() => onShowMessages(requestSeq)}
                        >
                          Show messages
                        </button>
                      ) : (
                        <span className="muted">not on the timeline</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
