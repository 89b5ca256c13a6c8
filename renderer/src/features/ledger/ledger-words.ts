import type { LedgerEntry } from '@shared/trace/events';
import { declineWords } from '../../words/error-conditions';

/** A ledger row's result as a person says it: "Approved", "Declined: refused (Refusal)". */
export function resultWords(entry: LedgerEntry): string {
  const head =
    entry.result === 'approved'
      ? 'Approved'
      : entry.result === 'partial'
        ? 'Partially approved'
        : `Declined: ${declineWords(entry.errorCondition)}`;
  return entry.reversed ? `${head}, reversed` : head;
}
