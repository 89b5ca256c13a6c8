import { useId, useState } from 'react';
import { formatMinor } from '@shared/protocol/money';
import type { LedgerEntry } from '@shared/trace/events';
import type { ComposerActions } from './composer-actions';
import { OutcomeLine } from './OutcomeLine';
import { useOperation } from './use-operation';

export interface ReversalFormProps {
  readonly reverse: ComposerActions['reverse'];
  readonly disabled: boolean;
  /** The ledger (approved, unreversed entries are offered); null without a simulator ledger. */
  readonly ledger: readonly LedgerEntry[] | null;
}

/** Sentinel option: let the core reverse the last approved payment. */
const LAST = '';

/** Reversal of an approved payment picked from the ledger (or the last approved one). */
export function ReversalForm({ reverse, disabled, ledger }: ReversalFormProps) {
  const id = useId();
  const [picked, setPicked] = useState(LAST);
  const [state, start] = useOperation();
  const candidates = (ledger ?? []).filter((e) => e.result !== 'declined' && !e.reversed);
  // A picked payment that was reversed meanwhile falls back to "last approved".
  const value = candidates.some((e) => e.poiTransactionId === picked) ? picked : LAST;
  const entry = candidates.find((e) => e.poiTransactionId === value);
  return (
    <form
      className="op-form"
      aria-label="Reversal"
      onSubmit={(e) => {
        e.preventDefault();
        void start(
          entry === undefined
            ? 'Reversal of the last approved payment'
            : `Reversal of ${formatMinor(entry.authorisedMinor, entry.currency)}`,
          () => reverse(value === LAST ? {} : { poiTransactionId: value }),
        );
      }}
    >
      <h3>Reversal</h3>
      <div className="op-fields">
        <label htmlFor={`${id}-payment`}>Approved payment</label>
        <select id={`${id}-payment`} value={value} onChange={(e) => setPicked(e.target.value)}>
          <option value={LAST}>Last approved payment</option>
          {candidates.map((c) => (
            <option key={c.poiTransactionId} value={c.poiTransactionId}>
              {`${formatMinor(c.authorisedMinor, c.currency)} · POI tx ${c.poiTransactionId}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={disabled}>
        Reverse
      </button>
      <OutcomeLine state={state} />
    </form>
  );
}
